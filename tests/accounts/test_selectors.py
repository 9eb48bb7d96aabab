"""Reads that other apps make of accounts."""

from datetime import UTC, datetime, timedelta

from frontline.accounts.models import DeviceSession
from frontline.accounts.selectors import device_sessions_open_between
from frontline.accounts.services import secret_hash
from tests.conftest import enrolled_device

NOON = datetime(2026, 11, 2, 12, tzinfo=UTC)


def _session(officer, device, *, started, expires, ended=None):
    made = DeviceSession.objects.create(
        token_hash=secret_hash(f"{officer.pk}{started}"),
        officer=officer,
        device=device,
        expires_at=expires,
        ended_at=ended,
    )
    DeviceSession.objects.filter(pk=made.pk).update(created_at=started)  # auto_now_add


def test_sessions_open_between_close_at_sign_out_or_expiry_whichever_came_first(officer, team_mate):
    device, _ = enrolled_device()
    hour = timedelta(hours=1)
    _session(officer, device, started=NOON - 14 * hour, expires=NOON - 2 * hour)  # expired
    _session(officer, device, started=NOON - hour, expires=NOON + 11 * hour, ended=NOON)
    _session(officer, device, started=NOON - 30 * hour, expires=NOON - 20 * hour)  # before
    _session(officer, device, started=NOON + 30 * hour, expires=NOON + 40 * hour)  # after
    _session(team_mate, device, started=NOON, expires=NOON + 12 * hour)  # not asked for

    rows = device_sessions_open_between(
        officer_ids=[officer.pk], start=NOON - 12 * hour, end=NOON + 12 * hour
    )

    assert sorted(rows, key=lambda row: row["started_at"]) == [
        {"officer_id": officer.pk, "device_id": device.pk, "started_at": NOON - 14 * hour,
         "ended_at": NOON - 2 * hour},
        {"officer_id": officer.pk, "device_id": device.pk, "started_at": NOON - hour,
         "ended_at": NOON},
    ]  # fmt: skip
