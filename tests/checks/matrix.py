"""Checks rows of the authorisation matrix (tests/test_authorization_matrix.py).

Checks are made by warranted officers; a result is opened only from the officer's own check;
the consultation log and misuse signals are for auditors and admins. A refused call must make
no check, no opening and no pack, and log nothing.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from frontline.checks import search
from frontline.checks.models import BriefingPack, Check, CheckOpen
from frontline.checks.services import CheckOutcome
from frontline.common.clock import now
from tests.checks.helpers import REASON, load_reference

MATRIX = """
method path                                   own  mate sup  osup flt  eval aud  adm  anon
GET    /checks/reasons                        200  200  200  200  200  200  200  200  401
POST   /checks/persons                        201  201  201  201  403  403  403  403  401
POST   /checks/vehicles                       201  201  201  201  403  403  403  403  401
POST   /checks/locations                      201  201  201  201  403  403  403  403  401
POST   /checks/{check_id}/open                200  404  404  404  404  404  404  404  401
POST   /checks/briefing-pack                  201  201  201  201  403  403  403  403  401
GET    /checks/log                            403  403  403  403  403  403  200  200  401
GET    /checks/misuse                         403  403  403  403  403  403  200  200  401
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


def _written(scene):
    return (Check.objects.count(), CheckOpen.objects.count(), BriefingPack.objects.count())


CALLS = {
    ("GET", "/checks/reasons"): Call(),
    ("POST", "/checks/persons"): Call(
        body=lambda scene, caller: {"name": "John Smith", **REASON}, effect=_written
    ),
    ("POST", "/checks/vehicles"): Call(
        body=lambda scene, caller: {"registration": "AB12*", **REASON}, effect=_written
    ),
    ("POST", "/checks/locations"): Call(
        body=lambda scene, caller: {"query": "W6 9PL", **REASON}, effect=_written
    ),
    ("POST", "/checks/{check_id}/open"): Call(
        path_params=lambda scene: {"check_id": scene.extra["check"].check.pk},
        body=lambda scene, caller: {
            "type": "person",
            "id": str(scene.extra["check"].hits[0].id),
        },
        effect=_written,
    ),
    ("POST", "/checks/briefing-pack"): Call(effect=_written),
    ("GET", "/checks/log"): Call(),
    ("GET", "/checks/misuse"): Call(),
}


def targets(scene) -> dict:
    """A check of the owner's, made without its consultation event: the shared scene must
    leave the audit trail's consultations to the notebook rows' own tests."""
    load_reference()
    query = search.person_query_parse(name="John Smith")
    hits = search.persons_search(query)
    at = now()
    check = Check.objects.create(
        officer=scene.owner,
        at=at,
        checked_at=at,
        kind="person",
        reason="stop_account",
        query={"name": query.name},
        result_count=len(hits),
        result_ids=[str(hit.id) for hit in hits],
    )
    return {"check": CheckOutcome(check=check, hits=hits)}
