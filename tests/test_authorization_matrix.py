"""Every API operation against every role: who gets in, who is refused, and that a refusal
changes nothing. An endpoint without a MATRIX row fails the completeness test.
"""

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import import_module
from uuid import uuid4

import pytest

from frontline.accounts import roles
from frontline.accounts.models import Device, DeviceSession, EnrolmentCode, Officer
from frontline.accounts.services import enrolment_code_issue, officer_create
from frontline.api import api
from frontline.audit.models import AuditEvent
from frontline.common.clock import now
from frontline.common.ids import uuid7
from frontline.notebook.models import NotebookEntry
from frontline.notebook.services import notebook_entry_create
from frontline.sync import blobs
from frontline.sync.models import Blob, Mutation, Upload
from tests.conftest import PASSWORD, enrolled_device

API_ROOT = "/api/v1"
REASON = "Reviewing the stop on the High Street"
APP_VERSION = {"X-App-Version": "1.4.0"}
PHOTO = b"\xff\xd8\xff\xe0 a photograph of the scene"
OTHER_PHOTO = b"\xff\xd8\xff\xe0 another photograph"

# Who each column is: `own` is `officer`, whose notebook and entry are the targets below; `mate` is
# in the same team; `sup` supervises that team; `osup` supervises another team; `anon` sends no
# token and no device credential. Everyone else is named for their role.
COLUMNS = {
    "own": "officer",
    "mate": "team_mate",
    "sup": "supervisor",
    "osup": "other_supervisor",
    "flt": "fleet_manager",
    "eval": "evaluator",
    "aud": "auditor",
    "adm": "admin_officer",
    "anon": None,
}

# The expected status of each operation for each caller. Paths are below /api/v1, exactly as
# the OpenAPI schema publishes them. Reads of someone else's notebook send `reason`; sync calls
# send the app version; uploads target an upload that another device has started, which no
# caller may read or append to (404, as for an unknown upload).
MATRIX = """
method path                                            own  mate sup  osup flt  eval aud  adm  anon
GET    /health                                         200  200  200  200  200  200  200  200  200
POST   /devices/enrol                                  201  201  201  201  201  201  201  201  201
POST   /auth/sign-in                                   200  200  200  200  200  200  200  200  401
POST   /auth/sign-out                                  204  204  204  204  204  204  204  204  401
GET    /auth/me                                        200  200  200  200  200  200  200  200  401
POST   /devices/enrolment-codes                        403  403  403  403  201  403  403  201  401
POST   /devices/{device_id}/revoke                     403  403  403  403  200  403  403  200  401
POST   /officers/{officer_id}/revoke                   403  403  403  403  403  403  403  200  401
POST   /notebook/entries                               201  201  201  201  403  403  403  403  401
GET    /notebook/entries                               200  200  200  200  200  200  200  200  401
GET    /notebook/entries/{entry_id}                    200  404  200  404  404  404  200  404  401
GET    /notebook/officers/{officer_id}/entries         200  404  200  404  404  404  200  404  401
POST   /notebook/officers/{officer_id}/inspections     404  404  201  404  404  404  404  404  401
GET    /audit/events                                   403  403  403  403  403  403  200  200  401
POST   /sync/push                                      200  200  200  200  200  200  200  200  401
GET    /sync/pull                                      200  200  200  200  200  200  200  200  401
POST   /uploads                                        201  201  201  201  201  201  201  201  401
HEAD   /uploads/{sha256}                               404  404  404  404  404  404  404  404  401
PATCH  /uploads/{sha256}                               404  404  404  404  404  404  404  404  401
"""


# Record apps keep their own rows in tests/<app>/matrix.py: a MATRIX text with the same header,
# a CALLS dict, and `targets(scene) -> dict` that creates what their calls need (read back as
# `scene.extra[...]`). Importing them here keeps one matrix and one completeness check.
APP_MATRICES = [
    "tests.stopsearch.matrix",
    "tests.statements.matrix",
    "tests.incidents.matrix",
    "tests.evidence.matrix",
    "tests.sync.matrix",
    "tests.checks.matrix",
    "tests.tasking.matrix",
    "tests.devices.matrix",
    "tests.interop.matrix",
    "tests.evaluation.matrix",
]


def _app_matrices() -> list:
    modules = []
    for name in APP_MATRICES:
        try:
            modules.append(import_module(name))
        except ModuleNotFoundError as exc:
            if exc.name not in {name, name.rsplit(".", 1)[0]}:
                raise
    return modules


APPS = _app_matrices()


