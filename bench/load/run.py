"""Force-scale load: N officer devices on shift against one `frontline serve`.

Each simulated device, signed in on its own enrolled install, does what the officer app does:

- polls `GET /sync/pull` every --poll seconds (default 60), from its own cursor;
- checks in with the fleet register (`POST /fleet/check-ins`) every --check-in seconds (default
  900, as the app does after a sync);
- pushes each record as it is made (`POST /sync/push`, one mutation): --records-per-shift per
  --shift-hours (default 50 in 8 hours), arriving at random (Poisson), with --burst times the
  rate in the last --burst-minutes of the run, as at shift end;
- uploads a photo (POST /uploads, then PATCH with the bytes) before one record in
  --photo-every;
- runs person and vehicle checks (`POST /checks/persons` with a name and date of birth, half the
  time misspelt, or `POST /checks/vehicles` with a whole or partial registration, each with a
  reason) at --checks-per-shift, against --reference synthetic persons and as many vehicles
  loaded by bench/checks' loader (real search keys, indexes built after loading).

Arrivals are scheduled open-loop: a request's latency is measured from when it was due, not
from when a connection came free, so a server that falls behind shows it (no coordinated
omission). The generator runs in one process with asyncio and a pool of keep-alive connections,
on loopback only, and stops after the time it is given.

It reports, per step of --scale (multipliers of the device count, to find the breaking point):
requests/s achieved against due, p50/p95/p99 latency per endpoint, errors, the server's CPU
(all its processes, in cores) and memory (RSS), and the generator's own CPU.

    .venv/bin/python bench/load/run.py --database postgres --devices 20000 --seconds 120
    .venv/bin/python bench/load/run.py --database postgres --devices 20000 --scale 1,1.5,2,3
    .venv/bin/python bench/load/run.py --database sqlite --devices 2000   # a station

The target (issue 9): one 2-core machine holds 20,000 devices in steady state at p95 < 200 ms
with no errors.
"""

import argparse
import asyncio
import hashlib
import json
import os
import random
import subprocess
import sys
import tempfile
import time
import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # bench/scratch.py
from scratch import free_port, run

FRONTLINE = [sys.executable, "-m", "frontline.cli"]
APP_VERSION = "1.4.0"
# Officers, their enrolled devices and shift sessions are made straight in the database (the
# sign-in path is not what is measured); tokens and credentials are known to the generator.
SETUP = """
import sys, django; django.setup()
from datetime import timedelta
from django.db import transaction
from frontline.accounts.models import Device, DeviceSession, Officer, Station, Team
from frontline.accounts.services import secret_hash
from frontline.common.clock import now

count, per_team = int(sys.argv[1]), 20
with transaction.atomic():
    station = Station.objects.create(code="LD", name="Load station")
    teams = Team.objects.bulk_create(
        [Team(station=station, name=f"Team {t}") for t in range((count + per_team - 1) // per_team)]
    )
    officers = Officer.objects.bulk_create([
        Officer(collar_number=f"L{i:06d}", given_name="Load", family_name=f"Officer {i}",
                roles=["officer"], station=station, team=teams[i // per_team], password="!")
        for i in range(count)
    ], batch_size=2000)
    devices = Device.objects.bulk_create([
        Device(label=f"load {i}", credential_hash=secret_hash(f"credential-{i}"),
               app_version="1.4.0", last_seen_at=now())
        for i in range(count)
    ], batch_size=2000)
    DeviceSession.objects.bulk_create([
        DeviceSession(token_hash=secret_hash(f"token-{i}"), officer=officers[i],
                      device=devices[i], expires_at=now() + timedelta(hours=12))
        for i in range(count)
    ], batch_size=2000)
print(",".join(str(d.pk) for d in devices))
"""
# Reference data for checks, loaded by bench/checks' loader; prints what to search for.
REFERENCE = """
import importlib.util, json, random, sys, django; django.setup()
from django.db import connection
spec = importlib.util.spec_from_file_location("bench_checks", sys.argv[1])
loader = importlib.util.module_from_spec(spec); spec.loader.exec_module(loader)
count = int(sys.argv[2])
persons, plates = loader.reference_load(connection, random.Random(2026), count, count)
print(json.dumps({"persons": persons[:2000], "plates": plates[:2000]}))
"""
COUNT_ENTRIES = """
import django; django.setup()
from frontline.notebook.models import NotebookEntry
print(NotebookEntry.objects.count())
"""
CHECKS_LOADER = Path(__file__).resolve().parent.parent / "checks" / "run.py"
PHOTO_BYTES = 120_000


