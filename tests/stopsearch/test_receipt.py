"""The receipt: in the API for the roadside, and on a public page opened from a link or QR code."""

from datetime import UTC, date, datetime

import pytest
from django.test import Client

from frontline.audit.models import AuditEvent
from frontline.common.ids import uuid7
from tests.stopsearch.helpers import URL, record

PERSONAL = {
    "person_name": "Jo Bloggs",
    "person_address": "12 Rivercourt Road, London W6",
    "person_date_of_birth": "2001-02-03",
}
WHEN = datetime(2025, 11, 30, 22, 30, tzinfo=UTC)  # 30 November: months later are shorter


def _page(token):
    return Client().get(f"/office/stop-searches/receipt/{token}/")


def test_the_receipt_gives_reference_officer_power_and_how_to_get_the_record(api_factory, officer):
    # Given the officer's record of a search that ended with no further action
    stored = record(officer, occurred_at=WHEN, **PERSONAL)

    # When the officer asks for its receipt
    response = api_factory(officer).get(f"{URL}/{stored.pk}/receipt")

    # Then it carries the URN, the officer's name, the power, and 3 months to ask for the record
    assert response.status_code == 200
    body = response.json()
    assert body["urn"] == stored.urn
    assert body["officer"] == f"Police Constable Test Officer ({officer.collar_number})"
    assert body["legislation"] == "Misuse of Drugs Act 1971 (section 23)"
    assert body["object_of_search"] == "Controlled drugs"
    assert body["request_record_by"] == "2026-02-28"
    assert (
        body["receipt_url"]
        == f"http://testserver/office/stop-searches/receipt/{stored.receipt_token}/"
    )
    assert "police station" in body["how_to_request_record"]
    assert body["qr_svg"].startswith("<svg") and "Link to your receipt" in body["qr_svg"]
    text = response.content.decode()
    for value in ("Jo Bloggs", "Rivercourt", "2001-02-03", stored.grounds):
        assert value not in text


def test_an_arrest_gives_twelve_months_to_ask_for_the_record(api_factory, officer):
    stored = record(
        officer, occurred_at=WHEN, outcome="Arrest", outcome_linked_to_object_of_search=True
    )

    body = api_factory(officer).get(f"{URL}/{stored.pk}/receipt").json()

    assert body["request_record_by"] == "2026-11-30"


def test_a_withheld_name_shows_the_warrant_number_and_station(api_factory, officer):
    stored = record(officer, officer_name_withheld=True)

    body = api_factory(officer).get(f"{URL}/{stored.pk}/receipt").json()

    assert body["officer"] == f"Warrant number {officer.collar_number}, Hammersmith"
    assert "Officer" not in body["officer"]


@pytest.mark.parametrize("caller", ["supervisor", "auditor", "team_mate"])
def test_only_the_searching_officer_gets_the_receipt(request, api_factory, officer, caller):
    stored = record(officer)

    response = api_factory(request.getfixturevalue(caller)).get(f"{URL}/{stored.pk}/receipt")

    assert response.status_code == 404


def test_the_public_page_shows_the_receipt_without_personal_details(officer, db):
    # Given a record holding the person's name, address and date of birth
    stored = record(officer, occurred_at=WHEN, officer_name_withheld=True, **PERSONAL)
    audit_before = AuditEvent.objects.count()

    # When anyone opens the receipt link, signed in or not
    response = _page(stored.receipt_token)

    # Then they see the receipt fields and never the personal details or the grounds
    assert response.status_code == 200
    text = response.content.decode()
    assert stored.urn in text
    assert f"Warrant number {officer.collar_number}, Hammersmith" in text
    assert "Misuse of Drugs Act 1971 (section 23)" in text
    assert "28 February 2026" in text
    assert "police station" in text
    for value in (
        "Jo Bloggs",
        "Rivercourt",
        "2001-02-03",
        "3 February 2001",
        stored.grounds,
        "Test Officer",
    ):
        assert value not in text
    assert "private" in response["Cache-Control"]
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert response["Referrer-Policy"] == "no-referrer"
    assert AuditEvent.objects.count() == audit_before


def test_the_public_page_costs_one_query(officer, django_assert_num_queries):
    stored = record(officer)

    with django_assert_num_queries(1):
        assert _page(stored.receipt_token).status_code == 200


@pytest.mark.parametrize("guess", ["urn", "unknown", "short", "record id"])
def test_the_receipt_cannot_be_found_without_its_token(officer, guess):
    stored = record(officer)
    token = {
        "urn": stored.urn,
        "unknown": "x" * 22,
        "short": stored.receipt_token[:10],
        "record id": str(stored.pk),
    }[guess]

    assert _page(token).status_code == 404


def test_the_request_deadline_falls_back_to_the_end_of_a_shorter_month():
    from frontline.stopsearch.period import months_after

    assert months_after(date(2026, 11, 30), 3) == date(2027, 2, 28)
    assert months_after(date(2027, 11, 30), 3) == date(2028, 2, 29)
    assert months_after(date(2026, 1, 15), 12) == date(2027, 1, 15)


def test_an_unknown_record_has_no_receipt(api_factory, officer):
    response = api_factory(officer).get(f"{URL}/{uuid7()}/receipt")

    assert response.status_code == 404
