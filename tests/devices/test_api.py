"""The fleet API: registering, events, enrolment bound to the register, check-ins, lost and
stolen cutting an install off, wipe confirmations, kit profiles, compliance and lists."""

from datetime import UTC, date, datetime, timedelta

import pytest
import time_machine
from django.test import Client

from frontline.accounts.models import EnrolmentCode
from frontline.accounts.services import device_enrol
from frontline.audit.models import AuditEvent
from frontline.common.clock import now
from frontline.devices import services
from frontline.devices.models import CheckIn, FleetDevice, KitProfile, WipeConfirmation
from frontline.sync import blobs
from tests.devices.helpers import bound_install, device, ipad, issued

URL = "/api/v1/fleet"
CHECK_IN = {
    "app_version": "1.4.0",
    "os": "iOS 17.5",
    "free_storage_mb": 20480,
    "battery_percent": 64,
    "last_sync_at": "2026-11-28T08:00:00Z",
}


def _register_body(model, **overrides):
    body = {"asset_tag": "MPS-T90001", "serial_number": "DMPQ90000001", "model_id": str(model.pk)}
    body.update(overrides)
    return body


def test_a_fleet_manager_registers_a_device_received_into_stock(
    api_factory, fleet_manager, station
):
    api = api_factory(fleet_manager)

    response = api.post(
        f"{URL}/devices",
        _register_body(ipad(), station="hs", imei="356938035643809", purchase_cost_pence=39900),
    )

    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["asset_tag"], body["status"], body["station"]) == ("MPS-T90001", "in_stock", "HS")
    stored = FleetDevice.objects.get(asset_tag="MPS-T90001")
    assert [e.event for e in stored.events.all()] == ["received"]
    assert stored.events.get().actor == fleet_manager


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"asset_tag": "MPS-T00001"}, "asset_tag"),
        ({"serial_number": "DMPQTAKEN"}, "serial_number"),
        ({"imei": "356938035643808"}, "imei"),
        ({"asset_tag": "bad tag!"}, "asset_tag"),
        ({"station": "ZZ"}, "station"),
        ({"model_id": "00000000-0000-0000-0000-000000000000"}, "model_id"),
        ({"purchase_cost_pence": -1}, "purchase_cost_pence"),
        ({"warranty_end": "2020-01-01", "purchase_date": "2021-01-01"}, "warranty_end"),
        ({"colour": "blue"}, "colour"),
    ],
)
def test_bad_registrations_name_the_field_and_change_nothing(
    api_factory, fleet_manager, change, field
):
    device(asset_tag="MPS-T00001", serial_number="DMPQTAKEN")
    api = api_factory(fleet_manager)
    before = (FleetDevice.objects.count(), AuditEvent.objects.count())

    response = api.post(f"{URL}/devices", _register_body(ipad(), **change))

    assert response.status_code in (409, 422), response.content
    assert response.json()["field"] == field
    assert (FleetDevice.objects.count(), AuditEvent.objects.count()) == before


def test_an_illegal_event_is_refused_with_what_is_allowed(api_factory, fleet_manager, officer):
    subject = issued(officer)
    api = api_factory(fleet_manager)

    response = api.post(
        f"{URL}/devices/{subject.pk}/events", {"event": "disposed", "reason": "old and worn"}
    )

    assert response.status_code == 409
    assert response.json()["message"].endswith(
        "allowed: returned, sent_for_repair, replaced, lost, stolen"
    )
    assert FleetDevice.objects.get(pk=subject.pk).status == "issued"


def test_the_device_page_shows_its_history_and_what_may_happen_next(api_factory, auditor, officer):
    subject = issued(officer)

    body = api_factory(auditor).get(f"{URL}/devices/{subject.pk}").json()

    assert [event["event"] for event in body["history"]] == ["received", "issued"]
    assert body["history"][1]["officer"] == officer.collar_number
    assert body["events_allowed"] == ["returned", "sent_for_repair", "replaced", "lost", "stolen"]
    assert body["compliance"] == ["issued but silent: never checked in (limit 3 days)"]


def test_an_officer_sees_their_own_kit_history(api_factory, officer):
    old = issued(officer)
    services.fleet_device_event(device=old, event="returned", actor=None, reason="swap for new kit")

    body = api_factory(officer).get(f"{URL}/officers/{officer.pk}/history").json()

    assert [(row["device"], row["event"]) for row in body] == [
        (old.asset_tag, "issued"),
        (old.asset_tag, "returned"),
    ]


# -- enrolment ---------------------------------------------------------------------------------


