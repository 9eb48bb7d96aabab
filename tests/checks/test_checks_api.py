"""Checks through the API: results with warnings first, a reason for every check, and a
consultation record for every check and every result opened."""

from datetime import UTC, date, datetime

import pytest
import time_machine

from frontline.audit.models import AuditEvent
from frontline.checks.models import Check, CheckOpen, Marker, Person, Vehicle
from tests.checks.helpers import REASON, load_reference

URL = "/api/v1/checks"


@pytest.fixture
def reference(station):
    load_reference()


def _counts():
    return (
        Check.objects.count(),
        CheckOpen.objects.count(),
        AuditEvent.objects.filter(action="consultation").count(),
    )


def test_a_person_check_ranks_results_shows_warnings_and_is_logged(api_factory, officer, reference):
    api = api_factory(officer)

    response = api.post(f"{URL}/persons", {"name": "Jon Smith", **REASON})

    assert response.status_code == 201, response.content
    body = response.json()
    top = body["results"][0]
    assert top["summary"]["family_name"] == "Smith"
    assert top["summary"]["given_name"] == "John"
    assert top["alert"] is True
    assert [w["code"] for w in top["warnings"]] == ["WANTED", "VI", "WE"]
    assert [r["score"] for r in body["results"]] == sorted(
        [r["score"] for r in body["results"]], reverse=True
    )
    check = Check.objects.get()
    assert (check.officer, check.device, check.kind) == (officer, api.device, "person")
    assert (check.reason, check.reason_text) == ("stop_account", REASON["reason_text"])
    assert check.query == {"name": "Jon Smith"}
    assert check.result_count == body["result_count"] == len(body["results"])
    event = AuditEvent.objects.get(action="consultation")
    assert (event.actor_id, event.device_id) == (officer.pk, api.device.pk)
    assert (event.object_type, event.object_id) == ("checks.check", str(check.pk))
    assert event.justification.startswith("Check: Stop and account")
    assert "Smith" not in event.detail


def test_a_check_by_alias_finds_the_person(api_factory, officer, reference):
    api = api_factory(officer)

    body = api.post(f"{URL}/persons", {"name": "Johnny Smyth", **REASON}).json()

    assert body["results"][0]["summary"]["given_name"] == "John"


@pytest.mark.parametrize(
    "body, field",
    [
        ({"name": "John Smith"}, "reason"),
        ({"name": "John Smith", "reason": "curiosity"}, "reason"),
        ({"name": "John Smith", "reason": "other"}, "reason_text"),
        ({"name": "", **REASON}, "name"),
        ({"name": "J", **REASON}, "name"),
        ({"name": "x" * 101, **REASON}, "name"),
        ({"name": "John Smith", "date_of_birth": "1980-02-30", **REASON}, "date_of_birth"),
        ({"name": "John Smith", "date_of_birth": "2999-01-01", **REASON}, "date_of_birth"),
        ({"name": "John Smith", "birth_year": 1800, **REASON}, "birth_year"),
        ({"name": "John Smith", "age": 200, **REASON}, "age"),
        # A year or an age that is not a whole JSON number is refused: never dropped or misread
        ({"name": "John Smith", "birth_year": "19x5", **REASON}, "birth_year"),
        ({"name": "John Smith", "birth_year": "1980", **REASON}, "birth_year"),
        ({"name": "John Smith", "birth_year": 1980.5, **REASON}, "birth_year"),
        ({"name": "John Smith", "birth_year": 85, **REASON}, "birth_year"),
        ({"name": "John Smith", "age": "4o", **REASON}, "age"),
        ({"name": "John Smith", "age": True, **REASON}, "age"),
        ({"name": "John Smith", "age": 40, "age_tolerance": True, **REASON}, "age_tolerance"),
        ({"name": "John Smith", "linked_type": "incident.report", **REASON}, "linked_type"),
    ],
)
def test_a_bad_person_check_is_refused_and_nothing_is_logged(
    api_factory, officer, reference, body, field
):
    api = api_factory(officer)
    before = _counts()

    response = api.post(f"{URL}/persons", body)

    assert response.status_code == 422, response.content
    assert response.json()["field"] == field
    assert _counts() == before


# 00:30 on 11 June in London (BST), when the UTC day is still the 10th.
LONDON_JUST_AFTER_MIDNIGHT = datetime(2027, 6, 10, 23, 30, tzinfo=UTC)


