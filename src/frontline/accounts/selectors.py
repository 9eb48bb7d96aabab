"""Reading officers and devices."""

from frontline.accounts.models import Device, Officer, Station
from frontline.accounts.services import secret_hash


def device_get(*, device_id) -> Device | None:
    return Device.objects.filter(pk=device_id).first()


def officer_get(*, officer_id) -> Officer | None:
    return Officer.objects.select_related("team", "station").filter(pk=officer_id).first()


def officer_by_collar(*, collar_number: str) -> Officer | None:
    return Officer.objects.filter(collar_number__iexact=collar_number.strip()).first()


def devices_list():
    return Device.objects.order_by("-enrolled_at")


def officers_list(*, team_id=None):
    officers = Officer.objects.select_related("team__station", "station")
    if team_id is not None:
        officers = officers.filter(team_id=team_id)
    return officers.order_by("family_name", "given_name")


def device_by_credential(credential: str | None) -> Device | None:
    """The install holding this credential, revoked or not (a revoked one may confirm a wipe)."""
    if not credential:
        return None
    return Device.objects.filter(credential_hash=secret_hash(credential)).first()


def station_by_code(*, code: str):
    return Station.objects.filter(code__iexact=(code or "").strip()).first()


def stations_list():
    return Station.objects.order_by("name")
