"""Browser tests: a real `frontline serve` in a subprocess, driven through Debian's Chromium.

The server always runs on SQLite in its own data directory (whatever database the rest of the
suite uses), on 127.0.0.1: a secure context, so service workers, WebCrypto and Web Locks work.
"""

import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import pytest

from frontline.demo import DEMO_PASSWORD
from tests.e2e.officer_app import OfficerApp

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
FRONTLINE = [sys.executable, "-m", "frontline.cli"]
PHONE = {"width": 360, "height": 740}
TABLET = {"width": 800, "height": 1280}


class FrontlineServer:
    """`frontline serve` as a child process group that can be crashed and started again."""

    def __init__(self, data_dir: Path, port: int):
        self.data_dir = data_dir
        self.port = port
        self.base_url = f"http://127.0.0.1:{port}"
        self.process = None
        self.log = data_dir / "server.log"

    def start(self, *, source: Path | None = None, **settings: str) -> None:
        """Serve. `source`: a directory holding another build of the frontline package;
        `settings`: FRONTLINE_* variables, e.g. MIN_APP_VERSION="9.0.0"."""
        env = frontline_env(self.data_dir)
        env.update({f"FRONTLINE_{name}": value for name, value in settings.items()})
        if source is not None:
            env["PYTHONPATH"] = os.pathsep.join([str(source), env.get("PYTHONPATH", "")])
        with self.log.open("a") as log:
            self.process = subprocess.Popen(
                [
                    *FRONTLINE,
                    "serve",
                    "--port",
                    str(self.port),
                    "--workers",
                    "1",
                    "--data-dir",
                    str(self.data_dir),
                ],
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # its own process group: a kill takes the workers too
            )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                pytest.fail("the server exited at start:\n" + self.log.read_text())
            try:
                if http(self.base_url + "/api/v1/health")[0] == 200:
                    return
            except OSError:
                pass
            time.sleep(0.2)
        self.kill()
        pytest.fail("the server did not answer within 60 s:\n" + self.log.read_text())

    def kill(self) -> None:
        """SIGKILL the master and its workers at once, as a crash or power cut would."""
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

    @contextmanager
    def restarted(self, *, source: Path | None = None, **settings: str):
        """Serve another build (`source`) or other settings for the block; afterwards, even
        when the block fails, serve as before, so the module's later tests are unaffected."""
        try:
            self.kill()
            self.start(source=source, **settings)
            yield self
        finally:
            self.kill()
            self.start()

    def cli(self, *args: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [*FRONTLINE, *args, "--data-dir", str(self.data_dir)],
            env=frontline_env(self.data_dir),
            capture_output=True,
            text=True,
            timeout=120,
        )


class ApiClient:
    """A device-bound API client, as a second device or the fleet manager would use."""

    def __init__(self, base_url: str):
        self.base_url = base_url
        self.credential = None
        self.token = None
        self.device_id = None

    def enrol(self, code: str) -> "ApiClient":
        status, body = self.request("POST", "/api/v1/devices/enrol", {"code": code})
        assert status == 201, body
        self.credential, self.device_id = body["credential"], body["device_id"]
        return self

    def sign_in(self, collar_number: str) -> "ApiClient":
        body = {"collar_number": collar_number, "password": DEMO_PASSWORD}
        status, answer = self.request("POST", "/api/v1/auth/sign-in", body)
        assert status == 200, answer
        self.token = answer["token"]
        return self

    def get(self, path: str):
        """GET that must answer 200: the body."""
        status, body = self.request("GET", path)
        assert status == 200, body
        return body

    def request(self, method: str, path: str, body=None):
        headers = {"X-App-Version": "1.0.0"}
        if self.credential:
            headers["X-Device-Credential"] = self.credential
        if self.token:
            headers["Authorization"] = f"Bearer {self.token}"
        return http(self.base_url + path, method=method, body=body, headers=headers)

    def enrolment_code(self) -> str:
        status, body = self.request("POST", "/api/v1/devices/enrolment-codes", {"label": "e2e"})
        assert status == 201, body
        return body["code"]

    def notebook(self) -> list[dict]:
        """Every entry in the signed-in officer's notebook, newest first."""
        entries, before = [], None
        while True:
            path = "/api/v1/notebook/entries?limit=200" + (
                f"&before_seq={before}" if before else ""
            )
            status, page = self.request("GET", path)
            assert status == 200, page
            entries += page["entries"]
            if not page["more"]:
                return entries
            before = page["next_before_seq"]


def frontline_env(data_dir: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith("FRONTLINE_")}
    env.update(FRONTLINE_ENVIRONMENT="demo", FRONTLINE_DATA_DIR=str(data_dir))
    return env


