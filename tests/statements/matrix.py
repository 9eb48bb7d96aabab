"""Authorisation matrix rows for the statements API (read by tests/test_authorization_matrix.py).

The target is a signed statement taken by `officer` (the `own` column), its signature uploaded.
Reads of it by anyone else send a reason; a refused read must log no consultation.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from frontline.common.ids import uuid7

API_ROOT = "/api/v1"
REASON = "Reviewing the file before charge"

MATRIX = """
method path                                   own  mate sup  osup flt  eval aud  adm  anon
POST   /statements                            201  201  201  201  403  403  403  403  401
GET    /statements                            200  200  200  200  200  200  200  200  401
GET    /statements/{statement_id}             200  404  200  404  404  404  200  404  401
GET    /statements/{statement_id}/pdf         200  404  200  404  404  404  200  404  401
"""


@dataclass(frozen=True)
class Call:
    """The same shape as Call in tests/test_authorization_matrix.py."""

    path_params: Callable = field(default=lambda scene: {})
    body: Callable = field(default=lambda scene, caller: {})
    headers: dict = field(default_factory=dict)
    effect: Callable = field(default=lambda scene: None)

    def send(self, client, method: str, path: str, scene, caller):
        url = API_ROOT + path.format(**self.path_params(scene))
        body = self.body(scene, caller)
        headers = {**client.headers(), **self.headers}
        send = getattr(client.client, method.lower())
        if method in {"GET", "HEAD"}:
            return send(url, body, headers=headers)
        return send(url, body, content_type="application/json", headers=headers)


def _statements(scene) -> int:
    from frontline.statements.models import Statement

    return Statement.objects.count()


def _consultations(scene) -> int:
    from frontline.audit.models import AuditEvent

    return AuditEvent.objects.filter(action="consultation").count()


def _new_statement(scene, caller) -> dict:
    from tests.statements.helpers import payload

    return {"id": str(uuid7()), **payload()}


def _target(scene) -> dict:
    return {"statement_id": scene.extra["statement"].pk}


CALLS = {
    ("POST", "/statements"): Call(body=_new_statement, effect=_statements),
    ("GET", "/statements"): Call(),
    ("GET", "/statements/{statement_id}"): Call(
        path_params=_target,
        body=lambda scene, caller: {"reason": REASON},
        effect=_consultations,
    ),
    ("GET", "/statements/{statement_id}/pdf"): Call(
        path_params=_target,
        body=lambda scene, caller: {"reason": REASON},
        effect=_consultations,
    ),
}


def targets(scene) -> dict:
    from tests.statements.helpers import take_statement

    return {"statement": take_statement(scene.owner)}
