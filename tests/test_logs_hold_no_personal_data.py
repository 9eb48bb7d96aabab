"""An end-to-end run against `frontline serve` with the demo's data leaves no personal data in
the server's log: no person's name, date of birth, address, phone or plate, even for refused
requests and searches."""

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from types import SimpleNamespace
from uuid import UUID, uuid4

import pytest

from frontline.demo import DEMO_PASSWORD
from tests.statements.helpers import payload as statement_payload
from tests.stopsearch.helpers import api_body as stop_search_body

FRONTLINE = [sys.executable, "-m", "frontline.cli"]
# What the demo holds about people: read back from its database after it loads.
PEOPLE = """
import json, django; django.setup()
from django.db import connection
found = set()
with connection.cursor() as cursor:
    for table, columns in {
        "stopsearch_stopsearch": ["person_name", "person_address", "person_date_of_birth",
                                  "vehicle_registration"],
        "statements_statement": ["witness_name", "address", "phone", "email", "birth_date"],
        "accounts_officer": ["given_name", "family_name"],
    }.items():
        cursor.execute(f"SELECT {', '.join(columns)} FROM {table}")
        for row in cursor.fetchall():
            found.update(str(value) for value in row if value not in (None, ""))
print(json.dumps(sorted(found)))
"""
# Made up for this run, and sent in requests (some refused).
WITNESS = "Philippa Quarrington-Vex"
PERSON = "Zebedee Ashworth-Plume"
PLATE = "QX19ZZQ"
BIRTH_DATE = "1987-06-05"


def _http(base, method, path, body=None, headers=None):
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(base + path, data=data, method=method)
    for name, value in {"Content-Type": "application/json", **(headers or {})}.items():
        request.add_header(name, value)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, json.loads(response.read() or b"null")
    except urllib.error.HTTPError as error:
        return error.code, None


@pytest.fixture
def demo_server(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("FRONTLINE_")}
    env.update(FRONTLINE_ENVIRONMENT="demo", FRONTLINE_DATA_DIR=str(tmp_path))
    subprocess.run([*FRONTLINE, "demo", "--no-serve"], env=env, check=True, capture_output=True)
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    log = tmp_path / "server.log"
    with log.open("w") as out:
        server = subprocess.Popen(
            [*FRONTLINE, "serve", "--port", str(port), "--workers", "1"],
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    base = f"http://127.0.0.1:{port}"
    for _ in range(300):
        try:
            if _http(base, "GET", "/api/v1/health")[0] == 200:
                break
        except OSError:
            time.sleep(0.2)
    yield SimpleNamespace(base=base, env=env, log=log)
    server.terminate()
    server.wait(timeout=30)


def _device(server, collar):
    issued = subprocess.run(
        [*FRONTLINE, "enrolment-code"], env=server.env, capture_output=True, text=True, check=True
    )
    code = issued.stdout.split("Enrolment code:")[1].split()[0]
    status, enrolled = _http(server.base, "POST", "/api/v1/devices/enrol", {"code": code})
    assert status == 201
    headers = {"X-Device-Credential": enrolled["credential"], "X-App-Version": "1.4.0"}
    status, signed = _http(
        server.base,
        "POST",
        "/api/v1/auth/sign-in",
        {"collar_number": collar, "password": DEMO_PASSWORD},
        headers,
    )
    assert status == 200
    return {**headers, "Authorization": f"Bearer {signed['token']}"}, UUID(enrolled["device_id"])


@pytest.mark.slow
def test_the_server_log_of_a_full_run_holds_no_personal_data(demo_server):
    officer, device_id = _device(demo_server, "PC1001")
    device = SimpleNamespace(pk=device_id)
    person = {"person_name": PERSON, "person_date_of_birth": BIRTH_DATE}
    # A search with a named person and a plate; the same refused for a broken rule.
    body = stop_search_body(
        device, **person, type="Person and Vehicle search", vehicle_registration=PLATE
    )
    assert _http(demo_server.base, "POST", "/api/v1/stop-searches", body, officer)[0] == 201
    bad = stop_search_body(device, **person, grounds="", vehicle_registration=PLATE)
    assert _http(demo_server.base, "POST", "/api/v1/stop-searches", bad, officer)[0] == 422
    # A statement, and one refused for a malformed date of birth.
    statement = statement_payload(witness_name=WITNESS, signature_sha256=None, signed_at=None)
    _http(
        demo_server.base, "POST", "/api/v1/statements", {"id": str(uuid4()), **statement}, officer
    )
    refused = {**statement, "birth_date": "05/06/1987", "id": str(uuid4())}
    assert _http(demo_server.base, "POST", "/api/v1/statements", refused, officer)[0] == 422
    # Reads, and a refused sign-in naming an officer.
    _http(demo_server.base, "GET", "/api/v1/stop-searches", None, officer)
    _http(demo_server.base, "GET", "/api/v1/notebook/entries", None, officer)
    _http(
        demo_server.base,
        "POST",
        "/api/v1/auth/sign-in",
        {"collar_number": "PC1002", "password": "wrong"},
        {"X-Device-Credential": "x"},
    )

    people = subprocess.run(
        [sys.executable, "-c", PEOPLE],
        env={**demo_server.env, "DJANGO_SETTINGS_MODULE": "frontline.settings"},
        capture_output=True,
        text=True,
        check=True,
    )
    personal = set(json.loads(people.stdout)) | {WITNESS, PERSON, PLATE, BIRTH_DATE}
    log = demo_server.log.read_text()

    assert "POST /api/v1/stop-searches" in log  # the log did record the run
    assert len(personal) > 20
    leaked = sorted(value for value in personal if len(value) >= 4 and value in log)
    assert leaked == []
