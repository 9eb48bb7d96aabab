"""Benchmark: `frontline verify` against plain SHA-256 over the same notebook entries.

Verifying the notebook chains recomputes the hash of every entry from its stored columns and
checks the seq and prev_hash links and the chain heads. Hashing cannot be avoided, so the
yardstick is plain `hashlib.sha256(data).hexdigest()` over the very bytes the verifier must
rebuild, on one core: the ratio verify_rate / sha_rate says how close verifying comes to hashing
alone. The target is a ratio of at least 0.25.

The run:

1. makes a fresh data directory (a temporary one unless --data-dir is given) and, with
   --database-url, a dedicated PostgreSQL database (`bench_verify`), dropped again at the end;
2. migrates, creates the officers (in teams of ten under a supervising sergeant) with one
   enrolled device each, and bulk-inserts N notebook entries (default 1,000,000) forming valid
   chains exactly as `frontline.notebook.services` makes them: the same canonical fields
   (`notebook_entry_fields`), `chain_hash` with `NOTEBOOK_TAG`, prev_hash links and one
   NotebookHead per officer. Entries arrive round-robin across officers, as they would in
   service, so the rows of one notebook are spread across the table rather than adjacent;
3. times plain SHA-256 over the canonical bytes of every entry (the bytes are built first; only
   the hashing loop is timed);
4. times the real command, `frontline verify --quiet`, in a subprocess (Python start-up and
   Django set-up included) and checks that it exits 0 and counted every entry; the in-process
   verifier (`notebook_chains_verify`) is timed too, for comparison;
5. prints entries/s for each and the ratio. Each timing is the best of --repeat runs. The exit
   status is 0 when the ratio meets the target, 2 when it does not, 1 when verification fails.

A temporary data directory and the PostgreSQL database are removed afterwards unless --keep is
given; a --data-dir given on the command line is left in place.

    make bench-verify
    .venv/bin/python bench/verify/run.py --entries 1000000 --officers 100
    .venv/bin/python bench/verify/run.py --database-url postgres://postgres@127.0.0.1:5432/test

The audit trail is left empty (the service would write one audit row per entry): the figures
are for the notebook chains alone.
"""

import argparse
import gc
import hashlib
import os
import platform
import random
import re
import resource
import subprocess
import sys
import time
import uuid
from collections import deque
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # bench/scratch.py
from scratch import data_dir_prepare, database_prepare, environment_configure

TARGET_RATIO = 0.25
BENCH_DATABASE = "bench_verify"
START = datetime(2025, 1, 5, 6, 0, tzinfo=UTC)
INSERT_CHUNK = 20_000  # entries per transaction while building
SEED = 20261128

VOCABULARY = (
    "attended address report of suspicious vehicle parked outside number spoke to informant "
    "who stated she had seen two males trying door handles at approx hours area searched with "
    "negative result vehicle index checked on PNC no trace owner contacted by phone advised re "
    "security crime reference given CAD incident closed resumed patrol stopped and searched "
    "under s1 PACE nothing found grounds given receipt issued witness details obtained statement "
    "to follow body worn video activated injuries none visible ambulance not required café Zoë "
    "£20 note recovered exhibit bag sealed handed to custody sergeant at station"
)


@dataclass(frozen=True)
class Timing:
    runs: list[float]

    @property
    def best(self) -> float:
        return min(self.runs)

    def rate(self, count: int) -> float:
        return count / self.best

    def describe(self) -> str:
        return ", ".join(f"{run:.2f}s" for run in self.runs)


def main(argv: list[str] | None = None) -> int:
    args = arguments_parse(argv)
    with (
        data_dir_prepare(
            args.data_dir, keep=args.keep, prefix="frontline-bench-verify-"
        ) as data_dir,
        database_prepare(args.database_url, name=BENCH_DATABASE, keep=args.keep) as database_url,
    ):
        environment_configure(data_dir, database_url)
        return benchmark_run(args, data_dir, database_url)


