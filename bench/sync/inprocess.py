"""In-process CPU cost of sync push and pull, through the real views (Django test client).

The HTTP benchmark (`run.py`) runs on a shared machine where every system's rate is bounded by
its CPU per record; this measures that CPU directly and can profile it, without gunicorn, the
clients or pouchdb competing for the cores:

    .venv/bin/python bench/sync/inprocess.py --database sqlite
    .venv/bin/python bench/sync/inprocess.py --database postgres --profile pull

It makes a fresh database (a SQLite file in a temporary directory, or the PostgreSQL database
named by --pg-database, created and dropped), enrols devices for a few officers of one team,
pushes batches of notebook entries, then pages every device through the feed from 0. It reports
records (or changes) per CPU-second of this process: the database server's own CPU is not
counted on PostgreSQL, so compare figures for one database only.
"""

import argparse
import contextlib
import cProfile
import io
import os
import pstats
import shutil
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from frontline.common.ids import uuid7

ROOT = Path(__file__).resolve().parents[2]
APP = {"HTTP_X_APP_VERSION": "1.4.0"}
PASSWORD = "correct-horse-battery"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--pg-url", default="postgres://postgres@127.0.0.1:5432")
    parser.add_argument("--pg-database", default="bench_sync_inprocess")
    parser.add_argument("--officers", type=int, default=4)
    parser.add_argument("--batches", type=int, default=40, help="pushes of --batch per officer")
    parser.add_argument("--batch", type=int, default=50)
    parser.add_argument("--limit", type=int, default=200)
    parser.add_argument(
        "--repeat", type=int, default=3, help="parts of the pushes, page-throughs (best kept)"
    )
    parser.add_argument(
        "--profile", choices=["push", "pull", "idle"], help="print a cProfile of one"
    )
    parser.add_argument(
        "--idle", type=int, default=500, help="pulls per device with nothing new (steady state)"
    )
    parser.add_argument("--top", type=int, default=35)
    args = parser.parse_args(argv)
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    work = Path(tempfile.mkdtemp(prefix="frontline-sync-inprocess-"))
    try:
        with _database(args, work):
            return _run(args)
    finally:
        shutil.rmtree(work, ignore_errors=True)


@contextlib.contextmanager
def _database(args, work: Path):
    os.environ["FRONTLINE_ENVIRONMENT"] = "demo"
    os.environ["FRONTLINE_DATA_DIR"] = str(work)
    if args.database == "sqlite":
        os.environ.pop("FRONTLINE_DATABASE_URL", None)
        yield
        return
    import psycopg
    from psycopg import sql

    base = args.pg_url.rstrip("/")
    name = sql.Identifier(args.pg_database)
    with psycopg.connect(base + "/postgres", autocommit=True) as admin:
        admin.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(name))
        admin.execute(sql.SQL("CREATE DATABASE {}").format(name))
    os.environ["FRONTLINE_DATABASE_URL"] = f"{base}/{args.pg_database}"
    try:
        yield
    finally:
        from django.db import connections

        connections.close_all()
        with psycopg.connect(base + "/postgres", autocommit=True) as admin:
            admin.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(name))


