"""Evidence rows of the authorisation matrix (see tests/test_authorization_matrix.py).

The target is a complete item of the owner's (`officer`) attached to their notebook entry.
Reads of someone else's evidence send a reason; a refused call must add no custody event.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from frontline.evidence import selectors
from tests.conftest import enrolled_device
from tests.evidence.helpers import REASON, item_create, upload

MATRIX = """
method path                          own  mate sup  osup flt  eval aud  adm  anon
GET    /evidence                     200  200  200  200  200  200  200  200  401
GET    /evidence/{item_id}           200  404  200  404  404  404  200  404  401
GET    /evidence/{item_id}/content   200  404  200  404  404  404  200  404  401
POST   /evidence/{item_id}/export    200  404  200  404  404  404  403  404  401
"""

MATRIX_PHOTO = b"\x89PNG\r\n\x1a\n matrix photograph"


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


def _item(scene):
    return {"item_id": scene.extra["evidence_item"].pk}


def _custody(scene) -> int:
    return len(selectors.evidence_custody_list(item_id=scene.extra["evidence_item"].pk))


CALLS = {
    ("GET", "/evidence"): Call(
        body=lambda scene, caller: {
            "record_type": "notebook.entry",
            "record_id": str(scene.entry.pk),
            "reason": REASON,
        },
    ),
    ("GET", "/evidence/{item_id}"): Call(
        path_params=_item, body=lambda scene, caller: {"reason": REASON}, effect=_custody
    ),
    ("GET", "/evidence/{item_id}/content"): Call(
        path_params=_item, body=lambda scene, caller: {"reason": REASON}, effect=_custody
    ),
    ("POST", "/evidence/{item_id}/export"): Call(
        path_params=_item,
        body=lambda scene, caller: {"reason": REASON, "recipient": "CPS London"},
        effect=_custody,
    ),
}


def targets(scene) -> dict:
    device, _ = enrolled_device("evidence handset")
    upload(device, MATRIX_PHOTO)
    item = item_create(scene.owner, scene.entry.pk, data=MATRIX_PHOTO, device=device)
    return {"evidence_item": item}
