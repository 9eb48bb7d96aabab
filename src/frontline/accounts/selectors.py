"""Reading officers and devices."""

from django.db.models import Q

from frontline.accounts.models import Device, DeviceSession, Officer, Station
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


def device_sessions_open_between(*, officer_ids, start, end) -> list[dict]:
    """The officers' sign-in sessions open at any time in [start, end): who, on which device,
    when they signed in and when the session closed (signed out, revoked or expired, whichever
    came first). For the evaluation's shifts, which are these sessions. One query; no tokens."""
    rows = (
        DeviceSession.objects.filter(
            officer_id__in=officer_ids, created_at__lt=end, expires_at__gt=start
        )
        .filter(Q(ended_at__isnull=True) | Q(ended_at__gt=start))
        .values("officer_id", "device_id", "created_at", "expires_at", "ended_at")
    )
    return [
        {
            "officer_id": row["officer_id"],
            "device_id": row["device_id"],
            "started_at": row["created_at"],
            "ended_at": min(row["expires_at"], row["ended_at"] or row["expires_at"]),
        }
        for row in rows
    ]