def arguments_parse(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=1_000_000, help="notebook entries in all")
    parser.add_argument("--officers", type=int, default=100, help="notebooks (chains)")
    parser.add_argument("--repeat", type=int, default=3, help="timed runs of each; best counts")
    parser.add_argument("--data-dir", help="a new or empty directory (default: a temporary one)")
    parser.add_argument(
        "--database-url",
        help="a PostgreSQL server to run on; a dedicated database "
        f"{BENCH_DATABASE!r} is created on it and dropped afterwards (default: SQLite)",
    )
    parser.add_argument(
        "--keep", action="store_true", help="keep the data directory and database afterwards"
    )
    args = parser.parse_args(argv)
    if args.officers < 1 or args.entries < args.officers:
        parser.error("need at least one officer and at least one entry per officer")
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    return args


def benchmark_run(args: argparse.Namespace, data_dir: Path, database_url: str | None) -> int:
    import django
    from django.core.management import call_command
    from django.db import connection

    django.setup()
    call_command("migrate", interactive=False, verbosity=0)
    vendor = connection.vendor
    progress(f"Building {args.entries:,} entries in {args.officers:,} notebooks on {vendor}")
    started = time.perf_counter()
    canonical = notebooks_build(args.entries, args.officers)
    build_seconds = time.perf_counter() - started
    mean_bytes = sum(map(len, canonical)) / len(canonical)
    progress(f"Built in {build_seconds:.0f}s; canonical form {mean_bytes:.0f} bytes on average")
    database_settle(connection)
    machine = machine_describe(connection)
    load_before = load_average()

    sha = sha256_time(canonical, args.repeat)
    del canonical
    gc.collect()
    in_process = verify_in_process_time(args.entries, args.repeat)
    command, exit_code, cpu_seconds = verify_command_time(
        data_dir, database_url, args.entries, args.repeat
    )

    n = args.entries
    ratio = command.rate(n) / sha.rate(n)
    print()
    print(f"Notebook chain verification: {n:,} entries in {args.officers:,} chains on {vendor}")
    print(f"  plain SHA-256 (one core)  {sha.rate(n):>10,.0f} entries/s   runs {sha.describe()}")
    print(
        f"  verify, in-process        {in_process.rate(n):>10,.0f} entries/s   "
        f"runs {in_process.describe()}   ratio {in_process.rate(n) / sha.rate(n):.3f}"
    )
    print(
        f"  frontline verify          {command.rate(n):>10,.0f} entries/s   "
        f"runs {command.describe()}   exit code {exit_code}   "
        f"CPU {cpu_seconds:.2f}s (its processes, not the database server)"
    )
    print(f"  ratio frontline verify / plain SHA-256: {ratio:.3f} (target >= {TARGET_RATIO})")
    print(f"  {machine}; load average {load_before} before timing, {load_average()} after")
    if args.keep:
        kept = f"FRONTLINE_ENVIRONMENT=development FRONTLINE_DATA_DIR={data_dir}"
        if database_url:
            kept += f" FRONTLINE_DATABASE_URL={database_url}"
        print(f"Kept: {kept}")
    if exit_code != 0:
        print("FAILED: frontline verify did not exit 0", file=sys.stderr)
        return 1
    return 0 if ratio >= TARGET_RATIO else 2


