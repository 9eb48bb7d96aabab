"""Sync conflict rows of the authorisation matrix (tests/test_authorization_matrix.py).

Everyone may list their own conflicts (an empty list for most); only the officer whose edit it
was may settle one: to anyone else it does not exist.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from uuid import uuid4

from frontline.common.clock import now
from frontline.common.ids import uuid7
from frontline.sync.models import Conflict

API_ROOT = "/api/v1"

MATRIX = """
method path                                            own  mate sup  osup flt  eval aud  adm  anon
GET    /sync/conflicts                                 200  200  200  200  200  200  200  200  401
POST   /sync/conflicts/{conflict_id}/resolve           200  404  404  404  404  404  404  404  401
"""


@dataclass(frozen=True)
class Call:
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


def targets(scene) -> dict:
    conflict = Conflict.objects.create(
        mutation_id=uuid4(),
        type="incident.report",
        record_id=uuid7(),
        officer=scene.owner,
        device=scene.device,
        base_version=1,
        server_version=2,
        payload={"narrative": "a stale edit"},
        created_at=now(),
    )
    return {"conflict": conflict}


CALLS = {
    ("GET", "/sync/conflicts"): Call(),
    ("POST", "/sync/conflicts/{conflict_id}/resolve"): Call(
        path_params=lambda scene: {"conflict_id": scene.extra["conflict"].pk},
        body=lambda scene, caller: {"resolution": "kept_server"},
        effect=lambda scene: Conflict.objects.filter(resolved_at__isnull=True).count(),
    ),
}