def test_a_date_of_birth_of_the_london_day_is_not_in_the_future(api_factory, officer, reference):
    """Today is London's day, as the app counts it offline: just after midnight in summer a
    date of birth of the new London day is taken, and of the day after it refused."""
    with time_machine.travel(LONDON_JUST_AFTER_MIDNIGHT, tick=False):
        api = api_factory(officer)

        today = api.post(
            f"{URL}/persons", {"name": "John Smith", "date_of_birth": "2027-06-11", **REASON}
        )
        before = _counts()
        tomorrow = api.post(
            f"{URL}/persons", {"name": "John Smith", "date_of_birth": "2027-06-12", **REASON}
        )

    assert today.status_code == 201, today.content
    refusal = tomorrow.json()
    assert tomorrow.status_code == 422
    assert (refusal["error"], refusal["field"]) == ("impossible_date", "date_of_birth")
    assert _counts() == before


def test_a_marker_that_ended_on_the_london_day_before_is_no_longer_shown(
    api_factory, officer, reference
):
    # Given the violent marker ended on 10 June, a London day
    Marker.objects.filter(code="VI").update(valid_to=date(2027, 6, 10))

    # When the man is checked at 00:30 on 11 June in London
    with time_machine.travel(LONDON_JUST_AFTER_MIDNIGHT, tick=False):
        body = api_factory(officer).post(f"{URL}/persons", {"name": "John Smith", **REASON}).json()

    # Then the marker is not among his warnings any more
    assert [w["code"] for w in body["results"][0]["warnings"]] == ["WANTED", "WE"]


@pytest.mark.parametrize(
    "registration, error",
    [
        ("", "required"),
        ("*", "wildcard_only"),
        ("??*", "wildcard_only"),
        ("*1*", "too_few_known_characters"),
        ("AB12CDE123456", "too_long"),
        ("AB£2", "invalid_characters"),
    ],
)
def test_a_bad_plate_is_refused_and_nothing_is_logged(
    api_factory, officer, reference, registration, error
):
    api = api_factory(officer)
    before = _counts()

    response = api.post(f"{URL}/vehicles", {"registration": registration, **REASON})

    assert response.status_code == 422
    assert (response.json()["error"], response.json()["field"]) == (error, "registration")
    assert _counts() == before


def test_a_vehicle_check_finds_a_misread_plate_and_flags_it_stolen(api_factory, officer, reference):
    api = api_factory(officer)

    body = api.post(f"{URL}/vehicles", {"registration": "ab12 cde", **REASON}).json()
    misread = api.post(f"{URL}/vehicles", {"registration": "A812CDE", **REASON}).json()
    partial = api.post(f"{URL}/vehicles", {"registration": "AB12 CD?", **REASON}).json()

    assert body["results"][0]["summary"]["registration"] == "AB12 CDE"
    assert body["results"][0]["warnings"][0]["code"] == "STOLEN"
    assert misread["results"] == []  # B and 8 are not a confusion the search folds
    assert [r["summary"]["registration"] for r in partial["results"]] == ["AB12 CDE", "AB12 CDF"]
    assert partial["results"][0]["alert"] is True
    assert Check.objects.filter(kind="vehicle").count() == 3


def test_a_location_check_by_postcode_or_words_shows_its_markers(api_factory, officer, reference):
    api = api_factory(officer)

    by_postcode = api.post(f"{URL}/locations", {"query": "w6 9pl", **REASON}).json()
    by_words = api.post(f"{URL}/locations", {"query": "fulham palace", **REASON}).json()
    outward = api.post(f"{URL}/locations", {"query": "W12", **REASON}).json()

    assert by_postcode["results"][0]["summary"]["address"] == "14 Fulham Palace Road"
    assert by_postcode["results"][0]["warnings"][0]["code"] == "DG"
    assert by_words["results"][0]["id"] == by_postcode["results"][0]["id"]
    assert [r["summary"]["postcode"] for r in outward["results"]] == ["W12 8QP"]
    assert Check.objects.filter(kind="location").count() == 3


