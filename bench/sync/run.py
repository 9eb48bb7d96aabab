"""Benchmark: Frontline sync push and pull, against a raw insert and against pouchdb-server.

What is measured, all in one run, on loopback only:

* Frontline PUSH: simulated devices, each enrolled with its own one-time code and signed in as
  one of the demo officers who keep a notebook (PC1001..PC1011, PS2001..PS2003, IN3001), push
  batches of `notebook.entry` create mutations concurrently to `POST /api/v1/sync/push` of a real
  `frontline serve` (gunicorn). Records/s, and p50/p95 latency per request.
* Frontline PULL: every device pages through `GET /api/v1/sync/pull?cursor=&limit=` from 0.
  Changes/s, p50/p95 per page.
* RAW insert: the same rows a push writes, into scratch copies of the four tables it writes
  them to (each copy with the table's columns, keys, unique constraints, indexes and foreign
  keys), on the same database, with the same transaction pattern: one transaction per batch
  holding, per record, the notebook entry, the mutation row with its stored response, the
  change-feed row and the audit event (`executemany` per table), with no HTTP, auth,
  validation, hashing or head rows. Measured twice, with one connection and with as many
  connections as the server has request threads; the faster is the yardstick. For comparison
  with earlier reports, the entry rows alone are also inserted over one connection (the
  yardstick before 2026-11-29, which left out three of the four rows a push must write).
* pouchdb-server, installed from the npm registry into a temporary directory at run time:
  `POST /{db}/_bulk_docs` with the same documents, batch size and concurrency, and
  `GET /{db}/_changes?since=&limit=&include_docs=true` with the same page size. Each officer
  gets a database of their own (the CouchDB way, and the kindest layout for pouchdb: no filter).

The machine is shared, so the work is split into rounds and every round runs each system side by
side, in a rotating order; the reported rate is the median over rounds, and each ratio is the
median of the per-round ratios. Targets: push/pouchdb >= 1.5, push/raw >= 0.4,
pull/pouchdb-changes >= 1.5.

Everything is bounded: the measured phases stop at --seconds (the report then says so), every
request has a timeout, set-up steps have timeouts, and a watchdog interrupts the run if it
overruns. The server processes and temporary directories (and, for PostgreSQL, the dedicated
database) are removed at the end, however the run ends.

    .venv/bin/python bench/sync/run.py --database sqlite
    .venv/bin/python bench/sync/run.py --database postgres --devices 40 --records 24000 --batch 50

Needs Node.js 20 and npm (for pouchdb-server); `--no-pouchdb` skips that part. For PostgreSQL,
--pg-url names the server (default postgres://postgres@127.0.0.1:5432); the benchmark creates
and drops its own database (--pg-database, default bench_sync).
"""

import argparse
import contextlib
import http.client
import json
import os
import platform
import random
import re
import shutil
import signal
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from importlib import metadata
from pathlib import Path

from frontline.common.ids import uuid7

ROOT = Path(__file__).resolve().parents[2]
APP_VERSION = "1.0.0"
SYNC_TYPE = "notebook.entry"
# Demo officers whose roles include `officer`: they keep a pocket notebook.
NOTEBOOK_OFFICERS = [f"PC{1001 + i}" for i in range(11)] + ["PS2001", "PS2002", "PS2003", "IN3001"]
FLEET_MANAGER = "ST4001"
TARGETS = {"push_pouchdb": 1.5, "push_raw": 0.4, "pull_pouchdb": 1.5}
REQUEST_TIMEOUT = 300
# A served worker's WAL checkpointing (frontline.common.walcheckpoint's defaults), given to the
# raw SQLite inserts too.
CHECKPOINT_SECONDS = 0.25
CHECKPOINT_CEILING_PAGES = 25_000
SETUP_ALLOWANCE = 1200  # seconds the watchdog allows beyond --seconds for set-up and clean-up
# The tables a push of one notebook entry writes a row to, in the order it writes them. The
# benchmark reads their columns from the database and fills each from `RawDatabase.rows`.
PUSH_TABLES = ["notebook_notebookentry", "sync_mutation", "sync_change", "audit_auditevent"]
VOCABULARY = (
    "attended address report of suspicious vehicle parked outside number spoke to informant "
    "who stated she had seen two males trying door handles at approx hours area searched with "
    "negative result vehicle index checked on PNC no trace owner contacted by phone advised re "
    "security crime reference given CAD incident closed resumed patrol stopped and searched "
    "under s1 PACE nothing found grounds given receipt issued witness details obtained "
    "statement to follow body worn video activated injuries none visible ambulance not "
    "required café Zoë £20 note recovered exhibit bag sealed handed to custody sergeant at "
    "station"
)
WORDS = VOCABULARY.split()

STOP = threading.Event()


class BenchError(Exception):
    """A failure that ends the run; `shows_log` when the message already holds the server's
    log (else the end of the log is printed after it)."""

    def __init__(self, message: str, *, shows_log: bool = False):
        super().__init__(message)
        self.shows_log = shows_log


# --- measurement ------------------------------------------------------------------------------


@dataclass
class Phase:
    """One system's work in one round: items moved, requests, wall time and latencies."""

    items: int = 0
    requests: int = 0
    seconds: float = 0.0
    latencies: list[float] = field(default_factory=list)
    truncated: bool = False
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def record(self, items: int, latency: float) -> None:
        with self.lock:
            self.items += items
            self.requests += 1
            self.latencies.append(latency)

    @property
    def rate(self) -> float:
        return self.items / self.seconds if self.seconds else 0.0


def phase_run(tasks: list, concurrency: int, work: Callable, deadline: float) -> Phase:
    """Run `work(task, phase, deadline)` for every task on a bounded pool; time the whole."""
    phase = Phase()
    failure: list[BaseException] = []

    def guarded(task):
        if STOP.is_set() or failure:
            return
        try:
            if not work(task, phase, deadline):
                phase.truncated = True
        except BaseException as exc:
            failure.append(exc)
            STOP.set()

    start = time.perf_counter()
    with ThreadPoolExecutor(max_workers=max(1, concurrency)) as pool:
        list(pool.map(guarded, tasks))
    phase.seconds = time.perf_counter() - start
    if failure:
        raise failure[0]
    return phase