@dataclass
class Device:
    index: int
    device_id: str
    cursor: str = ""
    seq: int = 0

    @property
    def headers(self) -> dict:
        return {
            "Authorization": f"Bearer token-{self.index}",
            "X-Device-Credential": f"credential-{self.index}",
            "X-App-Version": APP_VERSION,
        }


@dataclass
class Step:
    scale: float
    seconds: float
    latencies: dict = field(default_factory=lambda: defaultdict(list))
    errors: dict = field(default_factory=lambda: defaultdict(int))
    due: int = 0
    done: int = 0
    server_cpu: float = 0.0
    server_rss: int = 0
    generator_cpu: float = 0.0
    applied: int = 0  # pushes answered `applied`: records the server acknowledged
    sent: int = 0  # pushes sent, answered or not
    postgres_cpu: float = 0.0  # every postgres process on the machine, in cores
    machine_busy: float = 0.0  # all cores, 0..1, whatever ran them
    load_before: float = 0.0
    load_after: float = 0.0

    def latencies_all(self) -> list[float]:
        return [value for values in self.latencies.values() for value in values]


class Pool:
    """Keep-alive HTTP/1.1 connections to the server, handed out one request at a time."""

    def __init__(self, port: int, size: int):
        self.port = port
        self.free: asyncio.Queue = asyncio.Queue()
        for _ in range(size):
            self.free.put_nowait(None)

    async def request(self, method: str, path: str, headers: dict, body: bytes = b""):
        connection = await self.free.get()
        try:
            lines = [f"{method} {path} HTTP/1.1", "Host: 127.0.0.1"]
            lines += [f"{name}: {value}" for name, value in headers.items()]
            lines.append(f"Content-Length: {len(body)}")
            message = ("\r\n".join(lines) + "\r\n\r\n").encode() + body
            for attempt in (1, 2):
                reused = connection is not None
                if connection is None:
                    connection = await asyncio.open_connection("127.0.0.1", self.port)
                try:
                    connection[1].write(message)
                    await connection[1].drain()
                    status, payload, keep = await _response(connection[0])
                except (ConnectionError, EmptyResponse):
                    connection[1].close()
                    connection = None
                    if reused and attempt == 1:
                        continue  # the server closed an idle keep-alive connection: reconnect
                    raise
                if not keep:
                    connection[1].close()
                    connection = None
                return status, payload
        except BaseException:
            if connection is not None:
                connection[1].close()
            connection = None
            raise
        finally:
            self.free.put_nowait(connection)


class EmptyResponse(ConnectionError):
    """The connection closed before a status line arrived."""


async def _response(reader):
    status_line = await reader.readline()
    if not status_line:
        raise EmptyResponse("connection closed before a response")
    status = int(status_line.split()[1])
    length, chunked, keep = 0, False, True
    while True:
        line = (await reader.readline()).decode("latin-1").strip()
        if not line:
            break
        name, _, value = line.partition(":")
        name, value = name.lower(), value.strip()
        if name == "content-length":
            length = int(value)
        elif name == "transfer-encoding" and "chunked" in value.lower():
            chunked = True
        elif name == "connection" and value.lower() == "close":
            keep = False
    if chunked:
        body = b""
        while True:
            size = int((await reader.readline()).strip(), 16)
            if size == 0:
                await reader.readline()
                break
            body += await reader.readexactly(size)
            await reader.readline()
    else:
        body = await reader.readexactly(length) if length else b""
    return status, body, keep


