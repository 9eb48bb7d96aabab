"""Crash safety: kill the app server with SIGKILL under load; nothing acknowledged is lost.

Simulated officer devices write notebook entries into their own outbox and push them to a real
`frontline serve` (the officer app's protocol: batches of mutations, retried with the same
mutation ids until acknowledged). Meanwhile the server's whole process group is killed with
SIGKILL at random moments and started again; with --postgres-restarts (PostgreSQL only), the
database server is restarted too. At the end:

1. every device's outbox drains (each record was eventually acknowledged);
2. the server holds every acknowledged record exactly once, and nothing else for those officers:
   the set of entry ids on the server equals the set the devices created;
3. `frontline verify` finds every hash chain intact.

Exit status 0 only if all three hold. Loopback only; bounded by --records and --seconds.

    .venv/bin/python bench/crash/run.py --database sqlite --devices 8 --records 2000 --kills 8
    .venv/bin/python bench/crash/run.py --database postgres --devices 8 --records 2000 --kills 8 \\
        --postgres-restarts 2      # restarts the machine's PostgreSQL: run it alone

or restart a cluster of its own, leaving the machine's alone:

    pg_createcluster 15 crash --port 5433 -- --auth=trust && pg_ctlcluster 15 crash start
    .venv/bin/python bench/crash/run.py --database postgres --devices 8 --records 2000 --kills 8 \\
        --postgres-restarts 3 --postgres-cluster crash \\
        --postgres-url postgres://postgres@127.0.0.1:5433/postgres

The short form (`--devices 3 --records 150 --kills 3 --write-seconds 20`) runs in the test suite
(tests/test_crash_safety.py).
"""

import argparse
import http.client
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # bench/scratch.py
from scratch import free_port, run

FRONTLINE = [sys.executable, "-m", "frontline.cli"]
APP_VERSION = "1.4.0"
PASSWORD = "crash-test-password-2026"
SETUP = """
import sys, django; django.setup()
from frontline.accounts.services import officer_create

password, collars = sys.argv[1], sys.argv[2:]
for collar in collars:
    officer_create(collar_number=collar, given_name="Crash", family_name="Test " + collar,
                   password=password)
"""


@dataclass
class Device:
    """An officer app: an outbox of unsent mutations, and what the server acknowledged."""

    collar: str
    credential: str = ""
    token: str = ""
    seq: int = 0
    outbox: list = field(default_factory=list)
    created: set = field(default_factory=set)  # entry ids written on the device
    acked: set = field(default_factory=set)  # entry ids the server acknowledged
    retries: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def write(self, rng: random.Random) -> None:
        """Write one entry into the outbox, as the app does offline."""
        with self.lock:
            self.seq += 1
            entry_id = str(uuid.uuid4())
            self.outbox.append(
                {
                    "mutation_id": str(uuid.uuid4()),
                    "device_seq": self.seq,
                    "type": "notebook.entry",
                    "op": "create",
                    "id": entry_id,
                    "payload": {
                        "kind": "entry",
                        "occurred_at": datetime.now(UTC).isoformat(),
                        "text": f"Crash test entry {self.seq}: " + "x" * rng.randint(10, 200),
                    },
                }
            )
            self.created.add(entry_id)

    def headers(self) -> dict:
        return {
            "Authorization": f"Bearer {self.token}",
            "X-Device-Credential": self.credential,
            "X-App-Version": APP_VERSION,
            "Content-Type": "application/json",
        }


class Server:
    """`frontline serve` as its own process group, so SIGKILL takes the workers too."""

    def __init__(self, env: dict, port: int, log: Path):
        self.env, self.port, self.log = env, port, log
        self.process = None

    def start(self) -> None:
        with self.log.open("a") as log:
            self.process = subprocess.Popen(
                [*FRONTLINE, "serve", "--port", str(self.port), "--workers", "2"],
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise SystemExit("the server exited at start; see " + str(self.log))
            try:
                if request(self.port, "GET", "/api/v1/health")[0] == 200:
                    return
            except (OSError, http.client.HTTPException):
                time.sleep(0.2)
        raise SystemExit("the server did not answer within 60 s")

    def kill(self) -> None:
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=30)

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.kill()


def request(port: int, method: str, path: str, body=None, headers=None, timeout=30):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        data = json.dumps(body).encode() if body is not None else None
        connection.request(method, path, body=data, headers=headers or {})
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


