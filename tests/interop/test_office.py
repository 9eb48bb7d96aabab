"""The information management pages: who may open them, and each task done from the browser."""

import io
import json
from datetime import timedelta

import pytest
from django.test import Client
from pypdf import PdfReader

from frontline.audit.models import AuditEvent, Disposal
from frontline.common.clock import now
from frontline.common.ids import uuid7
from frontline.interop.models import DEAD, PENDING, Delivery, Destination
from frontline.interop.retention import LONDON
from tests.interop.helpers import NAME, REASON, records_about_person

ROOT = "/office/information/"
PAGES = ["", "retention/", "subject-access/", "bundles/", "dead-letters/"]


def signed_in(officer) -> Client:
    client = Client()
    client.force_login(officer)
    return client


@pytest.mark.parametrize("page", PAGES)
def test_pages_open_for_auditors_and_are_refused_to_officers(officer, auditor, page):
    assert signed_in(auditor).get(ROOT + page).status_code == 200
    assert signed_in(officer).get(ROOT + page).status_code == 403


def test_destinations_are_for_admins_only(auditor, admin_officer):
    assert signed_in(auditor).get(ROOT + "destinations/").status_code == 403
    assert signed_in(admin_officer).get(ROOT + "destinations/").status_code == 200


def test_an_auditor_disposes_of_a_due_record_from_the_review_page(officer, auditor):
    search = records_about_person(officer)["stopsearch.record"]
    client = signed_in(auditor)
    later = (now().astimezone(LONDON).date() + timedelta(days=366 * 7)).isoformat()

    page = client.get(ROOT + "retention/", {"on": later, "record_type": "stopsearch.record"})
    assert search.urn in page.content.decode()

    refused = client.post(
        ROOT + f"retention/?on={later}",
        {"record_type": "stopsearch.record", "record_id": str(search.pk), "decision": "dispose"},
    )
    assert refused.status_code == 422 and not Disposal.objects.exists()

    done = client.post(
        ROOT + f"retention/?on={later}",
        {
            "record_type": "stopsearch.record",
            "record_id": str(search.pk),
            "decision": "dispose",
            "reason": REASON,
        },
    )
    assert done.status_code == 200
    assert Disposal.objects.get().record_id == search.pk
    assert search.urn not in done.content.decode().split("</form>", 1)[1]  # gone from the list


def test_subject_access_from_search_to_pdf(officer, auditor):
    records_about_person(officer)
    client = signed_in(auditor)

    found = client.post(
        ROOT + "subject-access/", {"name": NAME, "birth_date": "1988-06-02", "reason": REASON}
    )
    assert found.status_code == 302
    result = client.get(found["Location"])
    assert result.content.decode().count("<code>incident.report</code>") == 1

    pdf = client.post(found["Location"], {"format": "pdf", "reason": REASON})
    assert pdf["Content-Type"] == "application/pdf"
    assert NAME in PdfReader(io.BytesIO(pdf.content)).pages[0].extract_text()
    exported = client.post(found["Location"], {"format": "json", "reason": REASON})
    assert len(json.loads(exported.content)["records"]) == 4
    assert AuditEvent.objects.filter(action="disclosure").count() == 2


def test_a_court_bundle_downloads_as_a_pdf(officer, auditor):
    statement = records_about_person(officer)["statement.mg11"]
    response = signed_in(auditor).post(
        ROOT + "bundles/",
        {
            "kind": "record",
            "record_type": "statement.mg11",
            "record_id": str(statement.pk),
            "reason": REASON,
            "recipient": "CPS",
        },
    )
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    bad = signed_in(auditor).post(
        ROOT + "bundles/",
        {"kind": "record", "record_type": "statement.mg11", "record_id": "x", "reason": REASON},
    )
    assert bad.status_code == 422


def test_an_admin_adds_a_destination_and_an_auditor_replays_a_dead_letter(
    admin_officer, auditor, tmp_path
):
    admin = signed_in(admin_officer)
    response = admin.post(
        ROOT + "destinations/",
        {
            "name": "Drop folder",
            "kind": "directory",
            "directory": str(tmp_path),
            "record_types": ["stopsearch.record"],
            "events": ["created"],
            "format": "csv",
        },
    )
    assert response.status_code == 302
    destination = Destination.objects.get()
    dead = Delivery.objects.create(
        id=uuid7(),
        destination=destination,
        change_seq=1,
        record_type="stopsearch.record",
        record_id=uuid7(),
        event="created",
        status=DEAD,
        attempts=8,
        last_error="could not write to the directory: Permission denied",
        next_attempt_at=now(),
        created_at=now(),
    )
    client = signed_in(auditor)
    assert "Permission denied" in client.get(ROOT + "dead-letters/").content.decode()

    client.post(ROOT + f"deliveries/{dead.pk}/replay/")

    assert Delivery.objects.get(pk=dead.pk).status == PENDING


def test_an_admin_chooses_restricted_content_for_a_destination_only_by_ticking_for_it(
    admin_officer, tmp_path
):
    admin = signed_in(admin_officer)
    form = {
        "kind": "directory",
        "directory": str(tmp_path),
        "record_types": ["statement.mg11"],
        "events": ["created"],
        "format": "json",
    }

    admin.post(ROOT + "destinations/", {**form, "name": "Case file system"})
    admin.post(ROOT + "destinations/", {**form, "name": "Witness care", "restricted": "on"})

    flags = dict(Destination.objects.values_list("name", "restricted"))
    assert flags == {"Case file system": False, "Witness care": True}
    page = admin.get(ROOT + "destinations/").content.decode()
    assert page.count("with restricted content") == 1
