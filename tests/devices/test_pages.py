"""Back-office fleet pages: a fleet manager runs the whole lifecycle; others read or stay out."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from frontline.accounts.models import Device
from frontline.common.clock import now
from frontline.devices import services
from frontline.devices.models import FleetDevice
from tests.devices.helpers import bound_install, device, ipad, issued

FLEET = "/office/fleet/"


def signed_in(officer) -> Client:
    client = Client()
    client.force_login(officer)
    return client


def test_a_fleet_manager_runs_the_whole_lifecycle_in_the_back_office(fleet_manager, officer):
    client = signed_in(fleet_manager)
    model = ipad()
    created = client.post(
        f"{FLEET}new/",
        {
            "asset_tag": "mps-t1",
            "serial_number": "ser-1",
            "model": str(model.pk),
            "purchase_cost_pence": "39900",
        },
    )
    subject = FleetDevice.objects.get(asset_tag="MPS-T1")
    spare = device()
    assert created.status_code == 302

    steps = [
        {
            "event": "issued",
            "reason": "start of the pilot",
            "officer": "PC1",
            "out_of_profile_reason": "no profile yet",
        },
        {"event": "sent_for_repair", "reason": "cracked screen"},
        {"event": "replaced", "reason": "beyond repair", "replacement": spare.asset_tag},
        {"event": "retired", "reason": "written off"},
        {"event": "disposed", "reason": "to the recycler", "data_sanitised": "yes"},
    ]
    for step in steps:
        response = client.post(f"{FLEET}{subject.pk}/events/", step)
        assert response.status_code == 302, response.content

    subject.refresh_from_db()
    assert subject.status == "disposed" and subject.replaced_by == spare
    page = client.get(f"{FLEET}{subject.pk}/")
    assert page.status_code == 200
    assert b"Nothing: this device's life is over." in page.content
    assert [e.event for e in subject.events.all()] == [
        "received",
        "issued",
        "sent_for_repair",
        "replaced",
        "retired",
        "disposed",
    ]


def test_an_illegal_event_in_the_back_office_says_what_is_allowed(fleet_manager):
    subject = device()

    response = signed_in(fleet_manager).post(
        f"{FLEET}{subject.pk}/events/", {"event": "repaired", "reason": "it works again"}
    )

    assert response.status_code == 409
    assert b"allowed: issued, sent_for_repair, lost, stolen, retired" in response.content


def test_the_enrolment_code_page_shows_a_qr_code_and_the_text(fleet_manager):
    subject = device()

    response = signed_in(fleet_manager).post(f"{FLEET}{subject.pk}/enrolment-code/")

    assert response.status_code == 200
    assert b"<svg" in response.content and b'aria-label="Enrolment code"' in response.content


@pytest.mark.parametrize(
    "path",
    ["", "dashboard/", "compliance/", "wipes/", "catalogue/", "export.csv"],
)
def test_readers_see_the_fleet_pages_and_officers_do_not(path, auditor, officer):
    issued(officer)

    assert signed_in(auditor).get(FLEET + path).status_code == 200
    assert signed_in(officer).get(FLEET + path).status_code == 403


@pytest.mark.parametrize("path", ["new/", "import/"])
def test_only_fleet_managers_and_admins_reach_the_forms(
    path, fleet_manager, admin_officer, auditor, evaluator
):
    assert signed_in(fleet_manager).get(FLEET + path).status_code == 200
    assert signed_in(admin_officer).get(FLEET + path).status_code == 200
    assert signed_in(auditor).get(FLEET + path).status_code == 403
    assert signed_in(evaluator).get(FLEET + path).status_code == 403


def test_readers_cannot_change_the_register(auditor):
    subject = device()

    response = signed_in(auditor).post(
        f"{FLEET}{subject.pk}/events/", {"event": "lost", "reason": "lost it"}
    )

    assert response.status_code == 403
    assert FleetDevice.objects.get(pk=subject.pk).status == "in_stock"


def test_an_officer_sees_their_own_kit_but_not_a_colleagues(officer, team_mate):
    issued(officer)

    assert signed_in(officer).get(f"{FLEET}officers/{officer.pk}/").status_code == 200
    assert signed_in(team_mate).get(f"{FLEET}officers/{officer.pk}/").status_code == 404


def test_the_import_page_reports_rejected_rows_and_imports_nothing(fleet_manager):
    ipad()
    data = (
        b"asset_tag,serial_number,make,model\n"
        b"MPS-1,SER-1,Apple,iPad Air 2\nMPS-2,SER-2,Nokia,3310\n"
    )

    response = signed_in(fleet_manager).post(
        f"{FLEET}import/", {"file": SimpleUploadedFile("r.csv", data, "text/csv")}
    )

    assert response.status_code == 422
    assert b"Nothing was imported" in response.content and b"Nokia 3310" in response.content
    assert FleetDevice.objects.count() == 0


def test_the_wipe_report_shows_what_was_unsynced(fleet_manager, officer):
    subject = issued(officer)
    app = bound_install(subject, officer, Client())
    services.device_mark_lost(device=subject, actor=fleet_manager, reason="lost on patrol")
    services.wipe_confirmation_record(
        credential=app.credential, device_reported={"outbox_pending": 2, "last_device_seq": 4}
    )

    page = signed_in(fleet_manager).get(f"{FLEET}wipes/")

    assert b"4 change(s) never received" in page.content
    assert Device.objects.get(pk=app.device.pk).is_revoked


def test_the_dashboard_draws_charts_in_fixed_queries(
    evaluator, officer, station, django_assert_num_queries
):
    client = signed_in(evaluator)
    issued(officer, device(station=station, received_at=now() - timedelta(days=30)))
    # session, officer, then the dashboard's eight (see tests/devices/test_api.py)
    with django_assert_num_queries(10):
        first = client.get(f"{FLEET}dashboard/")
    for _ in range(4):
        issued(officer, device(station=station))
    with django_assert_num_queries(10):
        again = client.get(f"{FLEET}dashboard/")

    assert first.status_code == again.status_code == 200
    assert again.content.count(b"<svg") == 4
    assert again.context["figures"].total == 5


def test_the_register_page_costs_fixed_queries(auditor, officer, django_assert_num_queries):
    client = signed_in(auditor)
    issued(officer)
    with django_assert_num_queries(3):
        client.get(FLEET)
    for _ in range(4):
        issued(officer)
    with django_assert_num_queries(3):
        assert len(client.get(FLEET).context["devices"]) == 5


def test_the_dashboard_page_period_ends_on_the_london_day(evaluator):
    # 00:30 in London in summer: the UTC day is still 10 June
    with time_machine.travel(datetime(2027, 6, 10, 23, 30, tzinfo=UTC), tick=False):
        page = signed_in(evaluator).get(f"{FLEET}dashboard/").content.decode()

    assert 'name="to" type="date" value="2027-06-11"' in page