def main(argv=None) -> int:
    args = _arguments(argv)
    with tempfile.TemporaryDirectory(prefix="frontline-load-") as work:
        env = {k: v for k, v in os.environ.items() if not k.startswith("FRONTLINE_")}
        env.update(FRONTLINE_ENVIRONMENT="demo", FRONTLINE_DATA_DIR=work)
        database = None
        if args.database == "postgres":
            database = f"bench_load_{uuid.uuid4().hex[:8]}"
            _psql(args.postgres_url, f'CREATE DATABASE "{database}"')
            env["FRONTLINE_DATABASE_URL"] = args.postgres_url.rsplit("/", 1)[0] + "/" + database
        try:
            return _benchmark(args, env, Path(work))
        finally:
            if database:
                _psql(args.postgres_url, f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')


def _benchmark(args, env: dict, work: Path) -> int:
    print(f"setting up {args.devices:,} officers and devices ({args.database}) ...", flush=True)
    run([*FRONTLINE, "migrate"], env)
    top = max(args.scale)
    count = int(args.devices * top)
    made = run(
        [sys.executable, "-c", SETUP, str(count)],
        {**env, "DJANGO_SETTINGS_MODULE": "frontline.settings"},
    )
    ids = made.strip().splitlines()[-1].split(",")
    devices = [Device(i, ids[i]) for i in range(count)]
    reference = {"persons": [], "plates": []}
    if args.reference and args.checks_per_shift:
        print(f"loading {args.reference:,} persons and vehicles to check ...", flush=True)
        loaded = run(
            [sys.executable, "-c", REFERENCE, str(CHECKS_LOADER), str(args.reference)],
            {**env, "DJANGO_SETTINGS_MODULE": "frontline.settings"},
        )
        reference = json.loads(loaded.strip().splitlines()[-1])
    port = free_port()
    log = (work / "server.log").open("w")
    server = subprocess.Popen(
        [
            *FRONTLINE,
            "serve",
            "--port",
            str(port),
            "--workers",
            str(args.workers),
            "--threads",
            str(args.threads),
        ],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        _wait_healthy(port, server)
        steps, acknowledged, sent = asyncio.run(_drive(args, port, devices, server.pid, reference))
    finally:
        server.terminate()
        server.wait(timeout=60)
    settings = {**env, "DJANGO_SETTINGS_MODULE": "frontline.settings"}
    held = int(run([sys.executable, "-c", COUNT_ENTRIES], settings).strip().splitlines()[-1])
    verified = subprocess.run([*FRONTLINE, "verify"], env=env, capture_output=True, text=True)
    # A push the generator gave up on (timeout) may still have committed: the app would send
    # it again and be told `duplicate`. So: every acknowledged record held, none invented.
    ok_records = acknowledged <= held <= sent and verified.returncode == 0
    records = (
        f"Records acknowledged {acknowledged:,}, on the server {held:,}, sent {sent:,} "
        f"({'every acknowledged one held' if ok_records else 'MISMATCH'}); "
        f"`frontline verify`: {'passed' if verified.returncode == 0 else 'FAILED'}."
    )
    print(_report(args, steps) + "\n\n" + records)
    if args.out:
        Path(args.out).write_text(_report(args, steps) + "\n\n" + records + "\n")
    first = steps[0]
    ok = _p(first.latencies_all(), 0.95) < 0.2 and not sum(first.errors.values())
    return 0 if ok and ok_records else 2


async def _drive(args, port, devices: list[Device], server_pid: int, reference) -> list[Step]:
    pool = Pool(port, args.connections)
    rng = random.Random(args.seed)
    photo = os.urandom(PHOTO_BYTES)
    steps = []
    acknowledged = sent = 0
    # Every device starts from the current end of the feed: steady state, not a first sync.
    head = await _feed_head(pool, devices[0])
    for device in devices:
        device.cursor = head
    if args.warm_up:
        # Every worker process and thread imports, connects and fills its caches on its first
        # requests; a server in service has done so long ago. Not measured.
        warm = argparse.Namespace(**{**vars(args), "seconds": args.warm_up})
        step = Step(args.scale[0], args.warm_up)
        active = devices[: int(args.devices * args.scale[0])]
        await _run_step(warm, pool, active, step, rng, photo, server_pid, reference)
        print(f"warm-up ({args.warm_up:g} s, not counted): {_step_line(step)}", flush=True)
        acknowledged, sent = acknowledged + step.applied, sent + step.sent
    for scale in args.scale:
        step = Step(scale, args.seconds)
        active = devices[: int(args.devices * scale)]
        await _run_step(args, pool, active, step, rng, photo, server_pid, reference)
        steps.append(step)
        acknowledged, sent = acknowledged + step.applied, sent + step.sent
        print(_step_line(step), flush=True)
    return steps, acknowledged, sent


async def _run_step(args, pool, devices, step: Step, rng, photo, server_pid: int, reference):
    step.load_before = os.getloadavg()[0]
    started = time.monotonic()
    end = started + args.seconds
    burst_from = end - args.burst_minutes * 60
    rate = args.records_per_shift / (args.shift_hours * 3600)  # records per device per second
    check_rate = max(args.checks_per_shift, 1e-9) / (args.shift_hours * 3600)
    tasks = []
    events = []
    for device in devices:
        offset = rng.uniform(0, args.poll)
        at = offset
        while at < args.seconds:
            events.append((at, "pull", device))
            at += args.poll
        at = rng.uniform(0, args.check_in)
        while at < args.seconds:
            events.append((at, "check-in", device))
            at += args.check_in
        at = rng.expovariate(rate)
        while at < args.seconds:
            events.append((at, "push", device))
            boost = args.burst if started + at >= burst_from else 1.0
            at += rng.expovariate(rate * boost)
        if reference["persons"]:
            at = rng.expovariate(check_rate)
            while at < args.seconds:
                events.append((at, "check", device))
                at += rng.expovariate(check_rate)
    events.sort(key=lambda event: event[0])
    sampler = asyncio.create_task(_sample(server_pid, step, end))
    cpu_before = time.process_time()
    for at, kind, device in events:
        due = started + at
        delay = due - time.monotonic()
        if delay > 0:
            await asyncio.sleep(delay)
        step.due += 1
        if kind == "check":
            request = _check_request(rng, reference)
            tasks.append(asyncio.create_task(_post(pool, device, due, step, *request)))
            continue
        if kind == "check-in":
            body = {
                "app_version": APP_VERSION,
                "os": "Android 14",
                "free_storage_mb": rng.randint(500, 60_000),
                "battery_percent": rng.randint(5, 100),
                "last_sync_at": datetime.now(UTC).isoformat(),
            }
            tasks.append(
                asyncio.create_task(_post(pool, device, due, step, "/api/v1/fleet/check-ins", body))
            )
            continue
        photo_now = kind == "push" and rng.random() < 1 / args.photo_every
        tasks.append(asyncio.create_task(_act(pool, kind, device, due, step, photo_now, photo)))
    await asyncio.gather(*tasks)
    step.generator_cpu = (time.process_time() - cpu_before) / max(time.monotonic() - started, 1)
    await sampler
    step.seconds = time.monotonic() - started
    step.load_after = os.getloadavg()[0]


async def _act(pool, kind: str, device: Device, due: float, step: Step, with_photo, photo):
    try:
        if kind == "pull":
            await _timed(
                step,
                "GET /sync/pull",
                due,
                pool,
                "GET",
                f"/api/v1/sync/pull?cursor={device.cursor}&limit=100",
                device.headers,
                after=lambda body: _advance(device, body),
            )
            return
        if with_photo:
            content = photo[:-16] + os.urandom(16)
            digest = hashlib.sha256(content).hexdigest()
            body = json.dumps({"sha256": digest, "size": len(content), "media_type": "image/jpeg"})
            await _timed(
                step,
                "POST /uploads",
                due,
                pool,
                "POST",
                "/api/v1/uploads",
                {**device.headers, "Content-Type": "application/json"},
                body.encode(),
            )
            await _timed(
                step,
                "PATCH /uploads",
                due,
                pool,
                "PATCH",
                f"/api/v1/uploads/{digest}",
                {
                    **device.headers,
                    "Upload-Offset": "0",
                    "Content-Type": "application/offset+octet-stream",
                },
                content,
            )
        device.seq += 1
        step.sent += 1
        mutation = {
            "mutation_id": str(uuid.uuid4()),
            "device_seq": device.seq,
            "type": "notebook.entry",
            "op": "create",
            "id": str(uuid.uuid4()),
            "payload": {
                "kind": "entry",
                "occurred_at": datetime.now(UTC).isoformat(),
                "text": "Stopped a vehicle on King Street; words of advice given.",
            },
        }
        await _timed(
            step,
            "POST /sync/push",
            due,
            pool,
            "POST",
            "/api/v1/sync/push",
            {**device.headers, "Content-Type": "application/json"},
            json.dumps({"mutations": [mutation]}).encode(),
            after=lambda body: _applied(step, body),
        )
    except Exception as exc:  # a refused connection or a timeout is an error, counted
        step.errors[f"{kind}: {type(exc).__name__}"] += 1


def _check_request(rng, reference) -> tuple[str, dict]:
    """Half persons (name and date of birth, misspelt half the time), half vehicles (whole
    registration, or the start only)."""
    if rng.random() < 0.5:
        given, family, birth, _ = rng.choice(reference["persons"])
        if rng.random() < 0.5 and len(family) > 3:
            cut = rng.randrange(1, len(family) - 1)
            family = family[:cut] + family[cut + 1 :]
        body = {"reason": "stop_account", "name": f"{given} {family}", "date_of_birth": birth}
        return "/api/v1/checks/persons", body
    plate = rng.choice(reference["plates"])
    if rng.random() < 0.3:
        plate = plate.replace(" ", "")[:4] + "*"
    return "/api/v1/checks/vehicles", {"reason": "traffic", "registration": plate}


async def _post(pool, device: Device, due: float, step: Step, path: str, body: dict):
    name = "POST " + path.removeprefix("/api/v1")
    try:
        await _timed(
            step,
            name,
            due,
            pool,
            "POST",
            path,
            {**device.headers, "Content-Type": "application/json"},
            json.dumps(body).encode(),
        )
    except Exception as exc:
        step.errors[f"{name}: {type(exc).__name__}"] += 1


async def _timed(step, name, due, pool, method, path, headers, body=b"", after=None):
    status, payload = await asyncio.wait_for(pool.request(method, path, headers, body), 60)
    step.latencies[name].append(time.monotonic() - due)
    step.done += 1
    if status >= 400:
        step.errors[f"{name}: HTTP {status}"] += 1
    elif after:
        after(payload)


def _applied(step: Step, body: bytes) -> None:
    """A push answers 200 with a result per mutation: only `applied` is a record kept."""
    result = json.loads(body)["results"][0]
    if result["status"] == "applied":
        step.applied += 1
    else:
        step.errors[f"POST /sync/push: {result['status']} {result.get('error')}"] += 1


def _advance(device: Device, body: bytes) -> None:
    device.cursor = json.loads(body)["cursor"]


async def _feed_head(pool, device: Device) -> str:
    cursor = "0"
    while True:
        status, body = await pool.request(
            "GET", f"/api/v1/sync/pull?cursor={cursor}&limit=500", device.headers
        )
        if status != 200:
            raise SystemExit(f"pull: HTTP {status}: {body[:300]!r}")
        page = json.loads(body)
        cursor = page["cursor"]
        if not page["more"]:
            return cursor


async def _sample(pid: int, step: Step, end: float) -> None:
    """The server's CPU (in cores, all its processes) and peak memory over the step; with it,
    PostgreSQL's CPU and how busy the whole machine was, so the budget of both cores shows."""
    tick = os.sysconf("SC_CLK_TCK")
    first = _cpu_of_group(pid) / tick
    first_postgres = _cpu_of_postgres() / tick
    first_busy, first_all = _machine_ticks()
    started = time.monotonic()
    while time.monotonic() < end:
        await asyncio.sleep(1)
        step.server_rss = max(step.server_rss, _rss_of_group(pid))
    elapsed = time.monotonic() - started
    step.server_cpu = (_cpu_of_group(pid) / tick - first) / elapsed
    step.postgres_cpu = (_cpu_of_postgres() / tick - first_postgres) / elapsed
    busy, every = _machine_ticks()
    step.machine_busy = (busy - first_busy) / max(every - first_all, 1)


def _cpu_of_postgres() -> int:
    """Clock ticks used by PostgreSQL: every process named postgres, plus what the postmaster's
    exited children used (a backend ends when the app server reconnects, every CONN_MAX_AGE)."""
    total = 0
    for name in os.listdir("/proc"):
        if name.isdigit():
            try:
                stat = Path(f"/proc/{name}/stat").read_text()
            except OSError:
                continue
            if not stat.split(" (", 1)[1].startswith("postgres"):
                continue
            fields = stat.rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])  # utime, stime
            if fields[1] == "1" or not _named_postgres(fields[1]):  # the postmaster
                total += int(fields[13]) + int(fields[14])  # children's, once reaped
    return total