def main(argv=None) -> int:
    args = _arguments(argv)
    rng = random.Random(args.seed)
    with tempfile.TemporaryDirectory(prefix="frontline-crash-") as work:
        env = {k: v for k, v in os.environ.items() if not k.startswith("FRONTLINE_")}
        env.update(FRONTLINE_ENVIRONMENT="demo", FRONTLINE_DATA_DIR=work)
        if args.database == "postgres":
            env["FRONTLINE_DATABASE_URL"] = _postgres_database(args.postgres_url)
        run([*FRONTLINE, "migrate"], env)
        collars = [f"PC{9001 + n}" for n in range(args.devices)]
        run(
            [sys.executable, "-c", SETUP, PASSWORD, *collars],
            {**env, "DJANGO_SETTINGS_MODULE": "frontline.settings"},
        )
        port = free_port()
        server = Server(env, port, Path(work) / "server.log")
        server.start()
        try:
            devices = [Device(collar) for collar in collars]
            for device in devices:
                _enrol(port, env, device)
            before = _server_entry_ids(env, {d.collar for d in devices})
            outcome = {**_load(args, rng, server, devices), "before": before}
        finally:
            server.stop()
        try:
            return _judge(args, env, devices, outcome)
        finally:
            if args.database == "postgres":
                _postgres_drop(args.postgres_url, env["FRONTLINE_DATABASE_URL"])


def _load(args, rng: random.Random, server: Server, devices: list[Device]) -> dict:
    """Devices write at an even pace over --write-seconds and push as they go, while the server
    is killed (and PostgreSQL restarted) at random moments in that window; then every outbox
    must drain before --seconds."""
    started = time.monotonic()
    deadline = started + args.seconds
    per_device = args.records // len(devices)
    gap = args.write_seconds / per_device

    def device_loop(device: Device) -> None:
        written = 0
        next_write = time.monotonic()
        while time.monotonic() < deadline:
            while written < per_device and time.monotonic() >= next_write:
                device.write(rng)
                written += 1
                next_write += gap
            if not _push_once(server.port, device, args.batch):
                device.retries += 1
                time.sleep(0.05 + rng.random() * 0.2)  # backoff with jitter, as the app does
            elif written >= per_device and not device.outbox:
                return
            else:
                time.sleep(min(gap, 0.2))

    threads = [threading.Thread(target=device_loop, args=(d,), daemon=True) for d in devices]
    for thread in threads:
        thread.start()
    strikes = sorted(
        [("kill", rng.uniform(0.05, 0.95) * args.write_seconds) for _ in range(args.kills)]
        + [
            ("restart", rng.uniform(0.05, 0.95) * args.write_seconds)
            for _ in range(args.postgres_restarts)
        ],
        key=lambda strike: strike[1],
    )
    kills = restarts = 0
    for kind, at in strikes:
        time.sleep(max(started + at - time.monotonic(), 0))
        if kind == "kill":
            server.kill()
            kills += 1
            time.sleep(rng.uniform(0.1, 1.0))
            server.start()
        else:
            _postgres_restart(args.postgres_cluster)
            restarts += 1
    for thread in threads:
        thread.join(timeout=max(deadline - time.monotonic(), 0) + 1)
    return {"kills": kills, "restarts": restarts, "seconds": time.monotonic() - started}


def _push_once(port: int, device: Device, batch: int) -> bool:
    """Push the head of the outbox; drop from it only what the server acknowledged."""
    with device.lock:
        mutations = list(device.outbox[:batch])
    if not mutations:
        return True
    try:
        status, body = request(
            port, "POST", "/api/v1/sync/push", {"mutations": mutations}, device.headers()
        )
    except (OSError, http.client.HTTPException):
        # Refused, reset, timed out, or cut off half-way through the response (killed after
        # sending its headers): the server may or may not have committed, so send it again.
        return False
    if status != 200:
        return False
    result = json.loads(body)
    acked = result["acked_device_seq"]
    done = {r["mutation_id"] for r in result["results"] if r["status"] in ("applied", "duplicate")}
    with device.lock:
        for mutation in mutations:
            if mutation["device_seq"] <= acked and mutation["mutation_id"] in done:
                device.acked.add(mutation["id"])
        device.outbox = [m for m in device.outbox if m["device_seq"] > acked]
    return True


