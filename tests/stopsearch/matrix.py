"""Stop and search rows of the authorisation matrix (tests/test_authorization_matrix.py).

Recording is for warranted officers; a record is read by its officer, their supervisor and
auditors (with a reason, logged); its receipt only by the searching officer; the data.police.uk
export by auditors, evaluators and admins. A new record's reference number carries the caller's
own device id, so `send` builds the body from the calling client's device.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from frontline.audit.models import AuditEvent
from frontline.common.clock import now
from frontline.stopsearch.models import StopSearch
from frontline.stopsearch.period import month_of
from tests.stopsearch.helpers import REASON, api_body, record

API_ROOT = "/api/v1"
RECORD = "/stop-searches/{record_id}"

MATRIX = """
method path                                      own  mate sup  osup flt  eval aud  adm  anon
POST   /stop-searches                            201  201  201  201  403  403  403  403  401
GET    /stop-searches                            200  200  200  200  200  200  200  200  401
GET    /stop-searches/gowisely                   200  200  200  200  200  200  200  200  401
GET    /stop-searches/form                       200  200  200  200  200  200  200  200  401
GET    /stop-searches/export                     403  403  403  403  403  200  200  200  401
GET    /stop-searches/statistics                 403  403  200  200  403  200  200  200  401
GET    /stop-searches/{record_id}                200  404  200  404  404  404  200  404  401
GET    /stop-searches/{record_id}/receipt        200  404  404  404  404  404  404  404  401
"""


@dataclass(frozen=True)
class Call:
    """The same shape as the matrix's Call; the body may depend on the calling device."""

    path_params: Callable = field(default=lambda scene: {})
    body: Callable = field(default=lambda scene, caller: {})
    headers: dict = field(default_factory=dict)
    effect: Callable = field(default=lambda scene: None)
    device_body: Callable | None = None

    def send(self, client, method: str, path: str, scene, caller):
        url = API_ROOT + path.format(**self.path_params(scene))
        if self.device_body is not None:
            body = self.device_body(client.device)
        else:
            body = self.body(scene, caller)
        headers = {**client.headers(), **self.headers}
        if method == "GET":
            return client.client.get(url, body, headers=headers)
        return getattr(client.client, method.lower())(
            url, body, content_type="application/json", headers=headers
        )


def _consultations(scene) -> int:
    return AuditEvent.objects.filter(action="consultation").count()


CALLS = {
    ("POST", "/stop-searches"): Call(
        device_body=lambda device: api_body(device),
        effect=lambda scene: StopSearch.objects.count(),
    ),
    ("GET", "/stop-searches"): Call(),
    ("GET", "/stop-searches/gowisely"): Call(),
    ("GET", "/stop-searches/form"): Call(),
    ("GET", "/stop-searches/export"): Call(
        body=lambda scene, caller: {"month": month_of(now()), "format": "csv"}
    ),
    ("GET", "/stop-searches/statistics"): Call(body=lambda scene, caller: {"month": "2026-03"}),
    ("GET", RECORD): Call(
        path_params=lambda scene: {"record_id": scene.extra["stop_search"].pk},
        body=lambda scene, caller: {"reason": REASON},
        effect=_consultations,
    ),
    ("GET", RECORD + "/receipt"): Call(
        path_params=lambda scene: {"record_id": scene.extra["stop_search"].pk},
    ),
}


def targets(scene) -> dict:
    return {"stop_search": record(scene.owner)}