def test_opening_a_result_shows_it_in_full_and_logs_the_consultation(
    api_factory, officer, reference
):
    api = api_factory(officer)
    body = api.post(f"{URL}/persons", {"name": "John Smith", **REASON}).json()
    person_id = body["results"][0]["id"]

    response = api.post(f"{URL}/{body['check_id']}/open", {"type": "person", "id": person_id})

    assert response.status_code == 200, response.content
    assert response.json()["addresses"] == ["1 High Street W6"]
    assert response.json()["identifiers"] == {"pnc": "80/1234A"}
    opened = CheckOpen.objects.get()
    assert (str(opened.check_made_id), str(opened.object_id)) == (body["check_id"], person_id)
    event = AuditEvent.objects.filter(action="consultation").order_by("seq").last()
    assert (event.object_type, event.object_id) == ("checks.person", person_id)


def test_only_a_result_of_your_own_check_can_be_opened(api_factory, officer, team_mate, reference):
    api = api_factory(officer)
    body = api.post(f"{URL}/persons", {"name": "John Smith", **REASON}).json()
    not_a_result = Person.objects.get(source_id="P3")
    before = _counts()

    other = api.post(
        f"{URL}/{body['check_id']}/open", {"type": "person", "id": str(not_a_result.pk)}
    )
    mate = api_factory(team_mate).post(
        f"{URL}/{body['check_id']}/open", {"type": "person", "id": body["results"][0]["id"]}
    )

    assert (other.status_code, other.json()["error"]) == (404, "not_a_result")
    assert mate.status_code == 404
    assert _counts() == before


def test_staff_without_a_warrant_cannot_check(api_factory, auditor, reference):
    before = _counts()

    response = api_factory(auditor).post(f"{URL}/persons", {"name": "John Smith", **REASON})

    assert response.status_code == 403
    assert _counts() == before


def test_the_auditor_reads_and_filters_the_consultation_log(
    api_factory, officer, team_mate, auditor, reference
):
    mine = api_factory(officer)
    mine.post(f"{URL}/persons", {"name": "John Smith", **REASON})
    mine.post(f"{URL}/vehicles", {"registration": "AB12*", "reason": "traffic"})
    api_factory(team_mate).post(f"{URL}/persons", {"name": "Jane Smith", **REASON})
    api = api_factory(auditor)

    everything = api.get(f"{URL}/log").json()
    by_officer = api.get(f"{URL}/log", {"officer_id": str(officer.pk)}).json()
    by_reason = api.get(f"{URL}/log", {"reason": "traffic"}).json()
    refused = api_factory(officer).get(f"{URL}/log")

    assert len(everything["checks"]) == 3
    assert {row["collar_number"] for row in by_officer["checks"]} == {officer.collar_number}
    assert [row["query"] for row in by_reason["checks"]] == [{"registration": "AB12*"}]
    assert refused.status_code == 403


def test_the_log_costs_the_same_queries_however_many_checks(
    api_factory, officer, auditor, reference, django_assert_num_queries
):
    mine = api_factory(officer)
    api = api_factory(auditor)
    mine.post(f"{URL}/persons", {"name": "John Smith", **REASON})
    # the device session, then the checks with officer and device, then their openings
    with django_assert_num_queries(3):
        assert len(api.get(f"{URL}/log").json()["checks"]) == 1
    for _ in range(4):
        body = mine.post(f"{URL}/persons", {"name": "John Smith", **REASON}).json()
        mine.post(
            f"{URL}/{body['check_id']}/open", {"type": "person", "id": body["results"][0]["id"]}
        )
    with django_assert_num_queries(3):
        assert len(api.get(f"{URL}/log").json()["checks"]) == 5


def test_a_person_search_costs_the_same_queries_however_many_results(
    officer, reference, django_assert_num_queries
):
    from frontline.checks import search

    # candidates by key, then the persons, their aliases and their markers (with marker rows)
    with django_assert_num_queries(4):
        few = search.persons_search(search.person_query_parse(name="Peter Jones"))
    with django_assert_num_queries(4):
        many = search.persons_search(search.person_query_parse(name="Smith John"))
    # an exact date of birth searches its year's keys, then keeps that date
    with django_assert_num_queries(4):
        search.persons_search(
            search.person_query_parse(name="John Smith", date_of_birth="1980-02-01")
        )
    assert len(few) == 1 and len(many) == 2


def test_a_vehicle_search_costs_two_queries(officer, reference, django_assert_num_queries):
    from frontline.checks import plates, search

    with django_assert_num_queries(2):
        hits = search.vehicles_search(plates.plate_pattern_parse("AB12*"))
    assert len(hits) == Vehicle.objects.count() == 2
