"""Fleet rows of the authorisation matrix (tests/test_authorization_matrix.py).

Only fleet managers and admins change the register; fleet managers, admins, auditors and
evaluators read it; an officer sees their own kit history; every enrolled app checks in; a wipe
confirmation is accepted only from a revoked install, so every caller here (none revoked) is
refused it.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from frontline.accounts.models import EnrolmentCode
from frontline.devices.models import (
    CheckIn,
    DeviceModel,
    FleetDevice,
    LifecycleEvent,
    WipeConfirmation,
)
from tests.devices.helpers import device, ipad

API_ROOT = "/api/v1"
DEVICE = "/fleet/devices/{device_id}"

MATRIX = """
method path                                      own  mate sup  osup flt  eval aud  adm  anon
GET    /fleet/models                             403  403  403  403  200  200  200  200  401
POST   /fleet/models                             403  403  403  403  201  403  403  201  401
GET    /fleet/devices                            403  403  403  403  200  200  200  200  401
POST   /fleet/devices                            403  403  403  403  201  403  403  201  401
GET    /fleet/devices/{device_id}                403  403  403  403  200  200  200  200  401
POST   /fleet/devices/{device_id}/events         403  403  403  403  200  403  403  200  401
POST   /fleet/devices/{device_id}/enrolment-codes 403 403  403  403  201  403  403  201  401
GET    /fleet/officers/{officer_id}/history      200  404  404  404  200  200  200  200  401
GET    /fleet/compliance                         403  403  403  403  200  200  200  200  401
GET    /fleet/dashboard                          403  403  403  403  200  200  200  200  401
GET    /fleet/kit-profiles                       403  403  403  403  200  200  200  200  401
POST   /fleet/check-ins                          201  201  201  201  201  201  201  201  401
POST   /fleet/wipe-confirmations                 409  409  409  409  409  409  409  409  401
"""


@dataclass(frozen=True)
class Call:
    path_params: Callable = field(default=lambda scene: {})
    body: Callable = field(default=lambda scene, caller: {})
    headers: dict = field(default_factory=dict)
    effect: Callable = field(default=lambda scene: None)

    def send(self, client, method: str, path: str, scene, caller):
        url = API_ROOT + path.format(**self.path_params(scene))
        body = self.body(scene, caller)
        headers = {**client.headers(), **self.headers}
        if method == "GET":
            return client.client.get(url, body, headers=headers)
        return client.client.post(url, body, content_type="application/json", headers=headers)


def _device_id(scene) -> dict:
    return {"device_id": scene.extra["fleet_device"].pk}


CALLS = {
    ("GET", "/fleet/models"): Call(),
    ("POST", "/fleet/models"): Call(
        body=lambda scene, caller: {
            "make": "Samsung",
            "name": "Galaxy XCover 6 Pro",
            "platform": "android",
            "form_factor": "rugged_phone",
            "unit_cost_pence": 42000,
            "expected_life_months": 48,
        },
        effect=lambda scene: DeviceModel.objects.count(),
    ),
    ("GET", "/fleet/devices"): Call(),
    ("POST", "/fleet/devices"): Call(
        body=lambda scene, caller: {
            "asset_tag": "MPS-NEW-1",
            "serial_number": "NEWSERIAL1",
            "model_id": str(scene.extra["fleet_model"].pk),
        },
        effect=lambda scene: FleetDevice.objects.count(),
    ),
    ("GET", DEVICE): Call(path_params=_device_id),
    ("POST", DEVICE + "/events"): Call(
        path_params=_device_id,
        body=lambda scene, caller: {"event": "sent_for_repair", "reason": "cracked screen"},
        effect=lambda scene: LifecycleEvent.objects.count(),
    ),
    ("POST", DEVICE + "/enrolment-codes"): Call(
        path_params=_device_id, effect=lambda scene: EnrolmentCode.objects.count()
    ),
    ("GET", "/fleet/officers/{officer_id}/history"): Call(
        path_params=lambda scene: {"officer_id": scene.owner.pk}
    ),
    ("GET", "/fleet/compliance"): Call(),
    ("GET", "/fleet/dashboard"): Call(),
    ("GET", "/fleet/kit-profiles"): Call(),
    ("POST", "/fleet/check-ins"): Call(
        body=lambda scene, caller: {
            "app_version": "1.4.0",
            "os": "iOS 17.5",
            "free_storage_mb": 12000,
            "battery_percent": 80,
            "last_sync_at": "2026-01-01T09:00:00Z",
        },
        effect=lambda scene: CheckIn.objects.count(),
    ),
    ("POST", "/fleet/wipe-confirmations"): Call(
        body=lambda scene, caller: {"outbox_pending": 0},
        effect=lambda scene: WipeConfirmation.objects.count(),
    ),
}


def targets(scene) -> dict:
    model = ipad()
    return {"fleet_model": model, "fleet_device": device(model)}