def _run(args) -> int:
    sys.path.insert(0, str(ROOT / "src"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "frontline.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.test import Client

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.ALLOWED_HOSTS = ["*"]
    call_command("migrate", verbosity=0)
    held = _write_transactions_timed()
    devices = _devices(args.officers)
    client = Client()

    def push_all(batches):
        for _ in range(batches):
            for device in devices:
                response = client.post(
                    "/api/v1/sync/push",
                    {"mutations": [device.mutation() for _ in range(args.batch)]},
                    content_type="application/json",
                    **device.headers,
                )
                assert response.status_code == 200, response.content[:300]

    def pull_all():
        changes = 0
        for device in devices:
            device.cursor = "0"
            cursor = "0"
            while True:
                response = client.get(
                    "/api/v1/sync/pull", {"cursor": cursor, "limit": args.limit}, **device.headers
                )
                assert response.status_code == 200, response.content[:300]
                page = response.json()
                changes += len(page["changes"])
                cursor = device.cursor = page["cursor"]
                if not page["more"]:
                    break
        return changes

    def pull_idle():
        # At force scale most pulls find nothing new: a device polls from its own cursor.
        for _ in range(args.idle):
            for device in devices:
                response = client.get(
                    "/api/v1/sync/pull", {"cursor": device.cursor, "limit": 100}, **device.headers
                )
                assert response.status_code == 200 and response.json()["changes"] == []

    # Warm up (imports, URL resolver, schema builds) outside the measurement.
    for device in devices:
        client.post(
            "/api/v1/sync/push",
            {"mutations": [device.mutation()]},
            content_type="application/json",
            **device.headers,
        )
        client.get("/api/v1/sync/pull", {"cursor": "0", "limit": 1}, **device.headers)
    # The pushes in --repeat parts; the best part is kept (the machine may be shared).
    part = max(1, args.batches // args.repeat)
    records = part * len(devices) * args.batch
    best = None
    if held is not None:
        held.clear()  # only the measured pushes' transactions
    for attempt in range(args.repeat):
        seconds = _cpu(
            lambda: push_all(part), profile=args.profile == "push" and attempt == 0, top=args.top
        )
        best = seconds if best is None else min(best, seconds)
    print(f"push: {records:,} records in {best:.2f} CPU-s = {records / best:,.0f} per CPU-s")
    if held is not None:
        _held_report(held, args.batch)
    best, changes = None, 0
    for attempt in range(args.repeat):
        holder = {}
        seconds = _cpu(
            lambda holder=holder: holder.setdefault("n", pull_all()),
            profile=args.profile == "pull" and attempt == 0,
            top=args.top,
        )
        changes = holder["n"]
        best = seconds if best is None else min(best, seconds)
    print(f"pull: {changes:,} changes in {best:.2f} CPU-s = {changes / best:,.0f} per CPU-s")
    requests = args.idle * len(devices)
    seconds = _cpu(pull_idle, profile=args.profile == "idle", top=args.top)
    print(
        f"idle pull: {requests:,} requests in {seconds:.2f} CPU-s = "
        f"{seconds / requests * 1000:.2f} ms each (through Django's middleware, without HTTP)"
    )
    return 0


def _write_transactions_timed() -> list | None:
    """SQLite: record the CPU each write transaction takes from BEGIN IMMEDIATE to the end of
    its COMMIT, the time the single write lock is held and every other writer waits. What a
    push does there bounds a served SQLite's push rate once the lock is busy. None on
    PostgreSQL, whose writers do not queue on one lock."""
    from django.db import connection

    if connection.vendor != "sqlite":
        return None
    wrapper = type(connection._connections[connection._alias])  # Frontline's SQLite backend
    begin, commit = wrapper._start_transaction_under_autocommit, wrapper._commit
    held, started = [], {}

    def timed_begin(self):
        started["cpu"] = time.thread_time()
        return begin(self)

    def timed_commit(self):
        before = time.thread_time()
        try:
            return commit(self)
        finally:
            end = time.thread_time()
            if "cpu" in started:
                held.append((end - started.pop("cpu"), end - before))

    wrapper._start_transaction_under_autocommit = timed_begin
    wrapper._commit = timed_commit
    return held


def _held_report(held: list, batch: int) -> None:
    inside = sorted(total for total, _ in held)
    commits = sorted(commit for _, commit in held)
    middle = len(inside) // 2
    print(
        f"write lock held per push of {batch} (CPU, median of {len(inside)} pushes): "
        f"{inside[middle] * 1000:.2f} ms, of which COMMIT {commits[middle] * 1000:.2f} ms"
    )


def _cpu(work, *, profile: bool, top: int) -> float:
    profiler = cProfile.Profile() if profile else None
    start = time.process_time()
    if profiler:
        profiler.enable()
    work()
    if profiler:
        profiler.disable()
    seconds = time.process_time() - start
    if profiler:
        out = io.StringIO()
        pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(top)
        out.write("\n")
        pstats.Stats(profiler, stream=out).sort_stats("tottime").print_stats(top)
        print(out.getvalue())
    return seconds


class _Device:
    def __init__(self, token: str, credential: str):
        self.headers = {
            "HTTP_AUTHORIZATION": f"Bearer {token}",
            "HTTP_X_DEVICE_CREDENTIAL": credential,
            **APP,
        }
        self.seq = 0
        self.cursor = "0"

    def mutation(self) -> dict:
        self.seq += 1
        # UUIDv7 ids, as the officer app makes them (pwa/crypto.js).
        return {
            "mutation_id": str(uuid7()),
            "device_seq": self.seq,
            "type": "notebook.entry",
            "op": "create",
            "id": str(uuid7()),
            "payload": {
                "kind": "entry",
                "occurred_at": (datetime.now(UTC) - timedelta(minutes=5)).isoformat(),
                "text": f"Attended King Street, spoke to the informant ({self.seq}).",
            },
        }


def _devices(count: int) -> list[_Device]:
    from frontline.accounts import roles
    from frontline.accounts.models import Station, Team
    from frontline.accounts.services import (
        device_enrol,
        device_sign_in,
        enrolment_code_issue,
        officer_create,
    )

    station = Station.objects.create(code="BS", name="Bench Station")
    team = Team.objects.create(station=station, name="Bench Team")
    devices = []
    for index in range(count):
        collar = f"PC{9000 + index}"
        officer_create(
            collar_number=collar,
            given_name="Bench",
            family_name=f"Officer {index}",
            password=PASSWORD,
            officer_roles=[roles.OFFICER],
            station=station,
            team=team,
        )
        issued = enrolment_code_issue(actor=None, label=f"bench {index}")
        device, credential = device_enrol(code=issued.code, app_version="1.4.0")
        token = device_sign_in(device=device, collar_number=collar, password=PASSWORD).token
        devices.append(_Device(token, credential))
    return devices


if __name__ == "__main__":
    sys.exit(main())
