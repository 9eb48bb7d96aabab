"""Reading officers and devices."""

from frontline.accounts.models import Device, Officer


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
