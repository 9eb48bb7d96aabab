"""The pocket notebook over the API: create-only, idempotent, validated, paged, consulted."""

import uuid
from datetime import UTC, datetime, timedelta

import pytest

from frontline.audit.models import AuditEvent
from frontline.notebook.models import NotebookEntry

ENTRIES = "/api/v1/notebook/entries"


def entry_body(**overrides):
    body = {
        "id": str(uuid.uuid4()),
        "kind": "entry",
        "occurred_at": (datetime.now(UTC) - timedelta(minutes=5)).isoformat(),
        "text": "Attended King Street: shoplifting report.",
    }
    body.update(overrides)
    return body


@pytest.fixture
def officer_api(api_factory, officer):
    return api_factory(officer)


def test_officer_creates_an_entry_that_is_chained(officer_api, officer):
    first = officer_api.post(ENTRIES, entry_body())
    second = officer_api.post(ENTRIES, entry_body(text="Second entry."))
    assert first.status_code == 201 and second.status_code == 201
    assert first.json()["seq"] == 1 and second.json()["seq"] == 2
    assert second.json()["prev_hash"] == first.json()["hash"]
    assert first.json()["prev_hash"] == "0" * 64
    stored = NotebookEntry.objects.get(pk=first.json()["id"])
    assert stored.officer == officer and stored.author == officer
    assert stored.device == officer_api.device
    assert AuditEvent.objects.filter(action="notebook.entry", object_id=str(stored.pk)).exists()


def test_sending_the_same_entry_again_returns_the_stored_entry(officer_api):
    body = entry_body()
    first = officer_api.post(ENTRIES, body)
    again = officer_api.post(ENTRIES, body)
    assert first.status_code == 201
    assert again.status_code == 200
    assert again.json() == first.json()
    assert NotebookEntry.objects.count() == 1


def test_reused_id_with_different_content_is_refused(officer_api):
    body = entry_body()
    officer_api.post(ENTRIES, body)
    response = officer_api.post(ENTRIES, {**body, "text": "Something else entirely."})
    assert response.status_code == 409
    assert response.json()["error"] == "id_reused" and response.json()["field"] == "id"
    assert NotebookEntry.objects.get().text == body["text"]


def test_reused_id_from_another_officer_is_refused(officer_api, api_factory, team_mate):
    body = entry_body()
    officer_api.post(ENTRIES, body)
    response = api_factory(team_mate).post(ENTRIES, body)
    assert response.status_code == 409
    assert NotebookEntry.objects.count() == 1


@pytest.mark.parametrize(
    ("overrides", "field", "status"),
    [
        ({"colour": "blue"}, "colour", 422),
        ({"text": "x" * 10_001}, "text", 422),
        ({"text": ""}, "text", 422),
        ({"text": "bell\x07"}, "text", 422),
        ({"occurred_at": "yesterday"}, "occurred_at", 422),
        ({"occurred_at": "2026-11-28T10:00:00"}, "occurred_at", 422),  # no offset
        ({"occurred_at": "2999-01-01T00:00:00+00:00"}, "occurred_at", 422),
        ({"occurred_at": "1999-12-31T23:00:00+00:00"}, "occurred_at", 422),
        ({"id": "not-a-uuid"}, "id", 422),
        ({"kind": "inspection"}, "kind", 422),
        ({"kind": "correction"}, "supersedes", 422),
        ({"supersedes": str(uuid.uuid4())}, "supersedes", 422),
    ],
)
def test_bad_entries_are_refused_naming_the_field_and_write_nothing(
    officer_api, overrides, field, status
):
    events_before = AuditEvent.objects.count()
    response = officer_api.post(ENTRIES, entry_body(**overrides))
    assert response.status_code == status, response.json()
    assert response.json()["field"] == field
    assert NotebookEntry.objects.count() == 0
    assert AuditEvent.objects.count() == events_before


def test_correction_of_a_missing_entry_is_refused(officer_api):
    response = officer_api.post(
        ENTRIES, entry_body(kind="correction", supersedes=str(uuid.uuid4()))
    )
    assert response.status_code == 404
    assert response.json()["field"] == "supersedes"
    assert not NotebookEntry.objects.exists()


def test_correction_of_another_officers_entry_is_refused(officer_api, api_factory, team_mate):
    theirs = api_factory(team_mate).post(ENTRIES, entry_body()).json()
    response = officer_api.post(ENTRIES, entry_body(kind="correction", supersedes=theirs["id"]))
    assert response.status_code == 422
    assert response.json()["error"] == "not_own_entry"
    assert NotebookEntry.objects.count() == 1


def test_correction_links_to_the_entry_it_corrects(officer_api):
    original = officer_api.post(ENTRIES, entry_body()).json()
    correction = officer_api.post(
        ENTRIES, entry_body(kind="correction", supersedes=original["id"], text="It was No. 41.")
    )
    assert correction.status_code == 201
    assert correction.json()["supersedes"] == original["id"]
    assert NotebookEntry.objects.get(pk=original["id"]).text == original["text"]


