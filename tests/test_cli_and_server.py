"""The two-command promise: `frontline demo` sets up, loads and serves a working Frontline."""

import collections
import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from frontline.demo import DEMO_PASSWORD

FRONTLINE = [sys.executable, "-m", "frontline.cli"]


def _env(data_dir: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith("FRONTLINE_")}
    env.update(FRONTLINE_ENVIRONMENT="demo", FRONTLINE_DATA_DIR=str(data_dir))
    return env


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _request(url, body=None, headers=None):
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(
        url, data=data, headers={"Content-Type": "application/json", **(headers or {})}
    )
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    data_dir = tmp_path_factory.mktemp("demo")
    setup = subprocess.run(
        [*FRONTLINE, "demo", "--no-serve", "--data-dir", str(data_dir)],
        env=_env(data_dir),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert setup.returncode == 0, setup.stderr
    return data_dir, setup.stdout


def _serve(data_dir: Path, *options: str) -> tuple[subprocess.Popen, str, int]:
    """`frontline serve` on a free port, once it answers: (process, base URL, port). Its
    output goes to a file beside the data, so a long run never fills a pipe."""
    port = _free_port()
    log = data_dir / f"serve-{port}.log"
    with log.open("w") as out:
        process = subprocess.Popen(
            [*FRONTLINE, "serve", "--port", str(port), *options, "--data-dir", str(data_dir)],
            env=_env(data_dir),
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if _request(base + "/api/v1/health")[0] == 200:
                return process, base, port
        except OSError:
            time.sleep(0.3)
    process.kill()
    pytest.fail("the server did not answer within 60 s:\n" + log.read_text())


def _stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=10)


@pytest.fixture(scope="module")
def server(demo):
    process, base, _ = _serve(demo[0], "--workers", "2")
    yield base
    _stop(process)


def test_demo_prints_sign_ins_and_an_enrolment_code(demo):
    _, out = demo
    assert f"password for all: {DEMO_PASSWORD}" in out
    for collar in ("PC1001", "PS2001", "ST4001", "ST4002", "ST4003", "ST4004"):
        assert collar in out
    assert re.search(r"Device enrolment code .*: [A-Z2-9]{12}", out)


def test_demo_notebook_verifies(demo):
    data_dir, _ = demo
    result = subprocess.run(
        [*FRONTLINE, "verify", "--data-dir", str(data_dir)],
        env=_env(data_dir),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    # PC1001's five entries, and the pilot officers' notebooks from the evaluation demo
    assert re.search(r"notebook: [\d,]+ rows in \d+ chain\(s\): intact", result.stdout)


def test_served_demo_answers_api_docs_and_back_office(server):
    assert _request(server + "/api/v1/health") == (200, '{"status": "ok"}')
    status, body = _request(server + "/api/v1/openapi.json")
    assert status == 200 and "/api/v1/notebook/entries" in json.loads(body)["paths"]
    assert _request(server + "/api/v1/docs")[0] == 200
    status, page = _request(server + "/office/sign-in/")
    assert status == 200 and "Collar or warrant number" in page
    assert _request(server + "/static/office/office.css")[0] == 200


def test_a_device_enrols_and_a_demo_officer_reads_their_notebook(demo, server):
    data_dir, _ = demo
    issued = subprocess.run(
        [*FRONTLINE, "enrolment-code", "--label", "e2e", "--data-dir", str(data_dir)],
        env=_env(data_dir),
        capture_output=True,
        text=True,
        timeout=120,
    )
    code = re.search(r"Enrolment code: ([A-Z2-9]{12})", issued.stdout).group(1)
    status, body = _request(server + "/api/v1/devices/enrol", {"code": code})
    assert status == 201, body
    credential = json.loads(body)["credential"]
    device = {"X-Device-Credential": credential}
    status, body = _request(
        server + "/api/v1/auth/sign-in",
        {"collar_number": "PC1001", "password": DEMO_PASSWORD},
        device,
    )
    assert status == 200, body
    auth = {**device, "Authorization": "Bearer " + json.loads(body)["token"]}
    status, body = _request(server + "/api/v1/notebook/entries", headers=auth)
    assert status == 200
    kinds = [entry["kind"] for entry in json.loads(body)["entries"]]
    assert kinds == ["sign_off", "correction", "entry", "entry", "entry"]


def test_createofficer_adds_an_officer_who_can_sign_in(demo):
    data_dir, _ = demo
    result = subprocess.run(
        [
            *FRONTLINE,
            "createofficer",
            "--collar-number",
            "PC9999",
            "--given-name",
            "New",
            "--family-name",
            "Starter",
            "--station",
            "HS",
            "--team",
            "Response Team A",
            "--password-stdin",
            "--data-dir",
            str(data_dir),
        ],
        input="a long enough passphrase\n",
        env=_env(data_dir),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "Created Police Constable New Starter (PC9999)" in result.stdout
    duplicate = subprocess.run(
        [
            *FRONTLINE,
            "createofficer",
            "--collar-number",
            "pc9999",
            "--given-name",
            "A",
            "--family-name",
            "B",
            "--password-stdin",
            "--data-dir",
            str(data_dir),
        ],
        input="a long enough passphrase\n",
        env=_env(data_dir),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert duplicate.returncode == 2
    assert "collar number is already in use" in duplicate.stderr


@pytest.mark.parametrize(
    ("engine", "expected"),
    [
        ("frontline.common.sqlite_backend", (6, 1)),  # per core: processes, threads each
        ("django.db.backends.postgresql", (2, 4)),
    ],
)
def test_serve_lays_out_processes_and_threads_for_its_database(monkeypatch, engine, expected):
    from django.conf import settings

    from frontline import server

    monkeypatch.setattr(server.multiprocessing, "cpu_count", lambda: 2)
    monkeypatch.setitem(settings.DATABASES["default"], "ENGINE", engine)  # read, nothing opened
    per_core, threads = expected
    assert server.process_layout(None, None) == (2 * per_core, threads)
    assert server.process_layout(5, 1) == (5, 1)  # what the operator gives wins


def test_serve_caps_sqlite_processes_at_16(monkeypatch):
    from django.conf import settings

    from frontline import server

    monkeypatch.setattr(server.multiprocessing, "cpu_count", lambda: 8)
    monkeypatch.setitem(settings.DATABASES["default"], "ENGINE", "frontline.common.sqlite_backend")
    assert server.process_layout(None, None) == (16, 1)


def test_the_master_warms_what_a_first_request_would_import(tmp_path):
    """Run in a fresh interpreter: after `_warm`, the URL conf and every record type are
    loaded, and no database connection is left open for the workers to inherit."""
    script = (
        "import sys, django; django.setup()\n"
        "from django.db import connections\n"
        "from frontline import server\n"
        "from frontline.sync import registry\n"
        "assert 'frontline.urls' not in sys.modules and not registry._types\n"
        "connections['default'].ensure_connection()\n"
        "server._warm()\n"
        "assert 'frontline.urls' in sys.modules\n"
        "assert sorted(registry._types) == registry.record_type_names()\n"
        "assert connections['default'].connection is None\n"
    )
    env = {**_env(tmp_path), "DJANGO_SETTINGS_MODULE": "frontline.settings"}
    subprocess.run([sys.executable, "-c", script], env=env, check=True, timeout=120)


class _Listener:
    """A listening socket as the worker's poller sees it."""

    def __init__(self):
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen()

    def fileno(self):
        return self.sock.fileno()

    def setblocking(self, flag):
        self.sock.setblocking(flag)


class _Pool:
    def __init__(self):
        self.submitted = []

    def submit(self, fn, conn):
        from concurrent.futures import Future

        future = Future()
        self.submitted.append((conn, future))
        return future


class _Conn:
    closed = False

    def close(self, graceful=False):
        self.closed = True


def _free_thread_worker(threads: int):
    """A FreeThreadWorker's accept bookkeeping, without forking or serving."""
    import selectors
    from types import SimpleNamespace

    from frontline.server import FreeThreadWorker

    worker = FreeThreadWorker.__new__(FreeThreadWorker)
    listener = _Listener()
    worker.cfg = SimpleNamespace(threads=threads)
    worker.sockets = [listener]
    worker.poller = selectors.DefaultSelector()
    worker.tpool = _Pool()
    worker.method_queue = SimpleNamespace(defer=lambda *args: None)
    worker.alive = True
    worker.nr_conns = 0
    worker.worker_connections = 1000
    worker.pending_conns = collections.deque()
    worker._accepting = False
    worker._running = 0
    worker._wanted = False
    return worker, listener


def _listening(worker, listener) -> bool:
    return listener.fileno() in {key.fd for key in worker.poller.get_map().values()}


@pytest.mark.parametrize("threads", [1, 2])
def test_a_worker_stops_taking_connections_while_every_thread_is_busy(threads):
    worker, listener = _free_thread_worker(threads)
    worker.set_accept_enabled(True)
    assert _listening(worker, listener)
    conns = [_Conn() for _ in range(threads)]
    for number, conn in enumerate(conns, start=1):
        worker.nr_conns += 1
        worker.enqueue_req(conn)
        # Listening for more only while a thread is still free.
        assert _listening(worker, listener) == (number < threads)
    worker.set_accept_enabled(True)  # what gunicorn's loop asks for on every turn
    assert not _listening(worker, listener)
    # A request finishes (its client closed the connection): a thread is free again.
    conn, future = worker.tpool.submitted[0]
    future.set_result(False)
    worker.finish_request(conn, future)
    assert conn.closed and _listening(worker, listener)
    listener.sock.close()


def test_a_stopping_worker_takes_no_new_connection_when_a_thread_frees():
    """gunicorn's loop stops listening to shut down (asked to, or its master gone) and then
    waits for the requests in hand: their end must not start it listening again."""
    worker, listener = _free_thread_worker(1)
    worker.set_accept_enabled(True)
    worker.nr_conns += 1
    worker.enqueue_req(_Conn())
    worker.set_accept_enabled(False)  # the loop has ended
    conn, future = worker.tpool.submitted[0]
    future.set_result(False)
    worker.finish_request(conn, future)
    assert worker._running == 0 and not _listening(worker, listener)
    listener.sock.close()


def test_a_connection_sent_back_to_wait_for_data_frees_its_thread():
    from gunicorn.workers.gthread import _DEFER

    worker, listener = _free_thread_worker(1)
    worker.cfg.keepalive = 2
    worker.set_accept_enabled(True)
    ours, theirs = socket.socketpair()
    conn = _Conn()
    conn.sock = ours
    worker.nr_conns += 1
    worker.enqueue_req(conn)
    assert not _listening(worker, listener)
    _, future = worker.tpool.submitted[0]
    future.set_result(_DEFER)  # no request arrived in time: back to the poller
    worker.finish_request(conn, future)
    assert worker._running == 0 and _listening(worker, listener)
    assert list(worker.pending_conns) == [conn] and not conn.closed
    for sock in (ours, theirs, listener.sock):
        sock.close()


def test_a_request_already_read_ahead_keeps_its_thread():
    """A body drain can read the next request of a kept-alive connection: gunicorn hands the
    connection straight back to the pool, so the thread stays taken."""
    import io
    from types import SimpleNamespace

    worker, listener = _free_thread_worker(1)
    worker.set_accept_enabled(True)
    conn = _Conn()
    conn.parser = SimpleNamespace(unreader=SimpleNamespace(buf=io.BytesIO(b"GET / HTTP/1.1")))
    worker.nr_conns += 1
    worker.enqueue_req(conn)
    _, future = worker.tpool.submitted[0]
    future.set_result(True)
    worker.finish_request(conn, future)
    assert [c for c, _ in worker.tpool.submitted] == [conn, conn]
    assert worker._running == 1 and not _listening(worker, listener)
    listener.sock.close()


def test_served_connections_go_past_a_worker_whose_only_thread_is_stuck(demo):
    """Two single-thread workers; a client that sends half a request holds one worker's thread.
    Every other connection must then be taken by the other worker and answered at once: with
    gunicorn's own threaded worker, the stuck one would take some of them and leave them
    waiting behind the half request."""
    process, _, port = _serve(demo[0], "--workers", "2", "--threads", "1")
    stuck = None
    try:
        time.sleep(1)  # both workers booted (the app is loaded before they fork) and listening
        stuck = socket.create_connection(("127.0.0.1", port))
        stuck.sendall(b"GET /api/v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\n")  # no end
        time.sleep(0.5)
        started = time.monotonic()
        for _ in range(8):
            # Waiting behind the stuck request would run into this timeout.
            with socket.create_connection(("127.0.0.1", port), timeout=10) as client:
                client.sendall(
                    b"GET /api/v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
                )
                assert client.recv(4096).startswith(b"HTTP/1.1 200")
        assert time.monotonic() - started < 8
    finally:
        if stuck is not None:
            stuck.close()
        _stop(process)
