"""Makers for fleet tests: a catalogue model, a registered device, a bound app install."""

from datetime import date
from itertools import count

from frontline.accounts.services import device_enrol, device_sign_in
from frontline.devices import services
from frontline.devices.models import DeviceModel
from tests.conftest import PASSWORD, Api

_numbers = count(1)


def ipad(**overrides) -> DeviceModel:
    fields = {
        "make": "Apple",
        "name": "iPad Air 2",
        "platform": "ios",
        "form_factor": "tablet",
        "unit_cost_pence": 39900,
        "accessories_cost_pence": 4500,
        "expected_life_months": 36,
        "security_updates_end": date(2030, 1, 1),
    }
    fields.update(overrides)
    existing = DeviceModel.objects.filter(make=fields["make"], name=fields["name"]).first()
    return existing or services.device_model_create(actor=None, **fields)


def device(model=None, *, station=None, **overrides):
    number = next(_numbers)
    fields = {
        "asset_tag": f"MPS-T{number:05d}",
        "serial_number": f"DMPQ{number:08d}",
        "os_version": "iOS 17.5",
        "purchase_cost_pence": 39900,
        "supplier": "Computacenter",
    }
    fields.update(overrides)
    return services.fleet_device_register(
        actor=None, model=model or ipad(), station=station, **fields
    )


def issued(officer, fleet_device=None, **event):
    fleet_device = fleet_device or device()
    return services.fleet_device_event(
        device=fleet_device,
        event="issued",
        actor=None,
        reason="Issued at the start of the shift",
        officer=officer,
        out_of_profile_reason=event.pop("out_of_profile_reason", "pilot: no profile yet"),
        **event,
    )


def bound_install(fleet_device, officer, client):
    """Enrol an app install with the device's own code and sign `officer` in on it."""
    issued_code = services.fleet_enrolment_code_issue(device=fleet_device, actor=None)
    install, credential = device_enrol(code=issued_code.code, app_version="1.4.0")
    token = device_sign_in(device=install, collar_number=officer.collar_number, password=PASSWORD)
    return Api(client, token.token, credential, install, officer)