def test_own_entries_are_listed_newest_first_in_pages(officer_api):
    for index in range(5):
        officer_api.post(ENTRIES, entry_body(text=f"Entry {index}"))
    first = officer_api.get(ENTRIES, {"limit": 2}).json()
    assert [e["seq"] for e in first["entries"]] == [5, 4]
    assert first["more"] is True and first["next_before_seq"] == 4
    rest = officer_api.get(ENTRIES, {"limit": 10, "before_seq": 4}).json()
    assert [e["seq"] for e in rest["entries"]] == [3, 2, 1]
    assert rest["more"] is False and rest["next_before_seq"] is None


def test_officers_only_list_their_own_entries(officer_api, api_factory, team_mate):
    officer_api.post(ENTRIES, entry_body())
    assert api_factory(team_mate).get(ENTRIES).json()["entries"] == []


def test_own_entry_is_read_without_a_reason_or_consultation(officer_api):
    entry = officer_api.post(ENTRIES, entry_body()).json()
    response = officer_api.get(f"{ENTRIES}/{entry['id']}")
    assert response.status_code == 200 and response.json()["id"] == entry["id"]
    assert not AuditEvent.objects.filter(action="consultation").exists()


def test_supervisor_reads_team_notebook_with_a_logged_reason(
    officer_api, api_factory, officer, supervisor
):
    officer_api.post(ENTRIES, entry_body())
    sergeant = api_factory(supervisor)
    path = f"/api/v1/notebook/officers/{officer.pk}/entries"
    refused = sergeant.get(path)
    assert refused.status_code == 422 and refused.json()["field"] == "reason"
    assert not AuditEvent.objects.filter(action="consultation").exists()

    response = sergeant.get(path, {"reason": "monthly notebook inspection"})
    assert response.status_code == 200
    assert len(response.json()["entries"]) == 1
    event = AuditEvent.objects.get(action="consultation")
    assert event.actor == supervisor and event.device == sergeant.device
    assert event.justification == "monthly notebook inspection"
    assert event.object_id == str(officer.pk)


def test_supervisor_reading_one_entry_is_a_consultation(officer_api, api_factory, supervisor):
    entry = officer_api.post(ENTRIES, entry_body()).json()
    response = api_factory(supervisor).get(
        f"{ENTRIES}/{entry['id']}", {"reason": "complaint review ref 123"}
    )
    assert response.status_code == 200
    assert AuditEvent.objects.get(action="consultation").object_id == entry["id"]


def test_supervisor_of_another_team_cannot_read(
    officer_api, api_factory, officer, other_supervisor
):
    entry = officer_api.post(ENTRIES, entry_body()).json()
    outsider = api_factory(other_supervisor)
    reason = {"reason": "curious about it"}
    assert (
        outsider.get(f"/api/v1/notebook/officers/{officer.pk}/entries", reason).status_code == 404
    )
    assert outsider.get(f"{ENTRIES}/{entry['id']}", reason).status_code == 404
    assert not AuditEvent.objects.filter(action="consultation").exists()


def test_supervisor_records_an_inspection_in_the_inspected_book(
    officer_api, api_factory, officer, supervisor
):
    officer_api.post(ENTRIES, entry_body())
    inspection_id = str(uuid.uuid4())
    response = api_factory(supervisor).post(
        f"/api/v1/notebook/officers/{officer.pk}/inspections",
        {"id": inspection_id, "text": "Inspected: entries complete and in order."},
    )
    assert response.status_code == 201
    entry = NotebookEntry.objects.get(pk=inspection_id)
    assert entry.kind == "inspection" and entry.officer == officer and entry.author == supervisor
    assert entry.seq == 2
    # The officer sees the inspection in their own book.
    assert officer_api.get(ENTRIES).json()["entries"][0]["kind"] == "inspection"


def test_officer_cannot_inspect_a_colleague(api_factory, team_mate, officer):
    response = api_factory(team_mate).post(
        f"/api/v1/notebook/officers/{officer.pk}/inspections",
        {"id": str(uuid.uuid4()), "text": "Inspected."},
    )
    assert response.status_code == 404  # the same answer as for an unknown officer
    assert not NotebookEntry.objects.exists()


def test_staff_without_the_officer_role_keep_no_notebook(api_factory, fleet_manager):
    response = api_factory(fleet_manager).post(ENTRIES, entry_body())
    assert response.status_code == 403
    assert response.json()["error"] == "not_an_officer"
    assert not NotebookEntry.objects.exists()


def test_listing_entries_takes_a_fixed_number_of_queries(officer_api, django_assert_num_queries):
    for index in range(3):
        officer_api.post(ENTRIES, entry_body(text=f"Entry {index}"))
    with django_assert_num_queries(2):  # the session lookup, then the page
        officer_api.get(ENTRIES)
    for index in range(20):
        officer_api.post(ENTRIES, entry_body(text=f"More {index}"))
    with django_assert_num_queries(2):
        assert len(officer_api.get(ENTRIES).json()["entries"]) == 23


def test_team_notebook_listing_takes_a_fixed_number_of_queries(
    officer_api, api_factory, officer, supervisor, django_assert_max_num_queries
):
    sergeant = api_factory(supervisor)
    path = f"/api/v1/notebook/officers/{officer.pk}/entries"
    for index in range(25):
        officer_api.post(ENTRIES, entry_body(text=f"Entry {index}"))
    # session, officer, consultation (savepoint, head lock + insert + head update), page
    with django_assert_max_num_queries(10):
        assert len(sergeant.get(path, {"reason": "inspection due"}).json()["entries"]) == 25
