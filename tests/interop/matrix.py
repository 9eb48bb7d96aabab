"""Information management rows of the authorisation matrix (tests/test_authorization_matrix.py).

Retention review, subject access, court bundles and dead letters are for auditors and admins;
destinations (which hold signing secrets) for admins only. The targets: a stop search of the
owner's (`officer`), a subject access search, and a dead letter to a destination.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta

from frontline.audit.models import AuditEvent
from frontline.common.clock import now
from frontline.common.ids import uuid7
from frontline.interop.models import (
    DEAD,
    Delivery,
    Destination,
    ReviewDecision,
    SubjectAccessSearch,
)
from frontline.interop.retention import LONDON
from tests.stopsearch.helpers import record

REASON = "Scheduled MoPI review of the group 3 records"
SECRET = "matrix-secret-matrix-secret-matrix-secret"

MATRIX = """
method path                                          own  mate sup  osup flt  eval aud  adm  anon
GET    /interop/retention/due                        403  403  403  403  403  403  200  200  401
POST   /interop/retention/decisions                  403  403  403  403  403  403  201  201  401
POST   /interop/subject-access                       403  403  403  403  403  403  201  201  401
POST   /interop/subject-access/{search_id}/export    403  403  403  403  403  403  200  200  401
POST   /interop/bundles                              403  403  403  403  403  403  200  200  401
POST   /interop/bundles/notebook                     403  403  403  403  403  403  200  200  401
GET    /interop/destinations                         403  403  403  403  403  403  403  200  401
POST   /interop/destinations                         403  403  403  403  403  403  403  201  401
GET    /interop/dead-letters                         403  403  403  403  403  403  200  200  401
POST   /interop/deliveries/{delivery_id}/replay      403  403  403  403  403  403  200  200  401
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
        if method == "GET":
            return send(url, body, headers=headers)
        return send(url, body, content_type="application/json", headers=headers)


def _disclosures(scene) -> int:
    return AuditEvent.objects.filter(action="disclosure").count()


def _today():
    return now().astimezone(LONDON).date()


CALLS = {
    ("GET", "/interop/retention/due"): Call(
        body=lambda scene, caller: {"on": (_today() + timedelta(days=366 * 7)).isoformat()}
    ),
    ("POST", "/interop/retention/decisions"): Call(
        body=lambda scene, caller: {
            "record_type": "stopsearch.record",
            "record_id": str(scene.extra["interop_search"].pk),
            "decision": "retain",
            "reason": REASON,
            "next_review_on": (_today() + timedelta(days=365)).isoformat(),
        },
        effect=lambda scene: ReviewDecision.objects.count(),
    ),
    ("POST", "/interop/subject-access"): Call(
        body=lambda scene, caller: {"name": "Jolanta Wierzbicka", "reason": REASON},
        effect=lambda scene: AuditEvent.objects.count(),
    ),
    ("POST", "/interop/subject-access/{search_id}/export"): Call(
        path_params=lambda scene: {"search_id": scene.extra["interop_sar"].pk},
        body=lambda scene, caller: {"format": "json", "reason": REASON},
        effect=_disclosures,
    ),
    ("POST", "/interop/bundles"): Call(
        body=lambda scene, caller: {
            "record_type": "stopsearch.record",
            "record_id": str(scene.extra["interop_search"].pk),
            "reason": REASON,
            "recipient": "CPS West London",
        },
        effect=_disclosures,
    ),
    ("POST", "/interop/bundles/notebook"): Call(
        body=lambda scene, caller: {
            "collar_number": scene.owner.collar_number,
            "from": (now() - timedelta(days=1)).isoformat(),
            "to": (now() + timedelta(days=1)).isoformat(),
            "reason": REASON,
        },
        effect=_disclosures,
    ),
    ("GET", "/interop/destinations"): Call(),
    ("POST", "/interop/destinations"): Call(
        body=lambda scene, caller: {
            "name": "Records management system",
            "kind": "http",
            "url": "https://rms.example.police.uk/frontline",
            "secret": SECRET,
            "record_types": ["stopsearch.record"],
            "events": ["created"],
            "format": "police_uk",
        },
        effect=lambda scene: Destination.objects.count(),
    ),
    ("GET", "/interop/dead-letters"): Call(),
    ("POST", "/interop/deliveries/{delivery_id}/replay"): Call(
        path_params=lambda scene: {"delivery_id": scene.extra["interop_dead"].pk},
        effect=lambda scene: Delivery.objects.get(pk=scene.extra["interop_dead"].pk).status,
    ),
}


def targets(scene) -> dict:
    search = record(scene.owner, person_name="Jolanta Wierzbicka")
    # Made directly: the search service logs a consultation, which other matrix tests count.
    sar = SubjectAccessSearch.objects.create(
        id=uuid7(),
        name="Jolanta Wierzbicka",
        reason=REASON,
        searched_by=scene.owner,
        searched_at=now(),
        matches=[["stopsearch.record", str(search.pk)]],
    )
    destination = Destination.objects.create(
        id=uuid7(),
        name="Matrix destination",
        kind="directory",
        directory="/nonexistent/frontline-matrix",
        record_types=["stopsearch.record"],
        events=["created"],
        format="json",
        created_at=now(),
    )
    dead = Delivery.objects.create(
        id=uuid7(),
        destination=destination,
        change_seq=1,
        record_type="stopsearch.record",
        record_id=search.pk,
        event="created",
        status=DEAD,
        attempts=8,
        last_error="HTTP 503 Service Unavailable",
        next_attempt_at=now(),
        created_at=now(),
    )
    return {"interop_search": search, "interop_sar": sar, "interop_dead": dead}
