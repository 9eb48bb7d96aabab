"""Misuse signals on fixtures with known answers: self or relative checks, unusual volume,
repeated checks of one person with no linked record."""

from datetime import date, timedelta

import pytest

from frontline.checks import selectors
from frontline.checks.imports import reference_import
from frontline.checks.models import Check, OfficerPersonalDetails, Person
from frontline.checks.services import check_person, check_result_open
from frontline.common.clock import now
from frontline.common.ids import uuid7

REASON = {"reason": "intelligence", "reason_text": "briefing item"}


@pytest.fixture
def people(db):
    text = (
        "source_id,given_name,family_name,date_of_birth\n"
        "R1,Test,Officer,1990-01-01\n"
        "R2,Alan,Officer,1990-01-01\n"
        "R3,Alan,Officer,1962-07-07\n"
        "R4,Mary,Stranger,1980-05-05\n"
    )
    assert reference_import(kind="persons", text=text).written
    return {p.source_id: p for p in Person.objects.all()}


def _check_and_open(officer, name, person, **extra):
    made = check_person(officer=officer, device=None, name=name, **REASON, **extra)
    check_result_open(
        officer=officer,
        device=None,
        check_id=made.check.pk,
        object_type="person",
        object_id=person.pk,
    )
    return made.check


def _rules(signals):
    return sorted((signal.rule, signal.officer.collar_number) for signal in signals)


def test_checking_someone_with_your_surname_and_date_of_birth_is_a_signal(
    officer, team_mate, people
):
    # Given the officer (Test Officer) has a recorded date of birth of 1990-01-01
    OfficerPersonalDetails.objects.create(officer=officer, date_of_birth=date(1990, 1, 1))
    # When they open a relative with the same surname and date of birth, and a team mate
    # opens a stranger
    _check_and_open(officer, "Alan Officer", people["R2"])
    _check_and_open(team_mate, "Mary Stranger", people["R4"])

    # Then exactly the officer's check is flagged
    signals = selectors.misuse_signals()
    assert _rules(signals) == [("self_or_relative", "PC1")]
    assert len(signals[0].check_ids) == 1


def test_same_surname_but_another_date_of_birth_is_not_a_signal(officer, people):
    OfficerPersonalDetails.objects.create(officer=officer, date_of_birth=date(1990, 1, 1))

    _check_and_open(officer, "Alan Officer", people["R3"])

    assert selectors.misuse_signals() == []


def test_a_query_for_yourself_by_name_and_date_of_birth_is_a_signal_without_opening(
    officer, people
):
    OfficerPersonalDetails.objects.create(officer=officer, date_of_birth=date(1990, 1, 1))

    check_person(officer=officer, device=None, name="Officer", date_of_birth="1990-01-01", **REASON)

    assert _rules(selectors.misuse_signals()) == [("self_or_relative", "PC1")]


def test_without_a_recorded_birth_date_your_own_full_name_is_the_signal(officer, people):
    _check_and_open(officer, "Test Officer", people["R1"])

    assert _rules(selectors.misuse_signals()) == [("self_or_relative", "PC1")]


def test_opening_one_person_three_times_with_no_linked_record_is_a_signal(
    officer, team_mate, people
):
    # Given the officer opens Mary three times with no record, and the team mate three times,
    # once linked to an incident
    for _ in range(3):
        _check_and_open(officer, "Mary Stranger", people["R4"])
    _check_and_open(
        team_mate,
        "Mary Stranger",
        people["R4"],
        linked_type="incident.report",
        linked_id=uuid7(),
    )
    for _ in range(2):
        _check_and_open(team_mate, "Mary Stranger", people["R4"])

    # Then only the officer's repeated checks are flagged
    assert _rules(selectors.misuse_signals()) == [("repeated", "PC1")]


def test_twice_is_not_repeated(officer, people):
    for _ in range(2):
        _check_and_open(officer, "Mary Stranger", people["R4"])

    assert selectors.misuse_signals() == []


def _checks(officer, count, at):
    Check.objects.bulk_create(
        Check(
            officer=officer,
            at=at,
            checked_at=at,
            kind="vehicle",
            reason="traffic",
            query={"registration": "AB12*"},
            result_count=0,
        )
        for _ in range(count)
    )


def test_a_day_far_above_the_usual_volume_is_a_signal(officer, team_mate, other_officer, db):
    # Given two officers' usual ten checks a day, and one day of 45 by the officer
    yesterday = now() - timedelta(days=1)
    for days_ago in range(2, 6):
        _checks(team_mate, 10, now() - timedelta(days=days_ago))
        _checks(other_officer, 10, now() - timedelta(days=days_ago))
    _checks(officer, 45, yesterday)

    signals = selectors.misuse_signals()

    assert _rules(signals) == [("volume", "PC1")]
    assert "45 checks" in signals[0].summary


def test_forty_checks_in_a_day_is_never_unusual(officer, team_mate, db):
    _checks(team_mate, 2, now() - timedelta(days=2))
    _checks(officer, 40, now() - timedelta(days=1))

    assert selectors.misuse_signals() == []


def test_signals_cost_a_fixed_number_of_queries(
    officer, team_mate, people, django_assert_max_num_queries
):
    for _ in range(3):
        _check_and_open(officer, "Mary Stranger", people["R4"])
    _check_and_open(officer, "Test Officer", people["R1"])
    # person checks with their openings, officer dates of birth, opened persons, daily
    # volumes, repeated openings, and the officers named by the last two
    with django_assert_max_num_queries(8):
        signals = selectors.misuse_signals()
    assert _rules(signals) == [("repeated", "PC1"), ("self_or_relative", "PC1")]