def _named_postgres(pid: str) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(" (", 1)[1].startswith("postgres")
    except OSError:
        return False


def _machine_ticks() -> tuple[int, int]:
    """(busy, all) clock ticks of all cores since boot, from /proc/stat."""
    values = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = values[3] + values[4]  # idle and iowait
    return sum(values) - idle, sum(values)


def _group(pid: int) -> list[int]:
    members = []
    for name in os.listdir("/proc"):
        if name.isdigit():
            try:
                if os.getpgid(int(name)) == pid:
                    members.append(int(name))
            except OSError:
                pass
    return members


def _cpu_of_group(pid: int) -> int:
    total = 0
    for member in _group(pid):
        try:
            fields = Path(f"/proc/{member}/stat").read_text().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])
        except OSError:
            pass
    return total


def _rss_of_group(pid: int) -> int:
    total = 0
    for member in _group(pid):
        try:
            for line in Path(f"/proc/{member}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1]) * 1024
        except OSError:
            pass
    return total


def _p(values: list[float], fraction: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(int(fraction * len(ordered)), len(ordered) - 1)]


def _step_line(step: Step) -> str:
    every = step.latencies_all()
    return (
        f"scale {step.scale:g}: {step.done / step.seconds:,.0f} req/s of "
        f"{step.due / step.seconds:,.0f} due, p95 {_p(every, 0.95) * 1000:,.0f} ms, "
        f"errors {sum(step.errors.values())}, "
        f"server CPU {step.server_cpu:.2f} cores, PostgreSQL {step.postgres_cpu:.2f}, "
        f"machine {step.machine_busy:.0%} busy"
    )


def _report(args, steps: list[Step]) -> str:
    lines = [
        f"### Force-scale load: {args.database} ({datetime.now(UTC):%Y-%m-%d %H:%M} UTC)",
        "",
        f"Command: `python bench/load/run.py {' '.join(sys.argv[1:])}`",
        "",
        f"- Machine: {os.cpu_count()} CPUs; "
        f"server: `frontline serve --workers {args.workers} --threads {args.threads}`",
        f"- Per device: pull every {args.poll:g} s; a fleet check-in every {args.check_in:g} s; "
        f"{args.records_per_shift} records per "
        f"{args.shift_hours} h shift, x{args.burst:g} in the last {args.burst_minutes:g} min; "
        f"a {PHOTO_BYTES // 1000} KB photo with one record in {args.photo_every}; "
        f"{args.checks_per_shift} checks per shift against {args.reference:,} persons and "
        f"{args.reference:,} vehicles",
        "",
        "| devices | due req/s | done req/s | endpoint | requests | p50 ms | p95 ms | p99 ms "
        "| errors |",
        "| ---: | ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for step in steps:
        devices = int(args.devices * step.scale)
        for name, values in sorted(step.latencies.items()):
            errors = sum(n for key, n in step.errors.items() if key.startswith(name))
            lines.append(
                f"| {devices:,} | {step.due / step.seconds:,.0f} | {step.done / step.seconds:,.0f} "
                f"| {name} | {len(values):,} | {_p(values, 0.5) * 1000:,.0f} | "
                f"{_p(values, 0.95) * 1000:,.0f} | {_p(values, 0.99) * 1000:,.0f} | {errors} |"
            )
    lines += [
        "",
        "| devices | p95 ms (all) | errors | server CPU (cores) | server RSS MB | generator CPU "
        "| PostgreSQL CPU | machine busy | load average before / after |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    for step in steps:
        lines.append(
            f"| {int(args.devices * step.scale):,} | {_p(step.latencies_all(), 0.95) * 1000:,.0f} "
            f"| {sum(step.errors.values())} | {step.server_cpu:.2f} | "
            f"{step.server_rss / 1e6:,.0f} | {step.generator_cpu:.2f} | "
            f"{step.postgres_cpu:.2f} | {step.machine_busy:.0%} | "
            f"{step.load_before:.1f} / {step.load_after:.1f} |"
        )
        for key, n in sorted(step.errors.items()):
            lines.append(f"|  | error: {key} | {n} |  |  |  |  |  |  |")
    return "\n".join(lines)


def _wait_healthy(port: int, server) -> None:
    import urllib.request

    for _ in range(600):
        if server.poll() is not None:
            raise SystemExit("the server exited at start")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/v1/health", timeout=5):
                return
        except OSError:
            time.sleep(0.2)
    raise SystemExit("the server did not start")


def _psql(server_url: str, sql: str) -> None:
    admin = "postgresql://" + server_url.split("://", 1)[1].rsplit("/", 1)[0] + "/postgres"
    run(["psql", admin, "-q", "-c", sql], dict(os.environ))


def _arguments(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", choices=["sqlite", "postgres"], default="postgres")
    parser.add_argument("--postgres-url", default="postgres://postgres@127.0.0.1:5432/postgres")
    parser.add_argument("--devices", type=int, default=20_000)
    parser.add_argument("--scale", type=lambda v: [float(x) for x in v.split(",")], default=[1.0])
    parser.add_argument("--seconds", type=float, default=120, help="per step of --scale")
    parser.add_argument("--warm-up", type=float, default=20, help="seconds, not measured")
    parser.add_argument("--poll", type=float, default=60)
    parser.add_argument("--check-in", type=float, default=900, help="seconds between check-ins")
    parser.add_argument("--records-per-shift", type=int, default=50)
    parser.add_argument("--shift-hours", type=float, default=8)
    parser.add_argument("--burst", type=float, default=3.0)
    parser.add_argument("--burst-minutes", type=float, default=0.5)
    parser.add_argument("--photo-every", type=int, default=10)
    parser.add_argument("--checks-per-shift", type=float, default=10)
    parser.add_argument("--reference", type=int, default=100_000, help="persons and vehicles")
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--connections", type=int, default=128)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--out", help="also write the report here")
    return parser.parse_args(argv)


if __name__ == "__main__":
    sys.exit(main())