def notebooks_build(entries: int, officers: int) -> list[bytes]:
    """Insert valid notebook chains; return the canonical bytes of every entry, in insert order."""
    from django.db import connection, transaction

    from frontline.common.hashing import GENESIS_HASH, canonical_bytes, chain_hash
    from frontline.notebook.models import (
        CORRECTION,
        ENTRY,
        INSPECTION,
        SIGN_OFF,
        SUPPLEMENT,
        NotebookEntry,
        NotebookHead,
    )
    from frontline.notebook.services import NOTEBOOK_TAG, notebook_entry_fields

    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:  # keep the indexes being built in memory
            cursor.execute("PRAGMA cache_size = -1000000")
    rng = random.Random(SEED)
    people, supervisor_of, device_of = officers_create(officers, rng)
    texts = texts_make(rng)
    heads = {officer.pk: (0, GENESIS_HASH) for officer in people}
    recent = {officer.pk: deque(maxlen=20) for officer in people}
    canonical: list[bytes] = []
    pending: list = []
    clock = START
    started = time.perf_counter()
    for index in range(entries):
        officer = people[index % officers]
        if index % officers == 0:
            clock += timedelta(seconds=rng.randint(60, 3_000))
        seq, prev_hash = heads[officer.pk]
        seq += 1
        kind, author, supersedes_id, device = ENTRY, officer, None, device_of[officer.pk]
        roll = rng.random()
        if roll < 0.02 and supervisor_of[officer.pk] is not None:
            kind, author, device = INSPECTION, supervisor_of[officer.pk], None
        elif roll < 0.06 and recent[officer.pk]:
            kind, supersedes_id = CORRECTION, rng.choice(recent[officer.pk])
        elif roll < 0.10 and recent[officer.pk]:
            kind, supersedes_id = SUPPLEMENT, rng.choice(recent[officer.pk])
        elif roll < 0.15:
            kind = SIGN_OFF
        occurred_at = clock.replace(microsecond=0 if roll > 0.9 else rng.randrange(1_000_000))
        recorded_at = occurred_at + timedelta(microseconds=rng.randrange(1, 3_600_000_000))
        app_version = "2.3.1" if device is not None else ""
        entry_id = uuid.UUID(int=rng.getrandbits(128), version=4)
        fields = notebook_entry_fields(
            entry_id=entry_id, officer_id=officer.pk, author_id=author.pk, seq=seq, kind=kind,
            occurred_at=occurred_at, recorded_at=recorded_at, supersedes_id=supersedes_id,
            device_id=device.pk if device else None, app_version=app_version,
            text=rng.choice(texts), prev_hash=prev_hash,
        )  # fmt: skip
        digest = chain_hash(NOTEBOOK_TAG, fields)
        canonical.append(canonical_bytes(NOTEBOOK_TAG, fields))
        pending.append(
            NotebookEntry(
                id=entry_id, officer_id=officer.pk, author_id=author.pk, seq=seq, kind=kind,
                occurred_at=occurred_at, recorded_at=recorded_at, text=fields[10],
                supersedes_id=supersedes_id, device_id=device.pk if device else None,
                app_version=app_version, prev_hash=prev_hash, hash=digest,
            )
        )  # fmt: skip
        heads[officer.pk] = (seq, digest)
        if kind in (ENTRY, SIGN_OFF):
            recent[officer.pk].append(entry_id)
        if len(pending) == INSERT_CHUNK or index == entries - 1:
            with transaction.atomic():
                NotebookEntry.objects.bulk_create(pending)
            pending.clear()
            rate = (index + 1) / (time.perf_counter() - started)
            progress(f"  {index + 1:>12,} / {entries:,} entries ({rate:,.0f}/s)", end="\r")
    progress("")
    NotebookHead.objects.bulk_create(
        NotebookHead(officer_id=officer_id, seq=seq, hash=digest)
        for officer_id, (seq, digest) in heads.items()
    )
    return canonical


def officers_create(count: int, rng: random.Random):
    """Officers in teams of ten; the first of each team is its supervising sergeant."""
    from frontline.accounts import roles
    from frontline.accounts.models import Device, Officer, Station, Team

    station = Station.objects.create(code="BV", name="Bench Verify")
    people, supervisor_of, device_of = [], {}, {}
    team = sergeant = None
    for number in range(count):
        if number % 10 == 0:
            team = Team.objects.create(station=station, name=f"Team {number // 10 + 1}")
            sergeant = None
        officer = Officer.objects.create(
            collar_number=f"BV{number:05d}", given_name="Bench", family_name=f"Officer {number}",
            rank="Sergeant" if sergeant is None else "Police Constable",
            roles=[roles.SUPERVISOR] if sergeant is None else [roles.OFFICER],
            station=station, team=team, password="!",
        )  # fmt: skip
        supervisor_of[officer.pk] = sergeant
        sergeant = sergeant or officer
        device_of[officer.pk] = Device.objects.create(
            label=f"BV-{number:05d}", credential_hash=f"{rng.getrandbits(256):064x}",
            platform="Android 15", app_version="2.3.1",
        )  # fmt: skip
        people.append(officer)
    return people, supervisor_of, device_of