def test_a_device_code_binds_the_install_and_check_ins_reach_the_register(
    officer, fleet_manager, api_factory
):
    subject = issued(officer)
    response = api_factory(fleet_manager).post(f"{URL}/devices/{subject.pk}/enrolment-codes")
    assert response.status_code == 201
    body = response.json()
    assert body["qr_svg"].startswith("<svg") and len(body["code"]) == 12

    install, _credential = device_enrol(code=body["code"], app_version="1.4.0")
    app = bound_install(subject, officer, Client())  # a second install, same device
    answer = app.post(f"{URL}/check-ins", CHECK_IN)

    assert answer.status_code == 201 and answer.json()["registered"] is True
    subject.refresh_from_db()
    assert subject.last_contact_at is not None
    assert (subject.last_app_version, subject.last_battery_percent) == ("1.4.0", 64)
    assert EnrolmentCode.objects.get(device=install).fleet_enrolment.fleet_device == subject


def test_a_device_enrolment_code_works_once(officer):
    issued_code = services.fleet_enrolment_code_issue(device=device(), actor=None)
    device_enrol(code=issued_code.code)

    with pytest.raises(Exception) as again:
        device_enrol(code=issued_code.code)

    assert again.value.code == "enrolment_code_invalid"


def test_an_expired_device_enrolment_code_is_refused(officer, anonymous_api):
    issued_code = services.fleet_enrolment_code_issue(device=device(), actor=None)
    EnrolmentCode.objects.filter(fleet_enrolment__isnull=False).update(
        expires_at=now() - timedelta(seconds=1)
    )

    response = anonymous_api.post("/api/v1/devices/enrol", {"code": issued_code.code})

    assert response.status_code == 422
    assert response.json()["error"] == "enrolment_code_invalid"


def test_a_device_out_of_service_cannot_get_an_enrolment_code(api_factory, fleet_manager):
    subject = device()
    services.device_mark_stolen(device=subject, actor=None, reason="taken from a car")
    api = api_factory(fleet_manager)
    before = EnrolmentCode.objects.count()

    response = api.post(f"{URL}/devices/{subject.pk}/enrolment-codes")

    assert response.status_code == 409
    assert EnrolmentCode.objects.count() == before


def test_check_ins_from_an_install_not_in_the_register_are_kept_but_unlinked(api_factory, officer):
    response = api_factory(officer).post(f"{URL}/check-ins", CHECK_IN)

    assert response.status_code == 201 and response.json()["registered"] is False
    assert CheckIn.objects.get().fleet_device is None


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"battery_percent": 101}, "battery_percent"),
        ({"free_storage_mb": -1}, "free_storage_mb"),
        ({"app_version": ""}, "app_version"),
        ({"last_sync_at": "2099-01-01T00:00:00Z"}, "last_sync_at"),
    ],
)
def test_bad_check_ins_are_refused(api_factory, officer, change, field):
    response = api_factory(officer).post(f"{URL}/check-ins", {**CHECK_IN, **change})

    assert response.status_code == 422
    assert response.json()["field"] == field
    assert CheckIn.objects.count() == 0


# -- lost and stolen ---------------------------------------------------------------------------


@pytest.mark.parametrize("event", ["lost", "stolen"])
def test_lost_or_stolen_cuts_off_the_install_on_its_next_request(
    api_factory, officer, fleet_manager, event
):
    subject = issued(officer)
    app = bound_install(subject, officer, Client())
    assert app.get("/api/v1/auth/me").status_code == 200

    marked = api_factory(fleet_manager).post(
        f"{URL}/devices/{subject.pk}/events", {"event": event, "reason": "reported by the officer"}
    )
    response = app.get("/api/v1/auth/me")

    assert marked.status_code == 200 and marked.json()["status"] == event
    assert response.status_code == 401
    assert response.json() == {
        "error": "device_revoked",
        "message": "this device has been revoked",
        "wipe": True,
    }


def test_a_found_device_stays_cut_off_until_enrolled_again(officer):
    subject = issued(officer)
    app = bound_install(subject, officer, Client())
    services.device_mark_lost(device=subject, actor=None, reason="left in a taxi")

    services.fleet_device_event(device=subject, event="found", actor=None, reason="handed in")

    assert app.get("/api/v1/auth/me").status_code == 401