def _matrix_rows() -> dict[tuple[str, str], dict[str, int]]:
    rows = {}
    for text in [MATRIX, *(module.MATRIX for module in APPS)]:
        header, *lines = (line.split() for line in text.strip().splitlines())
        assert header == ["method", "path", *COLUMNS], "MATRIX header must list COLUMNS in order"
        for method, path, *statuses in lines:
            assert len(statuses) == len(COLUMNS), f"{method} {path}: one status per column"
            assert (method, path) not in rows, f"{method} {path} appears twice"
            rows[method, path] = {
                column: int(status) for column, status in zip(COLUMNS, statuses, strict=True)
            }
    return rows


ROWS = _matrix_rows()
CASES = [
    pytest.param(method, path, column, status, id=f"{method} {path} as {column}")
    for (method, path), statuses in ROWS.items()
    for column, status in statuses.items()
]


@dataclass(frozen=True)
class Scene:
    """Real targets for the operations that need one."""

    owner: Officer  # `officer`: whose notebook is read and inspected
    entry: NotebookEntry  # in the owner's notebook
    device: Device  # a spare enrolled handset, to revoke
    leaver: Officer  # an officer to revoke
    code: str  # an unused enrolment code
    upload: Blob  # an upload the spare handset has started, nothing received yet
    extra: dict = field(default_factory=dict)  # targets made by the record apps' matrices


@dataclass(frozen=True)
class Call:
    """How to make one operation's request, and the state a refused request must not change."""

    path_params: Callable[[Scene], dict] = field(default=lambda scene: {})
    body: Callable[[Scene, Officer | None], dict | bytes] = field(default=lambda scene, caller: {})
    headers: dict = field(default_factory=dict)
    effect: Callable[[Scene], object] = field(default=lambda scene: None)

    def send(self, client, method: str, path: str, scene: Scene, caller):
        url = API_ROOT + path.format(**self.path_params(scene))
        body = self.body(scene, caller)
        headers = {**client.headers(), **self.headers}
        send = getattr(client.client, method.lower())
        if method in {"GET", "HEAD"}:
            return send(url, body, headers=headers)
        content_type = "application/json" if isinstance(body, dict) else "application/octet-stream"
        return send(url, body, content_type=content_type, headers=headers)


def _consultations(scene: Scene) -> int:
    return AuditEvent.objects.filter(action="consultation").count()


def _entry_mutation() -> dict:
    return {
        "mutation_id": str(uuid4()),
        "device_seq": 1,
        "type": "notebook.entry",
        "op": "create",
        "id": str(uuid7()),
        "payload": {
            "kind": "entry",
            "occurred_at": now().isoformat(),
            "text": "On foot, Broadway.",
        },
    }


ENTRY_READ = "/notebook/entries/{entry_id}"
NOTEBOOK_READ = "/notebook/officers/{officer_id}/entries"
NOTEBOOK_READS = [ENTRY_READ, NOTEBOOK_READ]

CALLS = {
    ("GET", "/health"): Call(),
    ("POST", "/devices/enrol"): Call(
        body=lambda scene, caller: {"code": scene.code, "app_version": "1.0.0"},
        effect=lambda scene: Device.objects.count(),
    ),
    ("POST", "/auth/sign-in"): Call(
        body=lambda scene, caller: {
            "collar_number": (caller or scene.owner).collar_number,
            "password": PASSWORD,
        },
        effect=lambda scene: DeviceSession.objects.count(),
    ),
    ("POST", "/auth/sign-out"): Call(
        effect=lambda scene: DeviceSession.objects.filter(ended_at__isnull=True).count(),
    ),
    ("GET", "/auth/me"): Call(),
    ("POST", "/devices/enrolment-codes"): Call(
        body=lambda scene, caller: {"label": "Handset 42"},
        effect=lambda scene: EnrolmentCode.objects.count(),
    ),
    ("POST", "/devices/{device_id}/revoke"): Call(
        path_params=lambda scene: {"device_id": scene.device.pk},
        body=lambda scene, caller: {"reason": "reported lost on patrol"},
        effect=lambda scene: Device.objects.get(pk=scene.device.pk).revoked_at,
    ),
    ("POST", "/officers/{officer_id}/revoke"): Call(
        path_params=lambda scene: {"officer_id": scene.leaver.pk},
        body=lambda scene, caller: {"reason": "left the force"},
        effect=lambda scene: Officer.objects.get(pk=scene.leaver.pk).is_active,
    ),
    ("POST", "/notebook/entries"): Call(
        body=lambda scene, caller: {
            "id": str(uuid7()),
            "occurred_at": now().isoformat(),
            "text": "On patrol, Broadway.",
        },
        effect=lambda scene: NotebookEntry.objects.count(),
    ),
    ("GET", "/notebook/entries"): Call(),
    ("GET", ENTRY_READ): Call(
        path_params=lambda scene: {"entry_id": scene.entry.pk},
        body=lambda scene, caller: {"reason": REASON},
        effect=_consultations,
    ),
    ("GET", NOTEBOOK_READ): Call(
        path_params=lambda scene: {"officer_id": scene.owner.pk},
        body=lambda scene, caller: {"reason": REASON},
        effect=_consultations,
    ),
    ("POST", "/notebook/officers/{officer_id}/inspections"): Call(
        path_params=lambda scene: {"officer_id": scene.owner.pk},
        body=lambda scene, caller: {"id": str(uuid7()), "text": "Inspected: entries in order."},
        effect=lambda scene: NotebookEntry.objects.filter(officer=scene.owner).count(),
    ),
    ("GET", "/audit/events"): Call(),
    ("POST", "/sync/push"): Call(
        body=lambda scene, caller: {"mutations": [_entry_mutation()]},
        headers=APP_VERSION,
        effect=lambda scene: Mutation.objects.count(),
    ),
    ("GET", "/sync/pull"): Call(body=lambda scene, caller: {"cursor": "0"}, headers=APP_VERSION),
    ("POST", "/uploads"): Call(
        body=lambda scene, caller: {
            "sha256": hashlib.sha256(OTHER_PHOTO).hexdigest(),
            "size": len(OTHER_PHOTO),
            "media_type": "image/jpeg",
        },
        headers=APP_VERSION,
        effect=lambda scene: Blob.objects.count(),
    ),
    ("HEAD", "/uploads/{sha256}"): Call(
        path_params=lambda scene: {"sha256": scene.upload.sha256}, headers=APP_VERSION
    ),
    ("PATCH", "/uploads/{sha256}"): Call(
        path_params=lambda scene: {"sha256": scene.upload.sha256},
        body=lambda scene, caller: PHOTO[:4],
        headers={"Upload-Offset": "0", **APP_VERSION},
        effect=lambda scene: Upload.objects.get(blob_id=scene.upload.sha256).received,
    ),
}
for _module in APPS:
    CALLS.update(_module.CALLS)


