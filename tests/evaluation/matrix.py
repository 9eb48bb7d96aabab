"""Evaluation rows of the authorisation matrix (tests/test_authorization_matrix.py).

Only evaluators and admins read evaluations or add to a ledger; a refused cost adds nothing.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from frontline.evaluation import services
from frontline.evaluation.models import CostEntry, Option

API_ROOT = "/api/v1"
SLUG = "matrix-pilot"

MATRIX = """
method path                                        own  mate sup  osup flt  eval aud  adm  anon
GET    /evaluation/programmes                      403  403  403  403  403  200  403  200  401
GET    /evaluation/programmes/{slug}/report        403  403  403  403  403  200  403  200  401
POST   /evaluation/programmes/{slug}/costs         403  403  403  403  403  201  403  201  401
POST   /evaluation/programmes/{slug}/options/from-catalogue 403 403 403 403 403 201 403 201 401
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
        headers = {**client.headers(), **self.headers}
        if method == "GET":
            return client.client.get(url, self.body(scene, caller), headers=headers)
        return client.client.post(
            url, self.body(scene, caller), content_type="application/json", headers=headers
        )


CALLS = {
    ("GET", "/evaluation/programmes"): Call(),
    ("GET", "/evaluation/programmes/{slug}/report"): Call(path_params=lambda scene: {"slug": SLUG}),
    ("POST", "/evaluation/programmes/{slug}/costs"): Call(
        path_params=lambda scene: {"slug": SLUG},
        body=lambda scene, caller: {
            "category": "hardware",
            "nature": "capital",
            "amount_pence": 50_000,
            "spent_on": "2026-01-10",
        },
        effect=lambda scene: CostEntry.objects.count(),
    ),
    ("POST", "/evaluation/programmes/{slug}/options/from-catalogue"): Call(
        path_params=lambda scene: {"slug": SLUG},
        body=lambda scene, caller: {
            "role": "Response",
            "device_models": [str(scene.extra["device_model"].pk)],
            "devices": 10,
        },
        effect=lambda scene: Option.objects.count(),
    ),
}


def targets(scene) -> dict:
    programme = services.programme_create(
        actor=None,
        slug=SLUG,
        name="Matrix pilot",
        kind="pilot",
        starts_on="2026-01-01",
        ends_on="2026-03-31",
        stations=[scene.owner.station],
    )
    from tests.devices.helpers import ipad

    return {"programme": programme, "device_model": ipad()}