def http(url, *, method="GET", body=None, headers=None):
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(
        url,
        data=data,
        method=method,
        headers={"Content-Type": "application/json", **(headers or {})},
    )
    try:
        with urllib.request.urlopen(request, timeout=15) as response:
            raw = response.read().decode()
            return response.status, json.loads(raw) if raw else None
    except urllib.error.HTTPError as error:
        raw = error.read().decode()
        try:
            return error.code, json.loads(raw)
        except ValueError:
            return error.code, raw


def eventually(fetch, done, timeout: float = 15.0):
    """What `fetch` returns once `done` holds of it (the app syncs on its own schedule)."""
    deadline = time.monotonic() + timeout
    while True:
        value = fetch()
        if done(value) or time.monotonic() > deadline:
            assert done(value), value
            return value
        time.sleep(0.25)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session", autouse=True)
def chromium_path() -> str:
    """Checked before anything else, so a machine without Chromium skips before any set-up."""
    if not CHROMIUM.exists():
        message = f"browser tests need Debian's Chromium at {CHROMIUM} (apt-get install chromium)"
        if os.environ.get("CI") == "true":
            pytest.fail(message + ": CI must run them")
        pytest.skip(message)
    return str(CHROMIUM)


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """A demo server with its own SQLite database; the fleet manager's code comes with it."""
    data_dir = tmp_path_factory.mktemp("frontline-e2e")
    setup = subprocess.run(
        [*FRONTLINE, "demo", "--no-serve", "--data-dir", str(data_dir)],
        env=frontline_env(data_dir),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert setup.returncode == 0, setup.stdout + setup.stderr
    served = FrontlineServer(data_dir, free_port())
    served.demo_code = re.search(r"Device enrolment code .*: ([A-Z2-9]{12})", setup.stdout).group(1)
    served.start()
    yield served
    served.stop()


@pytest.fixture(scope="module")
def fleet_manager(server) -> ApiClient:
    """ST4001 on a device of their own: issues enrolment codes and revokes devices."""
    return ApiClient(server.base_url).enrol(server.demo_code).sign_in("ST4001")


@pytest.fixture(scope="module")
def officer_api(server, fleet_manager):
    """A factory: an API client on a device newly enrolled by the fleet manager, signed in as
    the officer named (another device of theirs, or a sergeant's, beside the browser)."""

    def make(collar_number: str) -> ApiClient:
        return (
            ApiClient(server.base_url).enrol(fleet_manager.enrolment_code()).sign_in(collar_number)
        )

    return make


@pytest.fixture(scope="module")
def browser(chromium_path):
    from playwright.sync_api import sync_playwright

    playwright = sync_playwright().start()
    launched = playwright.chromium.launch(executable_path=chromium_path, args=CHROMIUM_ARGS)
    yield launched
    launched.close()
    playwright.stop()


@pytest.fixture
def new_context(browser):
    """Fresh browser profiles (own IndexedDB, caches, service workers), phone-sized.

    An uncaught error in the app, or anything the Content-Security-Policy blocked, fails the
    test: failed requests while offline are expected, those are not.
    """
    contexts, problems = [], []

    def watch(page):
        page.on("pageerror", lambda error: problems.append(f"uncaught: {error}"))
        page.on(
            "console",
            lambda message: (
                problems.append(f"CSP: {message.text}")
                if "Content Security Policy" in message.text
                else None
            ),
        )

    def make(viewport=PHONE):
        context = browser.new_context(viewport=viewport, service_workers="allow")
        context.set_default_timeout(15_000)
        context.on("page", watch)
        contexts.append(context)
        return context

    yield make
    for context in contexts:
        context.close()
    assert not problems, "\n".join(problems)


@pytest.fixture
def officer_app(server, fleet_manager, new_context):
    """A factory: the officer app in a fresh phone-sized browser profile.

    `officer_app("PC1001")` enrols it with a new code from the fleet manager (or `code`), signs
    the officer in, chooses a PIN and waits for the first sync. `context`: a browser context
    prepared first (e.g. with its clock installed); else a new one.
    """

    def make(collar_number: str, *, code: str | None = None, context=None) -> OfficerApp:
        app = OfficerApp((context or new_context()).new_page(), server.base_url)
        app.set_up(code or fleet_manager.enrolment_code(), collar_number, DEMO_PASSWORD)
        return app

    return make


@pytest.fixture
def office_page(server, new_context):
    """A factory: a tablet-sized page signed in to the back office as the person named."""

    def make(collar_number: str):
        page = new_context(viewport=TABLET).new_page()
        page.goto(server.base_url + "/office/sign-in/")
        page.fill("#collar_number", collar_number)
        page.fill("#password", DEMO_PASSWORD)
        page.click("button[type=submit]")
        page.wait_for_url(server.base_url + "/office/")
        return page

    return make