@pytest.fixture
def scene(officer, station, team, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    entry = notebook_entry_create(
        officer=officer,
        entry_id=uuid7(),
        kind="entry",
        occurred_at=now(),
        text="Stopped vehicle AB12 CDE on the High Street.",
    ).entry
    device, _ = enrolled_device("spare handset")
    leaver = officer_create(
        collar_number="PC9",
        given_name="Test",
        family_name="Leaver",
        password=PASSWORD,
        officer_roles=[roles.OFFICER],
        station=station,
        team=team,
    )
    code = enrolment_code_issue(actor=None, label="new handset").code
    upload, _ = blobs.upload_start(
        device=device,
        sha256=hashlib.sha256(PHOTO).hexdigest(),
        size=len(PHOTO),
        media_type="image/jpeg",
    )
    scene = Scene(
        owner=officer, entry=entry, device=device, leaver=leaver, code=code, upload=upload
    )
    for module in APPS:
        scene.extra.update(module.targets(scene))
    return scene


def _published_operations() -> set[tuple[str, str]]:
    methods = {"get", "post", "put", "patch", "delete", "head", "options"}
    operations = set()
    for path, item in api.get_openapi_schema()["paths"].items():
        assert path.startswith(API_ROOT + "/"), path
        for method in item.keys() & methods:
            operations.add((method.upper(), path.removeprefix(API_ROOT)))
    return operations


def test_every_published_operation_is_in_the_matrix():
    # Given every operation the API publishes
    published = _published_operations()

    # Then each has a row of expected statuses and a way to call it, and no row is stale
    assert published - ROWS.keys() == set(), "add a MATRIX row for each new endpoint"
    assert ROWS.keys() - published == set(), "remove MATRIX rows for endpoints that are gone"
    assert CALLS.keys() == ROWS.keys()


@pytest.mark.parametrize(("method", "path", "column", "expected"), CASES)
def test_authorization_matrix(request, scene, api_factory, method, path, column, expected):
    # Given a caller in the column's role, and the operation's real target
    fixture = COLUMNS[column]
    caller = request.getfixturevalue(fixture) if fixture else None
    client = api_factory(caller) if caller else request.getfixturevalue("anonymous_api")
    call = CALLS[method, path]
    effect_before = call.effect(scene)
    audit_before = AuditEvent.objects.count()

    # When they call it
    response = call.send(client, method, path, scene, caller)

    # Then the status is the matrix's, and a refusal leaves no trace
    assert response.status_code == expected, response.content
    if expected >= 400:
        assert call.effect(scene) == effect_before
        assert AuditEvent.objects.count() == audit_before


@pytest.mark.parametrize(
    ("path", "object_type", "target"),
    [(ENTRY_READ, "notebook.entry", "entry"), (NOTEBOOK_READ, "notebook.notebook", "owner")],
)
@pytest.mark.parametrize("reader", ["supervisor", "auditor"])
def test_reading_another_officers_notebook_logs_one_consultation_with_the_reason(
    request, scene, api_factory, reader, path, object_type, target
):
    # Given the owner's supervisor, or an auditor
    viewer = request.getfixturevalue(reader)
    client = api_factory(viewer)
    url = API_ROOT + path.format(**CALLS["GET", path].path_params(scene))

    # When they read the owner's notebook with a reason
    response = client.get(url, {"reason": REASON})

    # Then they see the entry, and exactly one consultation records who, where, what and why
    assert response.status_code == 200
    body = response.json()
    assert [entry["id"] for entry in body.get("entries", [body])] == [str(scene.entry.pk)]
    consultation = AuditEvent.objects.get(action="consultation")
    assert consultation.actor_id == viewer.pk
    assert consultation.device_id == client.device.pk
    assert consultation.object_type == object_type
    assert consultation.object_id == str(getattr(scene, target).pk)
    assert consultation.justification == REASON


@pytest.mark.parametrize("path", NOTEBOOK_READS)
def test_reading_own_notebook_is_not_a_consultation(scene, api_factory, officer, path):
    # Given the owner
    client = api_factory(officer)
    url = API_ROOT + path.format(**CALLS["GET", path].path_params(scene))

    # When they read their own notebook, with or without a reason
    responses = [client.get(url), client.get(url, {"reason": REASON})]

    # Then they see it and nothing is logged as a consultation
    assert [response.status_code for response in responses] == [200, 200]
    assert not AuditEvent.objects.filter(action="consultation").exists()


@pytest.mark.parametrize("path", NOTEBOOK_READS)
@pytest.mark.parametrize("reason", [None, "", "   ", "why"])
def test_reading_another_officers_notebook_without_a_real_reason_is_refused(
    scene, api_factory, supervisor, path, reason
):
    # Given the owner's supervisor
    client = api_factory(supervisor)
    url = API_ROOT + path.format(**CALLS["GET", path].path_params(scene))

    # When they give no reason, a blank one, or one too short to say why
    response = client.get(url, {} if reason is None else {"reason": reason})

    # Then they are refused, told the field, and nothing is logged
    assert response.status_code == 422
    assert response.json()["field"] == "reason"
    assert not AuditEvent.objects.filter(action="consultation").exists()


@pytest.mark.parametrize(
    ("caller", "method", "path", "body"),
    [
        ("supervisor", "GET", "/notebook/entries/{id}", {"reason": REASON}),
        ("supervisor", "GET", "/notebook/officers/{id}/entries", {"reason": REASON}),
        ("supervisor", "POST", "/notebook/officers/{id}/inspections", {"text": "Inspected."}),
        ("fleet_manager", "POST", "/devices/{id}/revoke", {"reason": "reported lost"}),
        ("admin_officer", "POST", "/officers/{id}/revoke", {"reason": "left the force"}),
    ],
)
def test_an_unknown_target_is_not_found_for_a_caller_who_may_act(
    request, api_factory, caller, method, path, body
):
    # Given someone allowed to act on such a target
    client = api_factory(request.getfixturevalue(caller))
    if path.endswith("inspections"):
        body = {**body, "id": str(uuid7())}
    audit_before = AuditEvent.objects.count()

    # When the id names nothing
    response = client.request(method, API_ROOT + path.format(id=uuid4()), body)

    # Then it is not found, and nothing is written
    assert response.status_code == 404
    assert response.json()["error"] == "not_found"
    assert AuditEvent.objects.count() == audit_before


def test_an_unreadable_entry_looks_the_same_as_a_missing_one(scene, api_factory, team_mate):
    # Given a team mate, who may not read the owner's notebook
    client = api_factory(team_mate)

    # When they ask for the owner's real entry and for an id that names nothing
    real = client.get(f"{API_ROOT}/notebook/entries/{scene.entry.pk}", {"reason": REASON})
    missing = client.get(f"{API_ROOT}/notebook/entries/{uuid4()}", {"reason": REASON})

    # Then the two answers cannot be told apart
    assert (real.status_code, real.json()) == (missing.status_code, missing.json())
    assert real.status_code == 404


@pytest.mark.parametrize("column", [column for column, fixture in COLUMNS.items() if fixture])
def test_a_pull_carries_the_owners_entry_to_the_owner_alone(request, scene, api_factory, column):
    # Given the owner's entry on the change feed, and a signed-in caller
    caller = request.getfixturevalue(COLUMNS[column])
    client = api_factory(caller)

    # When they pull from the start
    response = CALLS["GET", "/sync/pull"].send(client, "GET", "/sync/pull", scene, caller)

    # Then only the owner receives it
    assert response.status_code == 200
    pulled = [change["id"] for change in response.json()["changes"]]
    assert (str(scene.entry.pk) in pulled) is (caller == scene.owner)