def _judge(args, env: dict, devices: list[Device], outcome: dict) -> int:
    created = set().union(*(d.created for d in devices))
    acked = set().union(*(d.acked for d in devices))
    unsent = sum(len(d.outbox) for d in devices)
    on_server = _server_entry_ids(env, {d.collar for d in devices}) - outcome["before"]
    verify = subprocess.run(
        [*FRONTLINE, "verify", "--quiet"], env=env, capture_output=True, text=True
    )
    checks = {
        "every outbox drained": unsent == 0,
        "every record acknowledged": acked == created,
        "server holds each acknowledged record exactly once": on_server == acked,
        "frontline verify: every chain intact": verify.returncode == 0,
    }
    print(f"Crash safety ({args.database}), {datetime.now(UTC):%Y-%m-%d %H:%M} UTC")
    print(
        f"  devices {len(devices)}, records created {len(created):,}, acknowledged "
        f"{len(acked):,}, on the server {len(on_server):,}, unsent {unsent}"
    )
    print(
        f"  server SIGKILLs {outcome['kills']}, PostgreSQL restarts {outcome['restarts']}, "
        f"failed pushes retried {sum(d.retries for d in devices):,}, "
        f"{outcome['seconds']:.1f} s"
    )
    for name, ok in checks.items():
        print(f"  {'PASS' if ok else 'FAIL'}  {name}")
    if not checks["server holds each acknowledged record exactly once"]:
        print(f"  missing: {len(acked - on_server)}, unexpected: {len(on_server - acked)}")
    return 0 if all(checks.values()) else 1


def _server_entry_ids(env: dict, collars: set) -> set:
    """Every notebook entry id the server holds for these officers."""
    code = (
        "import json, sys, django; django.setup()\n"
        "from frontline.notebook.models import NotebookEntry\n"
        "rows = NotebookEntry.objects.filter(officer__collar_number__in=json.loads(sys.argv[1]))\n"
        "print(json.dumps([str(i) for i in rows.values_list('id', flat=True)]))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, json.dumps(sorted(collars))],
        env={**env, "DJANGO_SETTINGS_MODULE": "frontline.settings"},
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        raise SystemExit("could not read the server's entries:\n" + result.stderr)
    return set(json.loads(result.stdout.strip().splitlines()[-1]))


def _enrol(port: int, env: dict, device: Device) -> None:
    issued = run([*FRONTLINE, "enrolment-code", "--label", f"crash {device.collar}"], env)
    code = issued.split("Enrolment code:")[1].split()[0]
    status, body = request(
        port, "POST", "/api/v1/devices/enrol", {"code": code}, {"Content-Type": "application/json"}
    )
    if status != 201:
        raise SystemExit(f"enrol: HTTP {status} {body[:200]!r}")
    device.credential = json.loads(body)["credential"]
    status, body = request(
        port,
        "POST",
        "/api/v1/auth/sign-in",
        {"collar_number": device.collar, "password": PASSWORD},
        {"X-Device-Credential": device.credential, "Content-Type": "application/json"},
    )
    if status != 200:
        raise SystemExit(f"sign-in: HTTP {status} {body[:200]!r}")
    device.token = json.loads(body)["token"]


def _postgres_database(server_url: str) -> str:
    name = f"bench_crash_{uuid.uuid4().hex[:8]}"
    admin = "postgresql://" + server_url.split("://", 1)[1].rsplit("/", 1)[0] + "/postgres"
    run(["psql", admin, "-q", "-c", f'CREATE DATABASE "{name}"'], os.environ)
    return server_url.rsplit("/", 1)[0] + "/" + name


def _postgres_drop(server_url: str, database_url: str) -> None:
    admin = "postgresql://" + server_url.split("://", 1)[1].rsplit("/", 1)[0] + "/postgres"
    name = database_url.rsplit("/", 1)[1]
    run(["psql", admin, "-q", "-c", f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'], os.environ)


def _postgres_restart(cluster: str) -> None:
    version = sorted(os.listdir("/etc/postgresql"))[-1]
    subprocess.run(
        ["pg_ctlcluster", "--skip-systemctl-redirect", version, cluster, "restart"],
        check=True,
        capture_output=True,
    )


def _arguments(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument(
        "--postgres-url",
        default="postgres://postgres@127.0.0.1:5432/postgres",
        help="server to create the scratch database on",
    )
    parser.add_argument("--devices", type=int, default=8)
    parser.add_argument("--records", type=int, default=2000, help="in total, across devices")
    parser.add_argument("--batch", type=int, default=20)
    parser.add_argument("--kills", type=int, default=8, help="SIGKILLs of the app server")
    parser.add_argument("--postgres-restarts", type=int, default=0)
    parser.add_argument(
        "--postgres-cluster",
        default="main",
        help="the pg_ctlcluster cluster to restart (it must be the one --postgres-url names)",
    )
    parser.add_argument(
        "--write-seconds", type=float, default=60, help="devices write over this long"
    )
    parser.add_argument("--seconds", type=float, default=300, help="give up after this long")
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args(argv)
    if args.postgres_restarts and args.database != "postgres":
        parser.error("--postgres-restarts needs --database postgres")
    return args


if __name__ == "__main__":
    sys.exit(main())