def texts_make(rng: random.Random, count: int = 5_000) -> list[str]:
    """Entry texts of 40 to 600 characters, built from pocket-notebook words."""
    vocabulary = VOCABULARY.split()
    texts = []
    for _ in range(count):
        target = rng.randint(40, 600)
        words: list[str] = []
        length = 0
        while length < target:
            words.append(rng.choice(vocabulary))
            length += len(words[-1]) + 1
        texts.append(" ".join(words)[:target].strip().capitalize() + ".")
    return texts


def database_settle(connection) -> None:
    """Leave the database as a long-running one would be: checkpointed, vacuumed, analysed."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("VACUUM ANALYZE")
        else:
            cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.close()


def sha256_time(canonical: list[bytes], repeat: int) -> Timing:
    sha256 = hashlib.sha256
    runs = []
    for _ in range(repeat):
        started = time.perf_counter()
        for data in canonical:
            sha256(data).hexdigest()
        runs.append(time.perf_counter() - started)
    progress(f"Plain SHA-256: {min(runs):.2f}s")
    return Timing(runs)


def verify_in_process_time(entries: int, repeat: int) -> Timing:
    from django.db import connection

    from frontline.notebook.integrity import notebook_chains_verify

    runs = []
    for _ in range(repeat):
        started = time.perf_counter()
        report = notebook_chains_verify()
        runs.append(time.perf_counter() - started)
        if report.rows != entries or report.breaks:
            sys.exit(f"error: in-process verify saw {report.rows:,} rows, {report.breaks[:3]}")
    connection.close()
    progress(f"In-process verify: {min(runs):.2f}s")
    return Timing(runs)


def verify_command_time(
    data_dir: Path, database_url: str | None, entries: int, repeat: int
) -> tuple[Timing, int, float]:
    """Run the real `frontline verify --quiet` and check that it read every entry.

    Returns the timings, the first non-zero exit code (or 0), and the least CPU time a run took
    in its own processes (user and system; the database server's work is not included).
    """
    command = [str(Path(sys.executable).with_name("frontline")), "verify", "--quiet",
               "--data-dir", str(data_dir)]  # fmt: skip
    runs, exit_code, cpu_seconds = [], 0, float("inf")
    for _ in range(repeat):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.perf_counter()
        result = subprocess.run(command, env=os.environ.copy(), capture_output=True, text=True)
        runs.append(time.perf_counter() - started)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu_seconds = min(
            cpu_seconds,
            after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime,
        )
        counted = re.search(r"^notebook: ([\d,]+) rows", result.stdout, re.MULTILINE)
        if result.returncode != 0 or not counted or int(counted[1].replace(",", "")) != entries:
            print(result.stdout, result.stderr, sep="\n", file=sys.stderr)
            exit_code = exit_code or result.returncode or 1
    progress(f"frontline verify: {min(runs):.2f}s (exit code {exit_code})")
    return Timing(runs), exit_code, cpu_seconds


def machine_describe(connection) -> str:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SHOW server_version")
            database = f"PostgreSQL {cursor.fetchone()[0]}"
    else:
        import sqlite3

        database = f"SQLite {sqlite3.sqlite_version}"
    return f"{os.cpu_count()} cores, Python {platform.python_version()}, {database}"


def load_average() -> str:
    return "/".join(f"{value:.1f}" for value in os.getloadavg())


def progress(message: str, end: str = "\n") -> None:
    print(message, end=end, file=sys.stderr, flush=True)


if __name__ == "__main__":
    sys.exit(main())