def test_the_wipe_confirmation_is_recorded_with_what_the_server_knew_was_unsynced(
    officer, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    subject = issued(officer)
    app = bound_install(subject, officer, Client())
    blobs.upload_start(device=app.device, sha256="a" * 64, size=1000, media_type="image/jpeg")
    services.device_mark_stolen(device=subject, actor=None, reason="snatched on the street")

    response = app.client.post(
        f"{URL}/wipe-confirmations",
        {"outbox_pending": 3, "last_device_seq": 7},
        content_type="application/json",
        headers={"X-Device-Credential": app.credential},
    )
    again = app.client.post(
        f"{URL}/wipe-confirmations",
        {"outbox_pending": 3, "last_device_seq": 7},
        content_type="application/json",
        headers={"X-Device-Credential": app.credential},
    )

    assert (response.status_code, again.status_code) == (201, 200)
    confirmation = WipeConfirmation.objects.get()
    assert confirmation.fleet_device == subject
    assert confirmation.device_reported["outbox_pending"] == 3
    unsynced = confirmation.server_unsynced
    assert unsynced["last_acked_device_seq"] == 0
    assert unsynced["unacknowledged_mutations"] == 7
    assert unsynced["incomplete_uploads"] == [{"sha256": "a" * 64, "size": 1000, "received": 0}]
    assert AuditEvent.objects.filter(action="devices.wipe_confirmed").count() == 1


def test_a_wipe_confirmation_needs_a_revoked_credential(anonymous_api, api_factory, officer):
    live = api_factory(officer)
    unknown = anonymous_api.client.post(
        f"{URL}/wipe-confirmations",
        {},
        content_type="application/json",
        headers={"X-Device-Credential": "fld_not-a-credential"},
    )
    not_revoked = live.client.post(
        f"{URL}/wipe-confirmations",
        {},
        content_type="application/json",
        headers={"X-Device-Credential": live.credential},
    )

    assert unknown.status_code == 401
    assert not_revoked.status_code == 409
    assert WipeConfirmation.objects.count() == 0


# -- kit profiles ------------------------------------------------------------------------------


def test_issuing_outside_the_kit_profile_needs_a_reason_and_is_flagged(
    api_factory, fleet_manager, officer
):
    rugged = ipad(
        make="Panasonic", name="Toughbook G2", form_factor="rugged_tablet", platform="windows"
    )
    profile = KitProfile.objects.create(role="Response")
    profile.device_models.add(ipad())
    services.officer_kit_profile_set(officer=officer, profile=profile, actor=None)
    in_profile, outside = device(), device(rugged)
    api = api_factory(fleet_manager)
    issue = {"event": "issued", "reason": "start of shift", "officer": officer.collar_number}

    fine = api.post(f"{URL}/devices/{in_profile.pk}/events", issue)
    refused = api.post(f"{URL}/devices/{outside.pk}/events", issue)
    flagged = api.post(
        f"{URL}/devices/{outside.pk}/events",
        {**issue, "out_of_profile_reason": "covering a roads policing shift"},
    )

    assert fine.status_code == 200 and fine.json()["issued_out_of_profile"] is False
    assert refused.status_code == 422 and refused.json()["field"] == "out_of_profile_reason"
    assert flagged.status_code == 200 and flagged.json()["issued_out_of_profile"] is True
    listed = api.get(f"{URL}/devices", {"flagged": "true"}).json()["devices"]
    assert [row["asset_tag"] for row in listed] == [outside.asset_tag]


# -- compliance --------------------------------------------------------------------------------


def test_the_non_compliant_list_gives_each_devices_reasons(
    api_factory, auditor, officer, team_mate
):
    old_os = ipad(make="Apple", name="iPad mini 2", security_updates_end=date(2020, 1, 1))
    silent = issued(officer)
    outdated = issued(team_mate, device(old_os))
    app = bound_install(outdated, team_mate, Client())
    app.post(f"{URL}/check-ins", {**CHECK_IN, "app_version": "0.9.1"})
    active_in_stock = device()
    bound_install(active_in_stock, officer, Client()).post(f"{URL}/check-ins", CHECK_IN)
    compliant = issued(team_mate, device())
    bound_install(compliant, team_mate, Client()).post(f"{URL}/check-ins", CHECK_IN)

    page = api_factory(auditor).get(f"{URL}/compliance").json()
    body = page["devices"]

    reasons = {row["asset_tag"]: row["reasons"] for row in body}
    assert reasons == {
        silent.asset_tag: ["assigned_silent"],
        outdated.asset_tag: ["app_outdated", "os_unsupported"],
        active_in_stock.asset_tag: ["unassigned_active"],
    }
    assert compliant.asset_tag not in reasons
    explained = {row["asset_tag"]: row["explanations"] for row in body}
    assert explained[silent.asset_tag] == ["issued but silent: never checked in (limit 3 days)"]


# -- lists and the dashboard: fixed query counts -----------------------------------------------


def test_the_register_list_costs_the_same_queries_however_long(
    api_factory, fleet_manager, officer, django_assert_num_queries
):
    api = api_factory(fleet_manager)
    issued(officer)
    # the device session, then one page of devices with model, station and officer
    with django_assert_num_queries(2) as few:
        assert len(api.get(f"{URL}/devices").json()["devices"]) == 1
    for _ in range(5):
        issued(officer)
    with django_assert_num_queries(len(few.captured_queries)):
        assert len(api.get(f"{URL}/devices").json()["devices"]) == 6


def test_the_compliance_list_costs_the_same_queries_however_long(
    api_factory, fleet_manager, officer, django_assert_num_queries
):
    api = api_factory(fleet_manager)
    issued(officer)
    # the device session, the policy, the app versions seen, the count, the page
    with django_assert_num_queries(5):
        assert len(api.get(f"{URL}/compliance").json()["devices"]) == 1
    for _ in range(5):
        issued(officer)
    with django_assert_num_queries(5):
        page = api.get(f"{URL}/compliance", {"limit": 4}).json()
    assert (len(page["devices"]), page["total"], page["more"]) == (4, 6, True)
    rest = api.get(f"{URL}/compliance", {"limit": 4, "after": page["next_after"]}).json()
    assert (len(rest["devices"]), rest["more"]) == (2, False)


def test_the_dashboard_counts_and_rates(
    api_factory, evaluator, officer, station, django_assert_num_queries
):
    year_ago = now() - timedelta(days=365)
    devices = [device(station=station, received_at=year_ago) for _ in range(4)]
    for subject in devices[:3]:
        issued(officer, subject)
    services.fleet_device_event(
        device=devices[0], event="replaced", actor=None, reason="cracked", replacement=devices[3]
    )
    api = api_factory(evaluator)

    # the device session; counts by status, model and station; the service periods; the
    # period's failure events; the policy; the app versions seen; the in-service aggregate
    with django_assert_num_queries(9):
        body = api.get(f"{URL}/dashboard").json()

    assert body["total"] == 4
    assert {row["label"]: row["count"] for row in body["by_status"]} == {"Issued": 3, "Replaced": 1}
    assert body["by_station"] == [{"label": "HS", "count": 4}]
    assert body["replacements"] == 1 and body["failures"] == 1
    assert 3.9 <= body["device_years"] <= 4.0
    assert body["replacement_rate"] == pytest.approx(100 / body["device_years"], rel=0.01)
    assert body["in_service"] == 3 and body["compliant"] == 0
    assert {row["label"]: row["count"] for row in body["last_contact"]}["Never"] == 3
    for _ in range(4):
        device()
    with django_assert_num_queries(9):
        assert api.get(f"{URL}/dashboard").json()["total"] == 8


def test_a_bad_dashboard_period_is_refused(api_factory, evaluator):
    response = api_factory(evaluator).get(f"{URL}/dashboard", {"from": "2026-13-01"})

    assert response.status_code == 422 and response.json()["field"] == "from"


def test_the_dashboard_period_ends_on_the_london_day(api_factory, evaluator):
    """At 00:30 in London in summer (23:30 UTC the day before), the default period ends today
    as London counts it, so the new day's events are in it."""
    with time_machine.travel(datetime(2027, 6, 10, 23, 30, tzinfo=UTC), tick=False):
        body = api_factory(evaluator).get(f"{URL}/dashboard").json()

    assert (body["start"], body["end"]) == ("2026-06-12", "2027-06-11")


def test_the_dashboard_count_agrees_with_the_non_compliant_list(api_factory, auditor, officer):
    # Given devices breaking each rule, and compliant ones
    old_os = ipad(make="Apple", name="iPad mini 2", security_updates_end=date(2020, 1, 1))
    issued(officer)
    issued(officer, device(old_os))
    bound_install(device(), officer, Client()).post(f"{URL}/check-ins", CHECK_IN)
    for _ in range(2):
        fine = issued(officer)
        bound_install(fine, officer, Client()).post(f"{URL}/check-ins", CHECK_IN)
    api = api_factory(auditor)

    # When the dashboard counts in SQL and the list words each device's reasons in Python
    board = api.get(f"{URL}/dashboard").json()
    listed = api.get(f"{URL}/compliance").json()["devices"]

    # Then they agree, and every listed device has a reason
    assert board["in_service"] - board["compliant"] == len(listed) == 3
    assert all(row["reasons"] for row in listed)


def test_every_check_in_updates_the_register_but_history_is_kept_hourly(officer):
    subject = issued(officer)
    app = bound_install(subject, officer, Client())
    first = app.post(f"{URL}/check-ins", CHECK_IN)
    second = app.post(f"{URL}/check-ins", {**CHECK_IN, "battery_percent": 12})

    assert (first.status_code, second.status_code) == (201, 201)
    subject.refresh_from_db()
    assert subject.last_battery_percent == 12  # the latest report is always on the register
    assert CheckIn.objects.filter(fleet_device=subject).count() == 1

    CheckIn.objects.update(at=now() - timedelta(hours=1, seconds=1))
    app.post(f"{URL}/check-ins", CHECK_IN)

    assert CheckIn.objects.filter(fleet_device=subject).count() == 2
