"""Incident rows of the authorisation matrix (see tests/test_authorization_matrix.py).

Targets are the owner's (`officer`) reports: a draft (edited and submitted) and a submitted
report (read, returned and approved). Reads of someone else's report send a reason; a refused
call must change nothing and log nothing.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from frontline.audit.models import AuditEvent
from frontline.incidents.models import IncidentReport, ReportReview, ReportVersion
from tests.incidents.helpers import REASON, content, draft, new_id, submitted

MATRIX = """
method path                                   own  mate sup  osup flt  eval aud  adm  anon
POST   /incidents                             201  201  201  201  403  403  403  403  401
GET    /incidents                             200  200  200  200  200  200  200  200  401
GET    /incidents/review-queue                403  403  200  200  403  403  403  403  401
GET    /incidents/conflicts                   200  200  200  200  200  200  200  200  401
GET    /incidents/form                        200  200  200  200  200  200  200  200  401
GET    /incidents/export/pole                 403  403  403  403  403  403  200  200  401
GET    /incidents/{report_id}                 200  404  200  404  404  404  200  404  401
PUT    /incidents/{report_id}                 200  404  404  404  404  404  403  404  401
POST   /incidents/{report_id}/submit          200  404  404  404  404  404  403  404  401
POST   /incidents/{report_id}/return          403  404  200  404  404  404  403  404  401
POST   /incidents/{report_id}/approve         403  404  200  404  404  404  403  404  401
"""


@dataclass(frozen=True)
class Call:
    """The same shape as the matrix's own `Call` (kept here to avoid a circular import)."""

    path_params: Callable = field(default=lambda scene: {})
    body: Callable = field(default=lambda scene, caller: {})
    headers: dict = field(default_factory=dict)
    effect: Callable = field(default=lambda scene: None)

    def send(self, client, method: str, path: str, scene, caller):
        url = "/api/v1" + path.format(**self.path_params(scene))
        body = self.body(scene, caller)
        headers = {**client.headers(), **self.headers}
        send = getattr(client.client, method.lower())
        if method in {"GET", "HEAD"}:
            return send(url, body, headers=headers)
        return send(url, body, content_type="application/json", headers=headers)


def targets(scene) -> dict:
    return {
        "incident_draft": draft(scene.owner),
        "incident_submitted": submitted(scene.owner),
    }


def _draft(scene):
    return {"report_id": scene.extra["incident_draft"].pk}


def _submitted(scene):
    return {"report_id": scene.extra["incident_submitted"].pk}


def _period(scene, caller):
    end = datetime.now(UTC) + timedelta(minutes=1)
    return {"from": (end - timedelta(days=1)).isoformat(), "to": end.isoformat(), "reason": REASON}


def _count(action):
    return lambda scene: AuditEvent.objects.filter(action=action).count()


CALLS = {
    ("POST", "/incidents"): Call(
        body=lambda scene, caller: {"id": new_id(), **content()},
        effect=lambda scene: IncidentReport.objects.count(),
    ),
    ("GET", "/incidents"): Call(),
    ("GET", "/incidents/review-queue"): Call(),
    ("GET", "/incidents/conflicts"): Call(),
    ("GET", "/incidents/form"): Call(),
    ("GET", "/incidents/export/pole"): Call(body=_period, effect=_count("disclosure")),
    ("GET", "/incidents/{report_id}"): Call(
        path_params=_submitted,
        body=lambda scene, caller: {"reason": REASON},
        effect=_count("consultation"),
    ),
    ("PUT", "/incidents/{report_id}"): Call(
        path_params=_draft,
        body=lambda scene, caller: {"base_version": 1, **content(narrative="Edited.")},
        effect=lambda scene: IncidentReport.objects.get(pk=_draft(scene)["report_id"]).version,
    ),
    ("POST", "/incidents/{report_id}/submit"): Call(
        path_params=_draft,
        body=lambda scene, caller: {"base_version": 1},
        effect=lambda scene: ReportVersion.objects.count(),
    ),
    ("POST", "/incidents/{report_id}/return"): Call(
        path_params=_submitted,
        body=lambda scene, caller: {"comments": "Add the point of entry."},
        effect=lambda scene: ReportReview.objects.count(),
    ),
    ("POST", "/incidents/{report_id}/approve"): Call(
        path_params=_submitted,
        effect=lambda scene: ReportReview.objects.count(),
    ),
}