def percentile(values: list[float], fraction: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))
    return ordered[index]


def running(deadline: float) -> bool:
    return not STOP.is_set() and time.monotonic() < deadline


# --- HTTP -------------------------------------------------------------------------------------


class Http:
    """One keep-alive connection to a loopback server, as one device would hold."""

    def __init__(self, port: int):
        self.port = port
        self.conn: http.client.HTTPConnection | None = None

    def request(self, method: str, path: str, body=None, headers=None):
        """(status, body bytes, seconds from sending to the last byte of the response)."""
        data = json.dumps(body).encode() if body is not None else None
        headers = dict(headers or {})
        if data is not None:
            headers["Content-Type"] = "application/json"
        for attempt in (1, 2):
            if self.conn is None:
                self.conn = http.client.HTTPConnection(
                    "127.0.0.1", self.port, timeout=REQUEST_TIMEOUT
                )
            start = time.perf_counter()
            try:
                self.conn.request(method, path, body=data, headers=headers)
                response = self.conn.getresponse()
                payload = response.read()
            except (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError):
                # An idle keep-alive connection closed by the server: reconnect once. A push
                # sent again is safe (the replay gets the stored response).
                self.close()
                if attempt == 2:
                    raise
                continue
            elapsed = time.perf_counter() - start
            if response.will_close:
                self.close()
            return response.status, payload, elapsed
        raise AssertionError("unreachable")

    def json(self, method: str, path: str, body=None, headers=None, expect=(200, 201)):
        status, payload, _ = self.request(method, path, body, headers)
        if status not in expect:
            raise BenchError(f"{method} {path}: HTTP {status}: {payload[:500]!r}")
        return json.loads(payload) if payload else None

    def close(self) -> None:
        if self.conn is not None:
            self.conn.close()
            self.conn = None


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_http(port: int, path: str, process: subprocess.Popen, log: Path, timeout: float):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and not STOP.is_set():
        if process.poll() is not None:
            raise BenchError(
                f"server exited with {process.returncode}:\n{tail(log)}", shows_log=True
            )
        with contextlib.suppress(OSError, http.client.HTTPException):
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            try:
                conn.request("GET", path)
                if conn.getresponse().status == 200:
                    return
            finally:
                conn.close()
        time.sleep(0.3)
    raise BenchError(
        f"no answer on port {port} within {timeout:.0f} s:\n{tail(log)}", shows_log=True
    )


def tail(path: Path, lines: int = 30) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return ""


# --- processes --------------------------------------------------------------------------------


class Processes:
    """Processes this benchmark started, each in its own process group, stopped by group id."""

    def __init__(self):
        self.started: list[subprocess.Popen] = []

    def start(self, argv: list[str], *, env: dict, log: Path, cwd: Path) -> subprocess.Popen:
        handle = log.open("ab")
        try:
            process = subprocess.Popen(
                argv,
                env=env,
                cwd=cwd,
                stdout=handle,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                start_new_session=True,
            )
        finally:
            handle.close()
        self.started.append(process)
        return process

    def stop_all(self) -> None:
        for process in reversed(self.started):
            stop(process)
        self.started.clear()


def stop(process: subprocess.Popen) -> None:
    if process.poll() is not None:
        return
    for sig, wait in ((signal.SIGTERM, 25), (signal.SIGKILL, 10)):
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, sig)  # the group this benchmark created for it
        try:
            process.wait(timeout=wait)
            break
        except subprocess.TimeoutExpired:
            continue
    # Workers of a stopped master may linger for a moment; make sure the group is gone.
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)


def run_checked(argv: list[str], *, env: dict, timeout: float, what: str, cwd=None) -> str:
    try:
        result = subprocess.run(
            argv,
            env=env,
            cwd=cwd or ROOT,
            capture_output=True,
            text=True,
            timeout=timeout,
            stdin=subprocess.DEVNULL,
        )
    except subprocess.TimeoutExpired:
        raise BenchError(f"{what} did not finish within {timeout:.0f} s") from None
    if result.returncode != 0:
        raise BenchError(f"{what} failed ({result.returncode}):\n{result.stdout}{result.stderr}")
    return result.stdout


# --- the database -----------------------------------------------------------------------------


@contextlib.contextmanager
def postgres_database(server_url: str, name: str) -> Iterator[str]:
    """A fresh, dedicated database, dropped at the end."""
    import psycopg
    from psycopg import sql

    if not re.fullmatch(r"[a-z_][a-z0-9_]{0,62}", name) or name in {"postgres", "template1"}:
        raise BenchError(f"refusing to use {name!r} as the benchmark database")
    base = server_url.rstrip("/")
    with psycopg.connect(base + "/postgres", autocommit=True) as admin:
        admin.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    try:
        yield f"{base}/{name}"
    finally:
        with psycopg.connect(base + "/postgres", autocommit=True) as admin:
            admin.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )


class RawDatabase:
    """Plain inserts into scratch copies of the tables a push writes, on the server's database.

    A scratch set is named by a prefix: `{prefix}_{table}` for each of its tables."""

    def __init__(self, *, sqlite_path: Path | None, database_url: str | None):
        self.sqlite_path = sqlite_path
        self.database_url = database_url
        self.tables: list[str] = []
        self._seqs: dict[str, int] = {}

    @property
    def postgres(self) -> bool:
        return self.database_url is not None

    def connect(self):
        if self.postgres:
            import psycopg

            return psycopg.connect(self.database_url, autocommit=True)
        conn = sqlite3.connect(
            self.sqlite_path, timeout=30, isolation_level=None, check_same_thread=False
        )
        # The server's own settings (frontline.settings): WAL, synchronous=FULL, foreign keys;
        # and, as in a served worker (common/walcheckpoint.py), commits leave the log to a
        # checkpointing thread up to the same ceiling (see `checkpoints`).
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=FULL")
        conn.execute("PRAGMA foreign_keys=ON")
        conn.execute(f"PRAGMA wal_autocheckpoint={CHECKPOINT_CEILING_PAGES}")
        return conn

    @contextlib.contextmanager
    def checkpoints(self):
        """SQLite: while the block runs, checkpoint the log from a thread of its own every
        CHECKPOINT_SECONDS (PASSIVE), as each served worker does, so the raw inserts are not
        handicapped by checkpointing inside their commits where the server's are not."""
        if self.postgres:
            yield
            return
        stop = threading.Event()

        def loop():
            conn = self.connect()
            try:
                while not stop.wait(CHECKPOINT_SECONDS):
                    conn.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()
            finally:
                conn.close()

        thread = threading.Thread(target=loop, name="raw-checkpoint", daemon=True)
        thread.start()
        try:
            yield
        finally:
            stop.set()
            thread.join()

    def scalar(self, query: str, params=()):
        conn = self.connect()
        try:
            return conn.execute(query, params).fetchone()
        finally:
            conn.close()

    def officers(self, collars: list[str]) -> dict[str, tuple[str, str | None]]:
        """collar -> (officer id, team id)."""
        conn = self.connect()
        try:
            marks = ", ".join(["%s" if self.postgres else "?"] * len(collars))
            rows = conn.execute(
                "SELECT collar_number, id, team_id FROM accounts_officer "
                f"WHERE collar_number IN ({marks})",
                collars,
            ).fetchall()
        finally:
            conn.close()
        return {
            collar: (str(uuid.UUID(str(pk))), str(uuid.UUID(str(team))) if team else None)
            for collar, pk, team in rows
        }

    def version(self) -> str:
        if self.postgres:
            return "PostgreSQL " + self.scalar("SHOW server_version")[0]
        return "SQLite " + sqlite3.sqlite_version

    def scratch_create(self, prefix: str, tables: list[str]) -> dict[str, tuple[str, list]]:
        """Copies of `tables`: table -> (copy, its columns as the database lists them)."""
        copies = {}
        conn = self.connect()
        try:
            for table in tables:
                name = f"{prefix}_{table}"
                if self.postgres:
                    self._scratch_postgres(conn, table, name)
                else:
                    self._scratch_sqlite(conn, table, name)
                self.tables.append(name)
                copies[table] = (name, self._columns(conn, name))
        finally:
            conn.close()
        return copies

    def _scratch_sqlite(self, conn, table: str, name: str) -> None:
        # Tables and indexes only: triggers (the audit trail refuses updates) fire on no INSERT.
        rows = conn.execute(
            "SELECT type, name, sql FROM sqlite_master WHERE tbl_name = ? AND sql IS NOT NULL "
            "AND type IN ('table', 'index') ORDER BY type = 'index'",
            (table,),
        ).fetchall()
        if not rows:
            raise BenchError(f"no table {table} in the server's database")
        for number, (kind, object_name, ddl) in enumerate(rows):
            if kind == "index":
                ddl = ddl.replace(f'"{object_name}"', f'"{name}_ix{number}"', 1)
            conn.execute(ddl.replace(f'"{table}"', f'"{name}"'))

    def _scratch_postgres(self, conn, table: str, name: str) -> None:
        conn.execute(f'CREATE TABLE "{name}" (LIKE {table} INCLUDING ALL)')
        foreign = conn.execute(
            "SELECT pg_get_constraintdef(oid) FROM pg_constraint "
            "WHERE conrelid = %s::regclass AND contype = 'f'",
            (table,),
        ).fetchall()
        for number, (definition,) in enumerate(foreign):
            conn.execute(f'ALTER TABLE "{name}" ADD CONSTRAINT "{name}_fk{number}" {definition}')

    def _columns(self, conn, name: str) -> list[str]:
        if self.postgres:
            rows = conn.execute(
                "SELECT column_name FROM information_schema.columns WHERE table_name = %s",
                (name,),
            ).fetchall()
            return [row[0] for row in rows]
        return [row[1] for row in conn.execute(f'PRAGMA table_info("{name}")').fetchall()]

    def insert_sql(self, name: str, columns: list[str]) -> str:
        marks = ", ".join(["%s" if self.postgres else "?"] * len(columns))
        return f'INSERT INTO "{name}" ({", ".join(columns)}) VALUES ({marks})'

    def insert_batches(
        self, conn, statements: list[str], batches: list[list[tuple]], phase, deadline
    ) -> bool:
        """Each batch is a list of records, each record a tuple of rows (one per statement):
        one transaction per batch, one `executemany` per table."""
        for records in batches:
            if not running(deadline):
                return False
            per_table = list(zip(*records, strict=True))
            start = time.perf_counter()
            if self.postgres:
                with conn.transaction():
                    cursor = conn.cursor()
                    for sql, rows in zip(statements, per_table, strict=True):
                        cursor.executemany(sql, rows)
            else:
                conn.execute("BEGIN IMMEDIATE")  # as Django's transaction_mode IMMEDIATE
                try:
                    for sql, rows in zip(statements, per_table, strict=True):
                        conn.executemany(sql, rows)
                    conn.execute("COMMIT")
                except BaseException:
                    conn.execute("ROLLBACK")
                    raise
            phase.record(len(records), time.perf_counter() - start)
        return True

    def _next(self, counter: str) -> int:
        self._seqs[counter] = self._seqs.get(counter, 0) + 1
        return self._seqs[counter]

    def rows(
        self, prefix: str, tables, record: dict, *, officer: tuple, device_id: str, seq: int
    ) -> tuple:
        """The rows a push of `record` writes, one per table of `tables`, as the server stores
        them (the hashes are random stand-ins of the same length)."""
        officer_id, team_id = officer
        at = datetime.now(UTC)
        mutation_id = uuid.UUID(record["mutation_id"])
        record_id = uuid.UUID(record["id"])
        values = {
            "id": record_id,
            "mutation_id": mutation_id,
            "record_id": record_id,
            "officer_id": uuid.UUID(officer_id),
            "author_id": uuid.UUID(officer_id),
            "owner_id": uuid.UUID(officer_id),
            "actor_id": uuid.UUID(officer_id),
            "team_id": uuid.UUID(team_id) if team_id else None,
            "device_id": uuid.UUID(device_id),
            "device_seq": record["device_seq"],
            "kind": record["kind"],
            "occurred_at": datetime.fromisoformat(record["occurred_at"]),
            "recorded_at": at,
            "received_at": at,
            "committed_at": at,
            "at": at,
            "text": record["text"],
            "supersedes_id": None,
            "app_version": APP_VERSION,
            "type": SYNC_TYPE,
            "op": "create",
            "payload_hash": uuid.uuid4().hex * 2,
            "response": json.dumps(
                {"mutation_id": record["mutation_id"], "version": 1, "status": "applied"}
            ),
            "version": 1,
            "scope": "owner",
            "action": "notebook.entry",
            "object_type": SYNC_TYPE,
            "object_id": str(record_id),
            "justification": "",
            "detail": json.dumps({"officer": uuid.UUID(officer_id).hex, "seq": seq}),
            "prev_hash": uuid.uuid4().hex * 2,
            "hash": uuid.uuid4().hex * 2,
        }
        if not self.postgres:  # Django's SQLite storage: hex UUIDs, text datetimes
            for key, value in values.items():
                if isinstance(value, uuid.UUID):
                    values[key] = value.hex
                elif isinstance(value, datetime):
                    values[key] = value.astimezone(UTC).replace(tzinfo=None).isoformat(" ")
        rows = []
        for table, columns in tables.items():
            row = dict(values)
            if table == "notebook_notebookentry":
                row["seq"] = seq
            else:  # the change feed's and the audit trail's own sequences
                row["seq"] = self._next(f"{prefix}_{table}")
            if table == "sync_change":
                row["op"] = "upsert"
            unknown = [column for column in columns if column not in row]
            if unknown:
                raise BenchError(f"{table} has columns the benchmark does not fill: {unknown}")
            rows.append(tuple(row[column] for column in columns))
        return tuple(rows)

    def drop_scratch(self) -> None:
        if not self.tables:
            return
        conn = self.connect()
        try:
            for name in self.tables:
                conn.execute(f'DROP TABLE IF EXISTS "{name}"')
        finally:
            conn.close()


