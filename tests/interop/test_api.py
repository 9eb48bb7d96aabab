"""Information management through the API: bad input named, nothing changed; fixed query counts."""

from datetime import timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext

from frontline.audit.models import AuditEvent, Disposal
from frontline.common.clock import now
from frontline.common.ids import uuid7
from frontline.interop.models import DEAD, Delivery, Destination, ReviewDecision
from frontline.interop.retention import LONDON
from tests.interop.helpers import NAME, REASON, records_about_person
from tests.stopsearch.helpers import record

ROOT = "/api/v1/interop"


def _later() -> str:
    return (now().astimezone(LONDON).date() + timedelta(days=366 * 7)).isoformat()


def test_due_list_and_disposal_through_the_api(api_factory, officer, auditor):
    records = records_about_person(officer)
    api = api_factory(auditor)

    due = api.get(f"{ROOT}/retention/due", {"on": _later(), "record_type": "stopsearch.record"})
    assert due.status_code == 200
    (row,) = due.json()["records"]
    assert row["record_id"] == str(records["stopsearch.record"].pk)
    assert NAME not in due.content.decode()  # the list shows no personal data

    refused = api.post(
        f"{ROOT}/retention/decisions",
        {
            "record_type": row["record_type"],
            "record_id": row["record_id"],
            "decision": "dispose",
            "reason": "",
        },
    )
    assert (refused.status_code, refused.json()["field"]) == (422, "reason")
    assert not Disposal.objects.exists()

    disposed = api.post(
        f"{ROOT}/retention/decisions",
        {
            "record_type": row["record_type"],
            "record_id": row["record_id"],
            "decision": "dispose",
            "reason": REASON,
        },
    )
    assert disposed.status_code == 201
    assert disposed.json()["decided_by"] == auditor.collar_number
    assert Disposal.objects.count() == 1


def test_a_review_date_in_the_past_is_refused(api_factory, officer, auditor):
    search = record(officer)
    response = api_factory(auditor).post(
        f"{ROOT}/retention/decisions",
        {
            "record_type": "stopsearch.record",
            "record_id": str(search.pk),
            "decision": "retain",
            "reason": REASON,
            "next_review_on": "2020-01-01",
        },
    )
    assert (response.status_code, response.json()["field"]) == (422, "next_review_on")
    assert not ReviewDecision.objects.exists()


def test_a_bundle_for_a_record_that_is_not_held_is_refused(api_factory, auditor):
    api = api_factory(auditor)
    before = AuditEvent.objects.count()
    response = api.post(
        f"{ROOT}/bundles",
        {"record_type": "stopsearch.record", "record_id": str(uuid7()), "reason": REASON},
    )
    assert response.status_code == 404 and AuditEvent.objects.count() == before


def test_a_bundle_is_refused_to_an_officer_even_for_their_own_record(api_factory, officer):
    search = record(officer)
    response = api_factory(officer).post(
        f"{ROOT}/bundles",
        {"record_type": "stopsearch.record", "record_id": str(search.pk), "reason": REASON},
    )
    assert response.status_code == 403


def test_a_destination_with_a_bad_url_or_short_secret_is_refused(api_factory, admin_officer):
    api = api_factory(admin_officer)
    body = {
        "name": "RMS",
        "kind": "http",
        "url": "file:///etc/passwd",
        "secret": "x" * 40,
        "record_types": ["stopsearch.record"],
        "events": ["created"],
        "format": "json",
    }
    bad_url = api.post(f"{ROOT}/destinations", body)
    short = api.post(
        f"{ROOT}/destinations", {**body, "url": "https://rms.example.police.uk", "secret": "short"}
    )
    assert (bad_url.status_code, bad_url.json()["field"]) == (422, "url")
    assert (short.status_code, short.json()["field"]) == (422, "secret")
    assert not Destination.objects.exists()
    not_a_flag = api.post(
        f"{ROOT}/destinations",
        {**body, "url": "https://rms.example.police.uk", "restricted": "perhaps"},
    )
    assert (not_a_flag.status_code, not_a_flag.json()["field"]) == (422, "restricted")
    assert not Destination.objects.exists()
    created = api.post(f"{ROOT}/destinations", {**body, "url": "https://rms.example.police.uk"})
    assert created.status_code == 201 and "secret" not in created.json()
    assert created.json()["restricted"] is False  # restricted content only when asked for
    entitled = api.post(
        f"{ROOT}/destinations",
        {**body, "name": "Witness care", "url": "https://wcu.example", "restricted": True},
    )
    assert entitled.status_code == 201 and entitled.json()["restricted"] is True


def test_the_due_list_costs_the_same_queries_however_many_records(api_factory, officer, auditor):
    api = api_factory(auditor)
    records_about_person(officer)

    with CaptureQueriesContext(connection) as few:
        assert len(api.get(f"{ROOT}/retention/due", {"on": _later()}).json()["records"]) == 4
    for _ in range(3):
        records_about_person(officer)
    with CaptureQueriesContext(connection) as many:
        assert len(api.get(f"{ROOT}/retention/due", {"on": _later()}).json()["records"]) == 16
    assert len(many.captured_queries) == len(few.captured_queries)
    # the session, one query per record type (evidence items too), and two for the decisions
    assert len(few.captured_queries) == 1 + 5 + 2


def test_the_dead_letter_list_costs_the_same_queries_however_many(
    api_factory, officer, auditor, django_assert_num_queries
):
    api = api_factory(auditor)
    destination = Destination.objects.create(
        id=uuid7(),
        name="RMS",
        kind="directory",
        directory="/nonexistent",
        record_types=[],
        events=[],
        format="json",
        created_at=now(),
    )

    def dead(seq):
        Delivery.objects.create(
            id=uuid7(),
            destination=destination,
            change_seq=seq,
            record_type="stopsearch.record",
            record_id=uuid7(),
            event="created",
            status=DEAD,
            attempts=8,
            last_error="HTTP 503",
            next_attempt_at=now(),
            created_at=now(),
        )

    dead(1)
    with django_assert_num_queries(2):  # the session, then the dead letters with destinations
        assert len(api.get(f"{ROOT}/dead-letters").json()) == 1
    for seq in range(2, 6):
        dead(seq)
    with django_assert_num_queries(2):
        assert len(api.get(f"{ROOT}/dead-letters").json()) == 5
