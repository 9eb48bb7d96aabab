"""Writing and reading drafts through the API: create, edit from a version, every validation."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from frontline.audit.models import AuditEvent
from frontline.incidents.models import IncidentReport
from frontline.sync.models import Change
from tests.incidents.helpers import (
    LOCATION,
    PERSON,
    ROOT,
    VEHICLE,
    content,
    draft,
    new_id,
)


def test_an_officer_starts_a_draft_and_it_is_audited_and_on_the_change_feed(api_factory, officer):
    # Given an officer on their device
    api = api_factory(officer)
    report_id = new_id()

    # When they start a draft
    response = api.post(ROOT, {"id": report_id, **content()})

    # Then it is stored as a version-1 draft, the registration tidied, audited and fed to sync
    assert response.status_code == 201
    body = response.json()
    assert (body["id"], body["status"], body["version"]) == (report_id, "draft", 1)
    assert body["content"]["objects"][0]["registration"] == "AB12CDE"
    assert body["versions"] == [] and body["conflicts"] == []
    event = AuditEvent.objects.get(action="incidents.create")
    assert (event.object_id, event.actor_id) == (report_id, officer.pk)
    change = Change.objects.get(record_id=report_id)
    assert (change.type, change.owner_id, change.version) == ("incident.report", officer.pk, 1)


def test_sending_the_same_draft_again_returns_the_stored_one(api_factory, officer):
    # Given a draft already received
    api = api_factory(officer)
    body = {"id": new_id(), **content()}
    api.post(ROOT, body)

    # When the device sends it again
    response = api.post(ROOT, body)

    # Then the stored report comes back and nothing new is written
    assert response.status_code == 200
    assert IncidentReport.objects.count() == 1
    assert AuditEvent.objects.filter(action="incidents.create").count() == 1


def test_reusing_a_report_id_for_other_content_is_refused(api_factory, officer):
    api = api_factory(officer)
    report_id = new_id()
    api.post(ROOT, {"id": report_id, **content()})

    response = api.post(ROOT, {"id": report_id, **content(narrative="Something else.")})

    assert response.status_code == 409
    assert (response.json()["error"], response.json()["field"]) == ("id_reused", "id")
    assert IncidentReport.objects.get().content["narrative"] == "Rear door forced; laptop taken."


def test_the_author_edits_a_draft_from_its_current_version(api_factory, officer):
    # Given a draft at version 1
    api = api_factory(officer)
    report = draft(officer)

    # When the author edits it from version 1
    response = api.request(
        "PUT", f"{ROOT}/{report.pk}", {"base_version": 1, **content(narrative="Updated.")}
    )

    # Then the edit is stored as version 2
    assert response.status_code == 200
    assert (response.json()["version"], response.json()["content"]["narrative"]) == (2, "Updated.")
    assert AuditEvent.objects.filter(action="incidents.update").count() == 1


def test_a_stale_edit_through_the_api_is_refused_and_changes_nothing(api_factory, officer):
    # Given a draft edited once already (now version 2)
    api = api_factory(officer)
    report = draft(officer)
    api.request("PUT", f"{ROOT}/{report.pk}", {"base_version": 1, **content(narrative="First.")})

    # When another edit arrives that started from version 1
    response = api.request(
        "PUT", f"{ROOT}/{report.pk}", {"base_version": 1, **content(narrative="Second.")}
    )

    # Then it is refused with the server's version, and the first edit stands
    assert response.status_code == 409
    assert response.json()["error"] == "stale_base_version"
    assert response.json()["field"] == "base_version"
    assert response["X-Server-Version"] == "2"
    report.refresh_from_db()
    assert (report.version, report.content["narrative"]) == (2, "First.")


def _future():
    return (datetime.now(UTC) + timedelta(hours=2)).isoformat()


def _person(**fields):
    return [{"id": PERSON, "roles": ["victim"], "name": "A Person", **fields}]


def _object(**fields):
    return [{"id": VEHICLE, "kind": "property", "description": "Phone", **fields}]


INVALID = [
    ({"category": "jaywalking"}, "category", "unknown_category"),
    ({"category": "x" * 41}, "category", "invalid_input"),
    ({"occurred_from": "2026-11-28T10:00:00"}, "occurred_from", "invalid_input"),
    ({"occurred_from": _future(), "occurred_to": None}, "occurred_from", "in_future"),
    ({"occurred_from": "1999-12-31T23:00:00+00:00"}, "occurred_from", "too_early"),
    ({"occurred_to": _future()}, "occurred_to", "in_future"),
    ({"occurred_to": "2020-01-01T00:00:00+00:00"}, "occurred_to", "before_start"),
    ({"address": "x" * 301}, "address", "invalid_input"),
    ({"address": "Bad\x00road"}, "address", "control_characters"),
    ({"narrative": "x" * 20_001}, "narrative", "invalid_input"),
    ({"narrative": "bell\x07"}, "narrative", "control_characters"),
    ({"latitude": 91}, "latitude", "invalid_input"),
    ({"longitude": -181}, "longitude", "invalid_input"),
    ({"latitude": 51.5, "longitude": None}, "longitude", "incomplete_point"),
    ({"latitude": None, "longitude": -0.2}, "latitude", "incomplete_point"),
    ({"persons": _person(roles=[])}, "persons.0.roles", "invalid_input"),
    ({"persons": _person(roles=["bystander"])}, "persons.0.roles.0", "invalid_input"),
    ({"persons": _person(roles=["victim", "victim"])}, "persons.0.roles", "duplicate_role"),
    ({"persons": _person(name="", description="")}, "persons.0.name", "required"),
    (
        {"persons": _person(date_of_birth="2999-01-01")},
        "persons.0.date_of_birth",
        "implausible_date",
    ),
    (
        {"persons": _person(date_of_birth="1850-01-01")},
        "persons.0.date_of_birth",
        "implausible_date",
    ),
    ({"persons": _person(nickname="Al")}, "persons.0.nickname", "invalid_input"),
    ({"objects": _object(kind="spaceship")}, "objects.0.kind", "invalid_input"),
    ({"objects": _object(registration="AB12CDE")}, "objects.0.registration", "vehicle_only"),
    ({"objects": _object(colour="Red")}, "objects.0.colour", "vehicle_only"),
    ({"objects": _object(description="")}, "objects.0.description", "required"),
    (
        {"objects": _object(kind="vehicle", description="", registration="AB-12")},
        "objects.0.registration",
        "invalid_registration",
    ),
    ({"objects": _object(kind="vehicle", description="")}, "objects.0.registration", "required"),
    ({"locations": [{"id": LOCATION, "address": ""}]}, "locations.0.address", "invalid_input"),
    ({"locations": [{"id": LOCATION, "address": "  "}]}, "locations.0.address", "required"),
    (
        {"locations": [{"id": LOCATION, "address": "Here", "latitude": 51.0}]},
        "locations.0.longitude",
        "incomplete_point",
    ),
    ({"locations": [{"id": PERSON, "address": "Here"}]}, "locations.0.id", "duplicate"),
    ({"links": [{"type": "notebook.entry", "id": PERSON}]}, "links.0.type", "invalid_input"),
    (
        {"links": [{"type": "evidence.item", "id": PERSON}] * 2},
        "links.1.id",
        "duplicate",
    ),
    ({"persons": _person() * 51}, "persons", "invalid_input"),
    ({"weather": "rain"}, "weather", "invalid_input"),
]


@pytest.mark.parametrize(("overrides", "field", "code"), INVALID)
def test_invalid_content_is_refused_naming_the_field_and_nothing_is_written(
    api_factory, officer, overrides, field, code
):
    # Given an officer
    api = api_factory(officer)
    audit_before = AuditEvent.objects.count()

    # When they send a draft with one thing wrong
    response = api.post(ROOT, {"id": new_id(), **content(**overrides)})

    # Then it is refused, naming the field, and nothing is stored
    assert response.status_code == 422, response.content
    assert (response.json()["field"], response.json()["error"]) == (field, code)
    assert not IncidentReport.objects.exists()
    assert AuditEvent.objects.count() == audit_before


def test_an_invalid_edit_changes_nothing(api_factory, officer):
    api = api_factory(officer)
    report = draft(officer)

    response = api.request(
        "PUT", f"{ROOT}/{report.pk}", {"base_version": 1, **content(category="jaywalking")}
    )

    assert response.status_code == 422
    assert response.json()["field"] == "category"
    report.refresh_from_db()
    assert (report.version, report.category) == (1, "burglary")


def test_a_draft_may_be_partial_but_not_submitted_without_where_and_what(api_factory, officer):
    # Given a draft with no address and no narrative
    api = api_factory(officer)
    report = draft(officer, address="", narrative="")

    # When the author submits it, then after adding the address
    first = api.post(f"{ROOT}/{report.pk}/submit", {"base_version": 1})
    api.request("PUT", f"{ROOT}/{report.pk}", {"base_version": 1, **content(narrative=" ")})
    second = api.post(f"{ROOT}/{report.pk}/submit", {"base_version": 2})

    # Then each submission is refused naming what is missing, and it stays a draft
    assert (first.status_code, first.json()["field"]) == (422, "address")
    assert (second.status_code, second.json()["field"]) == (422, "narrative")
    report.refresh_from_db()
    assert (report.status, report.submitted_number) == ("draft", 0)


def test_my_reports_list_is_newest_first_and_pages(api_factory, officer, team_mate):
    # Given three reports of mine, a second apart, and one of a team mate
    api = api_factory(officer)
    with time_machine.travel(datetime(2026, 11, 28, 9, 0, tzinfo=UTC), tick=False) as clock:
        mine = []
        for _ in range(3):
            mine.append(draft(officer))
            clock.shift(1)
        draft(team_mate)

    # When I list them two at a time
    first = api.get(ROOT, {"limit": 2}).json()
    second = api.get(ROOT, {"limit": 2, "before": first["next_before"]}).json()

    # Then I see my own, newest first, across two pages
    ids = [report["id"] for report in first["reports"] + second["reports"]]
    assert ids == [str(report.pk) for report in reversed(mine)]
    assert (first["more"], second["more"]) == (True, False)


def test_reports_made_in_the_same_microsecond_are_neither_skipped_nor_repeated(
    api_factory, officer
):
    api = api_factory(officer)
    with time_machine.travel(datetime(2026, 11, 28, 9, 0, tzinfo=UTC), tick=False):
        made = {str(draft(officer).pk) for _ in range(5)}

    seen, before = [], None
    while True:
        page = api.get(ROOT, {"limit": 2, **({"before": before} if before else {})}).json()
        seen += [report["id"] for report in page["reports"]]
        before = page["next_before"]
        if not page["more"]:
            break

    assert sorted(seen) == sorted(made)
    assert seen == sorted(made, reverse=True)  # ties newest-first by id


def test_a_page_after_someone_elses_report_is_refused(api_factory, officer, team_mate):
    theirs = draft(team_mate)
    response = api_factory(officer).get(ROOT, {"before": str(theirs.pk)})
    assert response.status_code == 404
    assert response.json()["field"] == "before"


@pytest.mark.parametrize("count", [1, 10])
def test_my_reports_list_takes_the_same_queries_however_many_reports(api_factory, officer, count):
    api = api_factory(officer)
    for _ in range(count):
        draft(officer)

    with CaptureQueriesContext(connection) as queries:
        response = api.get(ROOT)

    assert response.status_code == 200
    assert len(response.json()["reports"]) == count
    # one to authenticate the device session, one for the page
    assert len(queries) == 2


def test_a_page_after_something_that_is_not_a_report_id_is_refused_naming_before(
    api_factory, officer
):
    response = api_factory(officer).get(ROOT, {"before": "2026-11-28T09:00:00+00:00"})
    assert response.status_code == 422
    assert "before" in response.content.decode()


# 00:30 on 11 June in London (BST), when the UTC day is still the 10th.
LONDON_JUST_AFTER_MIDNIGHT = datetime(2027, 6, 10, 23, 30, tzinfo=UTC)


def test_a_person_born_on_the_london_day_is_plausible_and_the_day_after_is_not(
    api_factory, officer
):
    """A newborn in a report just after midnight in summer: today is London's day, not UTC's."""
    with time_machine.travel(LONDON_JUST_AFTER_MIDNIGHT, tick=False):
        api = api_factory(officer)
        today = api.post(
            ROOT, {"id": new_id(), **content(persons=_person(date_of_birth="2027-06-11"))}
        )
        tomorrow = api.post(
            ROOT, {"id": new_id(), **content(persons=_person(date_of_birth="2027-06-12"))}
        )

    assert today.status_code == 201, today.content
    assert tomorrow.status_code == 422
    assert (tomorrow.json()["field"], tomorrow.json()["error"]) == (
        "persons.0.date_of_birth",
        "implausible_date",
    )
    assert IncidentReport.objects.count() == 1