# --- the simulated fleet ----------------------------------------------------------------------


@dataclass
class Device:
    index: int
    collar: str
    credential: str = ""
    token: str = ""
    device_id: str = ""
    seq: int = 0
    rounds: list[list[list[dict]]] = field(default_factory=list)  # round -> batches -> records

    def headers(self) -> dict:
        return {
            "Authorization": f"Bearer {self.token}",
            "X-Device-Credential": self.credential,
            "X-App-Version": APP_VERSION,
        }


def entry_text(rng: random.Random) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(12, 60))).capitalize() + "."


def records_plan(devices: list[Device], *, records: int, rounds: int, batch: int, seed: int):
    """Split the records into rounds, then round-robin over devices, then into batches.

    Each device makes its entries one after another over an 8-hour shift, and gives each the
    UUIDv7 ids the officer app makes (pwa/crypto.js): in time order on one device, interleaved
    across devices."""
    rng = random.Random(seed)
    base = datetime.now(UTC) - timedelta(hours=8)
    spacing = timedelta(hours=8) / max(1, -(-records // max(1, len(devices))))
    per_round = [records // rounds + (1 if r < records % rounds else 0) for r in range(rounds)]
    for count in per_round:
        mine: list[list[dict]] = [[] for _ in devices]
        for k in range(count):
            device = devices[k % len(devices)]
            device.seq += 1
            made = base + spacing * device.seq + timedelta(milliseconds=rng.randint(0, 999))
            millis = int(made.timestamp() * 1000)
            mine[device.index].append(
                {
                    "id": str(uuid7(millis, rng.randbytes(10))),
                    "mutation_id": str(uuid7(millis, rng.randbytes(10))),
                    "device_seq": device.seq,
                    "kind": "entry",
                    # Written up to five minutes after what it records.
                    "occurred_at": (made - timedelta(seconds=rng.randint(0, 300))).isoformat(),
                    "text": entry_text(rng),
                }
            )
        for device, items in zip(devices, mine, strict=True):
            device.rounds.append([items[i : i + batch] for i in range(0, len(items), batch)])


def fleet_enrol(port: int, devices: list[Device], *, first_code: str, password: str) -> None:
    """A fleet manager's device issues one code per device; each device enrols and signs in."""
    http = Http(port)
    try:
        enrolled = http.json("POST", "/api/v1/devices/enrol", {"code": first_code, "label": "fm"})
        manager = {"X-Device-Credential": enrolled["credential"], "X-App-Version": APP_VERSION}
        signed = http.json(
            "POST",
            "/api/v1/auth/sign-in",
            {"collar_number": FLEET_MANAGER, "password": password},
            manager,
        )
        manager["Authorization"] = f"Bearer {signed['token']}"
        for device in devices:
            issued = http.json(
                "POST",
                "/api/v1/devices/enrolment-codes",
                {"label": f"bench-{device.index:03d}"},
                manager,
            )
            enrol = http.json(
                "POST",
                "/api/v1/devices/enrol",
                {"code": issued["code"], "label": f"bench-{device.index:03d}"},
            )
            device.credential = enrol["credential"]
            device.device_id = str(enrol["device_id"])
            signed = http.json(
                "POST",
                "/api/v1/auth/sign-in",
                {"collar_number": device.collar, "password": password},
                {"X-Device-Credential": device.credential, "X-App-Version": APP_VERSION},
            )
            device.token = signed["token"]
    finally:
        http.close()


# --- the three systems ------------------------------------------------------------------------


def frontline_push(port: int, devices: list[Device], round_no: int, concurrency, deadline):
    def work(device: Device, phase: Phase, deadline: float) -> bool:
        http = Http(port)
        try:
            for records in device.rounds[round_no]:
                if not running(deadline):
                    return False
                body = {
                    "mutations": [
                        {
                            "mutation_id": r["mutation_id"],
                            "device_seq": r["device_seq"],
                            "type": SYNC_TYPE,
                            "op": "create",
                            "id": r["id"],
                            "payload": {
                                "kind": r["kind"],
                                "occurred_at": r["occurred_at"],
                                "text": r["text"],
                            },
                        }
                        for r in records
                    ]
                }
                status, payload, elapsed = http.request(
                    "POST", "/api/v1/sync/push", body, device.headers()
                )
                if status != 200:
                    raise BenchError(f"push: HTTP {status}: {payload[:500]!r}")
                result = json.loads(payload)
                bad = [r for r in result["results"] if r["status"] != "applied"]
                if bad or result["acked_device_seq"] < records[-1]["device_seq"]:
                    raise BenchError(
                        f"push not applied: {bad[:3]} acked {result['acked_device_seq']}"
                    )
                phase.record(len(records), elapsed)
            return True
        finally:
            http.close()

    return phase_run(devices, concurrency, work, deadline)


def frontline_pull(port: int, devices: list[Device], limit: int, concurrency, deadline, seen):
    def work(device: Device, phase: Phase, deadline: float) -> bool:
        http = Http(port)
        cursor, ids = "0", []
        try:
            while running(deadline):
                status, payload, elapsed = http.request(
                    "GET",
                    f"/api/v1/sync/pull?cursor={cursor}&limit={limit}",
                    None,
                    device.headers(),
                )
                if status != 200:
                    raise BenchError(f"pull: HTTP {status}: {payload[:500]!r}")
                page = json.loads(payload)
                if page["reset"]:
                    raise BenchError("pull: unexpected reset")
                ids.extend(change["id"] for change in page["changes"])
                phase.record(len(page["changes"]), elapsed)
                cursor = page["cursor"]
                if not page["more"]:
                    seen[device.index] = ids
                    return True
            return False
        finally:
            http.close()

    return phase_run(devices, concurrency, work, deadline)


def raw_insert(raw: RawDatabase, copies: dict, plan: list, concurrency, deadline):
    """`plan`: one list of batches (of records, each a tuple of rows in the order of `copies`)
    per device, run over `concurrency` connections."""
    statements = [raw.insert_sql(name, columns) for name, columns in copies.values()]
    local = threading.local()
    opened: list = []
    opened_lock = threading.Lock()

    def work(batches, phase: Phase, deadline: float) -> bool:
        if not hasattr(local, "conn"):
            local.conn = raw.connect()
            with opened_lock:
                opened.append(local.conn)
        return raw.insert_batches(local.conn, statements, batches, phase, deadline)

    try:
        with raw.checkpoints():
            return phase_run(plan, concurrency, work, deadline)
    finally:
        for conn in opened:
            conn.close()


def pouch_db_name(collar: str) -> str:
    return "officer_" + collar.lower()


def pouch_push(port: int, devices: list[Device], round_no: int, concurrency, deadline):
    def work(device: Device, phase: Phase, deadline: float) -> bool:
        http = Http(port)
        path = f"/{pouch_db_name(device.collar)}/_bulk_docs"
        try:
            for records in device.rounds[round_no]:
                if not running(deadline):
                    return False
                docs = [
                    {
                        "_id": r["id"],
                        "type": SYNC_TYPE,
                        "kind": r["kind"],
                        "occurred_at": r["occurred_at"],
                        "text": r["text"],
                    }
                    for r in records
                ]
                status, payload, elapsed = http.request("POST", path, {"docs": docs})
                if status not in (200, 201):
                    raise BenchError(f"_bulk_docs: HTTP {status}: {payload[:500]!r}")
                bad = [r for r in json.loads(payload) if not r.get("ok")]
                if bad:
                    raise BenchError(f"_bulk_docs refused documents: {bad[:3]}")
                phase.record(len(records), elapsed)
            return True
        finally:
            http.close()

    return phase_run(devices, concurrency, work, deadline)


def pouch_pull(port: int, devices: list[Device], limit: int, concurrency, deadline, seen):
    def work(device: Device, phase: Phase, deadline: float) -> bool:
        http = Http(port)
        since, ids = 0, []
        path = f"/{pouch_db_name(device.collar)}/_changes?include_docs=true&limit={limit}"
        try:
            while running(deadline):
                status, payload, elapsed = http.request("GET", f"{path}&since={since}")
                if status != 200:
                    raise BenchError(f"_changes: HTTP {status}: {payload[:500]!r}")
                page = json.loads(payload)
                ids.extend(change["id"] for change in page["results"])
                phase.record(len(page["results"]), elapsed)
                since = page["last_seq"]
                if len(page["results"]) < limit:
                    seen[device.index] = ids
                    return True
            return False
        finally:
            http.close()

    return phase_run(devices, concurrency, work, deadline)


def pulled_check(name: str, devices: list[Device], seen: dict, rounds_pushed: int) -> None:
    """Every device must have pulled every record pushed for its officer."""
    expected: dict[str, set] = {}
    for device in devices:
        mine = expected.setdefault(device.collar, set())
        for batches in device.rounds[:rounds_pushed]:
            for records in batches:
                mine.update(r["id"] for r in records)
    for device in devices:
        got = set(seen.get(device.index, ()))
        missing = expected[device.collar] - got
        if missing:
            raise BenchError(f"{name}: device {device.index} missed {len(missing)} records")


# --- pouchdb-server ---------------------------------------------------------------------------


def pouch_install(work: Path, reuse: str | None) -> Path:
    """node_modules/.bin/pouchdb-server, from the npm registry into a temporary directory."""
    if reuse:
        binary = Path(reuse).resolve() / "node_modules" / ".bin" / "pouchdb-server"
        if not binary.exists():
            raise BenchError(f"no pouchdb-server under {reuse}")
        return binary
    target = work / "pouchdb"
    target.mkdir()
    (target / "package.json").write_text('{"name": "bench-pouchdb", "private": true}\n')
    print("Installing pouchdb-server from npm (takes a minute or two) ...", flush=True)
    run_checked(
        ["npm", "install", "--no-audit", "--no-fund", "--loglevel=error", "pouchdb-server@4"],
        env=dict(os.environ),
        timeout=600,
        what="npm install pouchdb-server",
        cwd=target,
    )
    return target / "node_modules" / ".bin" / "pouchdb-server"


def pouch_version(binary: Path) -> str:
    package = binary.parent.parent / "pouchdb-server" / "package.json"
    try:
        return json.loads(package.read_text())["version"]
    except (OSError, ValueError, KeyError):
        return "?"


def pouch_start(args, work: Path, processes: Processes, devices: list[Device]) -> int:
    """Install and start pouchdb-server on a free loopback port, with one database per officer."""
    binary = pouch_install(work, args.pouchdb_dir)
    args.pouchdb_version = pouch_version(binary)
    data = work / "pouch-data"
    data.mkdir()
    port = free_port()
    log = work / "pouchdb.log"
    process = processes.start(
        [str(binary), "--port", str(port), "--host", "127.0.0.1", "--dir", str(data),
         "--config", str(data / "config.json"), "--no-stdout-logs", "--no-color"],
        env=dict(os.environ),
        log=log,
        cwd=data,
    )  # fmt: skip
    wait_http(port, "/", process, log, 60)
    admin = Http(port)
    try:
        for collar in sorted({d.collar for d in devices}):
            admin.json("PUT", f"/{pouch_db_name(collar)}", expect=(201,))
    finally:
        admin.close()
    return port


# --- the run ----------------------------------------------------------------------------------


@dataclass
class Results:
    push: list[Phase] = field(default_factory=list)
    pull: list[Phase] = field(default_factory=list)
    raw_many: list[Phase] = field(default_factory=list)
    raw_one: list[Phase] = field(default_factory=list)
    raw_entry: list[Phase] = field(default_factory=list)
    pouch_push: list[Phase] = field(default_factory=list)
    pouch_pull: list[Phase] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


PHASES = ["push", "pull", "raw_many", "raw_one", "raw_entry", "pouch_push", "pouch_pull"]


def server_env(data_dir: Path, database_url: str | None, extra: list[str] = ()) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith("FRONTLINE_")}
    env.update(FRONTLINE_ENVIRONMENT="demo", FRONTLINE_DATA_DIR=str(data_dir))
    # Every simulated device enrols and signs in from 127.0.0.1 within seconds: lift the
    # per-address limits on those two (set-up only; push and pull are not rate-limited).
    env.update(FRONTLINE_RATE_ENROLMENT="10000/m", FRONTLINE_RATE_SIGN_IN="10000/m")
    if database_url:
        env["FRONTLINE_DATABASE_URL"] = database_url
    for setting in extra:  # --server-env, to compare settings side by side
        name, _, value = setting.partition("=")
        env[name] = value
    return env


def benchmark(args, work: Path, processes: Processes, database_url: str | None) -> Results:
    data_dir = work / "data"
    data_dir.mkdir()
    env = server_env(data_dir, database_url, args.server_env)
    frontline = [sys.executable, "-m", "frontline.cli"]
    print(f"Setting up the demo data ({args.database}) ...", flush=True)
    out = run_checked(
        [*frontline, "demo", "--no-serve", "--data-dir", str(data_dir)],
        env=env,
        timeout=300,
        what="frontline demo --no-serve",
    )
    password = re.search(r"password for all: ([^)\s]+)", out).group(1)
    first_code = re.search(r"Device enrolment code .*: ([A-Z2-9]{12})", out).group(1)

    raw = RawDatabase(
        sqlite_path=None if database_url else data_dir / "frontline.db", database_url=database_url
    )
    port = free_port()
    serve = [*frontline, "serve", "--port", str(port), "--data-dir", str(data_dir)]
    if args.workers:
        serve += ["--workers", str(args.workers)]
    if args.threads:
        serve += ["--threads", str(args.threads)]
    server = processes.start(serve, env=env, log=work / "frontline.log", cwd=ROOT)
    wait_http(port, "/api/v1/health", server, work / "frontline.log", 90)
    # The layout the server chose (its defaults depend on the database), as it announced it.
    layout = re.search(
        r"with (\d+) workers x (\d+) threads", (work / "frontline.log").read_text(errors="replace")
    )
    if layout is None:
        raise BenchError("frontline serve did not say how many workers and threads it runs")
    args.server_workers, args.server_threads_each = int(layout.group(1)), int(layout.group(2))
    # As many raw connections as the server can run transactions at once.
    args.server_threads = args.server_workers * args.server_threads_each

    devices = [
        Device(index=i, collar=NOTEBOOK_OFFICERS[i % len(NOTEBOOK_OFFICERS)])
        for i in range(args.devices)
    ]
    print(f"Enrolling {len(devices)} devices and signing officers in ...", flush=True)
    fleet_enrol(port, devices, first_code=first_code, password=password)
    records_plan(
        devices, records=args.records, rounds=args.rounds, batch=args.batch, seed=args.seed
    )

    pouch_port = None if args.no_pouchdb else pouch_start(args, work, processes, devices)

    officers = raw.officers(sorted({d.collar for d in devices}))
    scratch = {
        "raw_many": raw.scratch_create("bench_raw_many", PUSH_TABLES),
        "raw_one": raw.scratch_create("bench_raw_one", PUSH_TABLES),
        "raw_entry": raw.scratch_create("bench_raw_entry", PUSH_TABLES[:1]),
    }
    raw_seq: dict[tuple[str, str], int] = {}

    def raw_plan(phase: str, round_no: int) -> list[list[list[tuple]]]:
        tables = {table: columns for table, (_, columns) in scratch[phase].items()}
        plan = []
        for device in devices:
            batches = []
            for records in device.rounds[round_no]:
                rows = []
                for record in records:
                    key = (phase, device.collar)
                    raw_seq[key] = raw_seq.get(key, 0) + 1
                    rows.append(
                        raw.rows(
                            phase,
                            tables,
                            record,
                            officer=officers[device.collar],
                            device_id=device.device_id,
                            seq=raw_seq[key],
                        )
                    )
                batches.append(rows)
            plan.append(batches)
        return plan

    args.database_version = raw.version()
    results = Results()
    load_before = os.getloadavg()[0]
    deadline = time.monotonic() + args.seconds
    for round_no in range(args.rounds):
        if not running(deadline):
            break
        many = raw_plan("raw_many", round_no)
        one = raw_plan("raw_one", round_no)
        entry = raw_plan("raw_entry", round_no)
        steps = [
            ("push", lambda r: frontline_push(port, devices, r, args.concurrency, deadline)),
            ("raw_many", lambda r, plan=many: raw_insert(
                raw, scratch["raw_many"], plan, args.server_threads, deadline)),
            ("raw_one", lambda r, plan=one: raw_insert(
                raw, scratch["raw_one"], plan, 1, deadline)),
            ("raw_entry", lambda r, plan=entry: raw_insert(
                raw, scratch["raw_entry"], plan, 1, deadline)),
        ]  # fmt: skip
        if pouch_port:
            steps.append(
                (
                    "pouch_push",
                    lambda r: pouch_push(pouch_port, devices, r, args.concurrency, deadline),
                )
            )
        for name, step in rotated(steps, round_no):
            if running(deadline):
                phase = step(round_no)
                getattr(results, name).append(phase)
                phase_print(round_no, name, phase)

    # Each device must pull every record pushed for its officer, if every push ran in full.
    complete = {
        "pull": len(results.push) == args.rounds and not any(p.truncated for p in results.push),
        "pouch_pull": len(results.pouch_push) == args.rounds
        and not any(p.truncated for p in results.pouch_push),
    }
    pullers = [("pull", frontline_pull, port)]
    if pouch_port:
        pullers.append(("pouch_pull", pouch_pull, pouch_port))
    for round_no in range(args.rounds):
        for name, puller, target_port in rotated(pullers, round_no):
            if not running(deadline):
                break
            seen: dict[int, list] = {}
            phase = puller(target_port, devices, args.limit, args.concurrency, deadline, seen)
            if complete[name] and not phase.truncated:
                pulled_check(name, devices, seen, args.rounds)
            getattr(results, name).append(phase)
            phase_print(round_no, name, phase)

    results.notes.append(
        f"Load average (1 min) before / after the measured phases: {load_before:.1f} / "
        f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs (the machine is shared)."
    )
    phases = [p for name in PHASES for p in getattr(results, name)]
    if not running(deadline) or any(p.truncated for p in phases):
        results.notes.append(f"The --seconds bound ({args.seconds:g} s) cut the run short.")
    raw.drop_scratch()
    stop(server)
    if not args.no_verify:
        print("Verifying every hash chain (frontline verify) ...", flush=True)
        report = run_checked(
            [*frontline, "verify", "--quiet", "--data-dir", str(data_dir)],
            env=env,
            timeout=600,
            what="frontline verify",
        )
        results.notes.append("`frontline verify` after the run: " + report.strip().splitlines()[-1])
    return results


def rotated(steps: list, round_no: int) -> list:
    shift = round_no % len(steps)
    return steps[shift:] + steps[:shift]


def phase_print(round_no: int, name: str, phase: Phase) -> None:
    print(
        f"  round {round_no + 1} {name:<10} {phase.items:>7,} in {phase.seconds:6.2f} s "
        f"= {phase.rate:>8,.0f}/s  p50 {percentile(phase.latencies, 0.5) * 1000:6.1f} ms"
        f"  p95 {percentile(phase.latencies, 0.95) * 1000:6.1f} ms"
        + ("  (cut short by --seconds)" if phase.truncated else ""),
        flush=True,
    )


# --- the report -------------------------------------------------------------------------------


def median_rate(phases: list[Phase]) -> float:
    return statistics.median(p.rate for p in phases) if phases else 0.0


def pooled(phases: list[Phase], fraction: float) -> float:
    return percentile([x for p in phases for x in p.latencies], fraction) * 1000


def round_ratios(top: list[Phase], bottom: list[Phase]) -> list[float]:
    return [a.rate / b.rate for a, b in zip(top, bottom, strict=False) if b.rate]


def report(args, results: Results, command: str) -> str:
    raw_best = max(median_rate(results.raw_many), median_rate(results.raw_one))
    raw_name = (
        f"{args.server_threads} connections"
        if median_rate(results.raw_many) >= median_rate(results.raw_one)
        else "1 connection"
    )
    raw_rounds = [
        max(a.rate, b.rate) for a, b in zip(results.raw_many, results.raw_one, strict=False)
    ]
    pairs = {
        "push_pouchdb": round_ratios(results.push, results.pouch_push),
        "push_raw": [p.rate / r for p, r in zip(results.push, raw_rounds, strict=False) if r],
        "pull_pouchdb": round_ratios(results.pull, results.pouch_pull),
    }
    entry_ratios = round_ratios(results.push, results.raw_entry)
    lines = [
        f"## Sync benchmark: {args.database} ({datetime.now(UTC):%Y-%m-%d %H:%M} UTC)",
        "",
        f"Command: `{command}`",
        "",
        f"- Machine: {os.cpu_count()} CPUs, {platform.system()} {platform.release()}, "
        f"Python {platform.python_version()}, {args.database_version}, Django "
        f"{metadata.version('django')}, gunicorn {metadata.version('gunicorn')}",
        f"- Frontline server: `frontline serve`, {args.server_workers} workers x "
        f"{args.server_threads_each} threads (gthread), FRONTLINE_ENVIRONMENT=demo (enrolment "
        "and sign-in rate limits lifted for set-up)"
        + "".join(f", {setting}" for setting in args.server_env),
        f"- pouchdb-server {getattr(args, 'pouchdb_version', 'not run')} (npm, LevelDOWN on disk, "
        "one database per officer), Node " + node_version(),
        f"- Load: {args.devices} devices over {min(args.devices, len(NOTEBOOK_OFFICERS))} "
        f"officers, {args.records:,} records in {args.rounds} rounds, batch {args.batch}, "
        f"pull/changes limit {args.limit}, {args.concurrency} concurrent clients "
        "(one keep-alive connection each)",
        "",
        "| measure | rate (median of rounds) | p50 ms | p95 ms | requests | items |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    rows = [
        ("Frontline push (records/s)", results.push),
        ("Frontline pull (changes/s)", results.pull),
        (
            f"Raw insert of a push's rows, {args.server_threads} connections (records/s)",
            results.raw_many,
        ),
        ("Raw insert of a push's rows, 1 connection (records/s)", results.raw_one),
        ("Raw insert of the entry rows alone, 1 connection (rows/s)", results.raw_entry),
        ("pouchdb `_bulk_docs` (docs/s)", results.pouch_push),
        ("pouchdb `_changes` (changes/s)", results.pouch_pull),
    ]
    for name, phases in rows:
        if not phases:
            lines.append(f"| {name} | not run | | | | |")
            continue
        lines.append(
            f"| {name} | {median_rate(phases):,.0f} | {pooled(phases, 0.5):.1f} | "
            f"{pooled(phases, 0.95):.1f} | {sum(p.requests for p in phases):,} | "
            f"{sum(p.items for p in phases):,} |"
        )
    lines += [
        "",
        "| ratio (median of per-round ratios) | value | target | verdict |",
        "| --- | ---: | ---: | --- |",
    ]
    names = {
        "push_pouchdb": "push / pouchdb `_bulk_docs`",
        "push_raw": (
            f"push / raw insert of the same rows (faster of the two: {raw_name}, "
            f"{raw_best:,.0f} records/s)"
        ),
        "pull_pouchdb": "pull / pouchdb `_changes`",
    }
    for key, label in names.items():
        values = pairs[key]
        if not values:
            lines.append(f"| {label} | not run | >= {TARGETS[key]} | |")
            continue
        value = statistics.median(values)
        target = TARGETS[key]
        verdict = (
            "met"
            if value >= target
            else f"MISSED: {value / target:.0%} of target ({target / value:.1f}x short)"
        )
        lines.append(f"| {label} | {value:.3g} | >= {target} | {verdict} |")
    if entry_ratios:
        lines.append(
            f"| push / raw insert of the entry rows alone (no target; the yardstick of reports "
            f"before 2026-11-29) | {statistics.median(entry_ratios):.3g} | | |"
        )
    lines += [
        "",
        "Per round (items/s; the systems ran one after another in a rotating order):",
        "",
        "| round | push | raw many | raw one | raw entry | pouchdb bulk | pull | pouchdb changes |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for i in range(args.rounds):
        cells = []
        for phases in (
            results.push,
            results.raw_many,
            results.raw_one,
            results.raw_entry,
            results.pouch_push,
            results.pull,
            results.pouch_pull,
        ):
            cells.append(f"{phases[i].rate:,.0f}" if i < len(phases) else "-")
        lines.append(f"| {i + 1} | " + " | ".join(cells) + " |")
    if results.notes:
        lines += ["", *[f"- {note}" for note in results.notes]]
    return "\n".join(lines) + "\n"


def node_version() -> str:
    try:
        return subprocess.run(
            ["node", "--version"], capture_output=True, text=True, timeout=10, check=True
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return "?"


def arguments_parse(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--devices", type=int, default=40, help="simulated devices (1..500)")
    parser.add_argument("--records", type=int, default=24_000, help="notebook entries in all")
    parser.add_argument("--batch", type=int, default=50, help="mutations per push (1..500)")
    parser.add_argument("--limit", type=int, default=200, help="pull and _changes page size")
    parser.add_argument("--rounds", type=int, default=3, help="side-by-side rounds (1..20)")
    parser.add_argument(
        "--concurrency", type=int, default=None, help="clients at once (default: --devices)"
    )
    parser.add_argument(
        "--seconds", type=float, default=900, help="bound on all measured phases together"
    )
    parser.add_argument("--workers", type=int, default=None, help="frontline serve --workers")
    parser.add_argument(
        "--threads", type=int, default=None, help="frontline serve --threads (default: its own)"
    )
    parser.add_argument(
        "--server-env",
        action="append",
        default=[],
        metavar="FRONTLINE_NAME=VALUE",
        help="a setting for the server (repeatable), e.g. FRONTLINE_SQLITE_CHECKPOINT_MS=0",
    )
    parser.add_argument("--pg-url", default="postgres://postgres@127.0.0.1:5432")
    parser.add_argument("--pg-database", default="bench_sync")
    parser.add_argument("--no-pouchdb", action="store_true", help="skip pouchdb-server")
    parser.add_argument(
        "--pouchdb-dir", help="reuse a directory where `npm install pouchdb-server` was run"
    )
    parser.add_argument("--no-verify", action="store_true", help="skip `frontline verify`")
    parser.add_argument("--seed", type=int, default=20261128)
    parser.add_argument("--out", help="results file (default: var/bench-sync-DATABASE.md)")
    args = parser.parse_args(argv)
    if not 1 <= args.devices <= 500:
        parser.error("--devices must be 1..500")
    if not 1 <= args.batch <= 500:
        parser.error("--batch must be 1..500 (the server's MAX_BATCH)")
    if not 1 <= args.limit <= 1000:
        parser.error("--limit must be 1..1000 (the server's MAX_LIMIT)")
    if not 1 <= args.rounds <= 20:
        parser.error("--rounds must be 1..20")
    if not 1 <= args.records <= 2_000_000:
        parser.error("--records must be 1..2,000,000")
    if not 1 <= args.seconds <= 3600:
        parser.error("--seconds must be 1..3600")
    for setting in args.server_env:
        if not re.fullmatch(r"FRONTLINE_[A-Z0-9_]+=.*", setting):
            parser.error(f"--server-env takes FRONTLINE_NAME=VALUE, not {setting!r}")
    args.concurrency = max(1, min(args.concurrency or args.devices, args.devices))
    return args


def main(argv: list[str] | None = None) -> int:
    args = arguments_parse(argv)
    command = "python bench/sync/run.py " + " ".join(sys.argv[1:] if argv is None else argv)

    def interrupted(signum, frame):
        STOP.set()
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, interrupted)
    signal.signal(signal.SIGINT, interrupted)
    watchdog = threading.Timer(
        args.seconds + SETUP_ALLOWANCE, lambda: os.kill(os.getpid(), signal.SIGINT)
    )
    watchdog.daemon = True
    watchdog.start()

    processes = Processes()
    work = Path(tempfile.mkdtemp(prefix="frontline-bench-sync-"))
    try:
        with contextlib.ExitStack() as stack:
            database_url = None
            if args.database == "postgres":
                database_url = stack.enter_context(postgres_database(args.pg_url, args.pg_database))
            stack.callback(processes.stop_all)  # before the database is dropped
            results = benchmark(args, work, processes, database_url)
        text = report(args, results, command)
        print()
        print(text)
        out = Path(args.out) if args.out else ROOT / "var" / f"bench-sync-{args.database}.md"
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(text)
        print(f"Written to {out}")
        return 0
    except BenchError as exc:
        print(f"benchmark failed: {exc}", file=sys.stderr)
        log = work / "frontline.log"
        if not exc.shows_log and log.exists():
            # An HTTP 500 says nothing of its cause; the server's log does.
            print(f"the server's log, last lines:\n{tail(log, 40)}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("benchmark interrupted; cleaning up", file=sys.stderr)
        return 130
    finally:
        watchdog.cancel()
        STOP.set()
        processes.stop_all()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
