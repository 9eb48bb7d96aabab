"""Back-office pages: the list, a record (with a reason if not yours), and monthly statistics."""

from datetime import UTC, datetime

import pytest
from django.test import Client

from frontline.audit.models import AuditEvent
from frontline.stopsearch.stats import stop_search_statistics
from tests.stopsearch.helpers import REASON, record

LIST = "/office/stop-searches/"
STATS = "/office/stop-searches/statistics/"


def signed_in(officer) -> Client:
    client = Client()
    client.force_login(officer)
    return client


def _on(day, hour=12):
    return datetime(2026, 3, day, hour, tzinfo=UTC)


@pytest.fixture
def month(officer, other_officer):
    """Five searches by `officer` in March 2026, one by another team, one in April."""
    record(officer, occurred_at=_on(2), self_defined_ethnicity="A1")
    record(
        officer,
        occurred_at=_on(3),
        self_defined_ethnicity="A1",
        outcome="Arrest",
        outcome_linked_to_object_of_search=True,
    )
    record(
        officer,
        occurred_at=_on(4),
        self_defined_ethnicity="B2",
        object_of_search="Offensive weapons",
        outcome="Arrest",
        outcome_linked_to_object_of_search=False,
    )
    record(
        officer,
        occurred_at=_on(5),
        self_defined_ethnicity="W1",
        outcome="Khat or Cannabis warning",
        outcome_linked_to_object_of_search=True,
    )
    record(
        officer,
        occurred_at=_on(6),
        type="Vehicle search",
        self_defined_ethnicity=None,
        vehicle_registration="AB12CDE",
        object_of_search="Stolen goods",
    )
    record(other_officer, occurred_at=_on(7), self_defined_ethnicity="O2")
    record(officer, occurred_at=datetime(2026, 4, 1, 12, tzinfo=UTC))


def test_statistics_count_the_month_exactly(month):
    figures = stop_search_statistics(month="2026-03")

    assert figures.total == 6
    assert figures.by_ethnicity == [
        ("White - English/Welsh/Scottish/Northern Irish/British", 1),
        ("Asian/Asian British - Indian", 2),
        ("Black/African/Caribbean/Black British - African", 1),
        ("Other ethnic group - Arab", 1),
        ("Not recorded", 1),
    ]
    assert figures.by_object == [
        ("Controlled drugs", 4),
        ("Offensive weapons", 1),
        ("Stolen goods", 1),
    ]
    assert figures.by_outcome == [
        ("A no further action disposal", 3),
        ("Arrest", 2),
        ("Khat or Cannabis warning", 1),
    ]
    assert (figures.linked, figures.arrests) == (2, 2)
    assert (figures.arrest_rate, figures.linked_rate) == (33.3, 33.3)


def test_team_statistics_leave_out_other_teams(month, officer):
    figures = stop_search_statistics(month="2026-03", team_id=officer.team_id)

    assert figures.total == 5
    assert ("Other ethnic group - Arab", 1) not in figures.by_ethnicity
    assert figures.arrest_rate == 40.0


def test_an_empty_month_has_no_rates_to_divide_by(db):
    figures = stop_search_statistics(month="2020-01")

    assert (figures.total, figures.arrest_rate, figures.by_outcome) == (0, 0.0, [])


def test_the_statistics_page_shows_accessible_charts_and_the_same_numbers(month, auditor):
    response = signed_in(auditor).get(STATS, {"month": "2026-03"})

    assert response.status_code == 200
    assert response.context["figures"].total == 6
    text = response.content.decode()
    for slug in ("ethnicity", "object", "outcome"):
        assert f'<svg role="img" aria-labelledby="{slug}-title {slug}-desc"' in text
        assert f'<title id="{slug}-title">Searches by' in text
    assert (
        '<desc id="outcome-desc">A no further action disposal: 3; Arrest: 2; '
        "Khat or Cannabis warning: 1</desc>" in text
    )
    assert "<td>Asian/Asian British - Indian</td><td>2</td>" in text
    assert "33.3%" in text


def test_a_supervisor_sees_their_teams_figures(month, supervisor):
    response = signed_in(supervisor).get(STATS, {"month": "2026-03"})

    assert response.context["figures"].total == 5
    assert "Your team" in response.content.decode()


@pytest.mark.parametrize("who", ["evaluator", "admin_officer"])
def test_evaluators_and_admins_see_force_figures(request, month, who):
    response = signed_in(request.getfixturevalue(who)).get(STATS, {"month": "2026-03"})

    assert response.context["figures"].total == 6


@pytest.mark.parametrize("who", ["officer", "fleet_manager"])
def test_officers_and_fleet_managers_see_no_statistics(request, month, who):
    response = signed_in(request.getfixturevalue(who)).get(STATS)

    assert response.status_code == 403


def test_a_bad_month_on_the_statistics_page_says_so(auditor):
    response = signed_in(auditor).get(STATS, {"month": "13-2026"})

    assert response.status_code == 422
    assert "YYYY-MM" in response.content.decode()


def test_the_statistics_page_costs_the_same_queries_however_many_records(
    officer, auditor, django_assert_num_queries
):
    client = signed_in(auditor)
    record(officer, occurred_at=_on(2))
    # session, signed-in officer, three grouped counts, the totals
    with django_assert_num_queries(6):
        client.get(STATS, {"month": "2026-03"})
    for day in range(3, 9):
        record(
            officer, occurred_at=_on(day), outcome="Arrest", outcome_linked_to_object_of_search=True
        )
    with django_assert_num_queries(6):
        assert client.get(STATS, {"month": "2026-03"}).context["figures"].total == 7


def test_the_list_page_shows_what_the_viewer_may_read(month, officer, other_officer, supervisor):
    own = signed_in(officer).get(LIST)
    others = signed_in(other_officer).get(LIST)
    team = signed_in(supervisor).get(LIST, {"month": "2026-03", "outcome": "Arrest"})

    assert len(own.context["records"]) == 6
    assert len(others.context["records"]) == 1
    assert [r.outcome for r in team.context["records"]] == ["Arrest", "Arrest"]


def test_the_list_page_costs_the_same_queries_however_many_rows(
    officer, auditor, django_assert_num_queries
):
    client = signed_in(auditor)
    record(officer)
    # session, signed-in officer, records with their officers and stations
    with django_assert_num_queries(3):
        assert len(client.get(LIST).context["records"]) == 1
    for _ in range(5):
        record(officer)
    with django_assert_num_queries(3):
        assert len(client.get(LIST).context["records"]) == 6


def test_the_owner_opens_their_record_without_a_reason(officer):
    stored = record(officer, person_name="Jo Bloggs")

    response = signed_in(officer).get(f"{LIST}{stored.pk}/")

    assert response.status_code == 200
    assert "Jo Bloggs" in response.content.decode()
    assert not AuditEvent.objects.filter(action="consultation").exists()


def test_a_supervisor_gives_a_reason_before_the_record_opens_and_it_is_logged(officer, supervisor):
    stored = record(officer, person_name="Jo Bloggs")
    client = signed_in(supervisor)

    form = client.get(f"{LIST}{stored.pk}/")
    too_short = client.post(f"{LIST}{stored.pk}/", {"reason": "why"})
    logged_before = AuditEvent.objects.filter(action="consultation").count()
    opened = client.post(f"{LIST}{stored.pk}/", {"reason": REASON})

    assert form.status_code == 200 and "Jo Bloggs" not in form.content.decode()
    assert too_short.status_code == 422 and "Jo Bloggs" not in too_short.content.decode()
    assert logged_before == 0
    assert opened.status_code == 200 and "Jo Bloggs" in opened.content.decode()
    consultation = AuditEvent.objects.get(action="consultation")
    assert (consultation.actor_id, consultation.justification) == (supervisor.pk, REASON)


@pytest.mark.parametrize("who", ["team_mate", "other_supervisor", "evaluator"])
def test_others_cannot_open_a_record(request, officer, who):
    stored = record(officer)

    response = signed_in(request.getfixturevalue(who)).post(
        f"{LIST}{stored.pk}/", {"reason": REASON}
    )

    assert response.status_code == 404
    assert not AuditEvent.objects.filter(action="consultation").exists()


def test_the_pages_need_a_sign_in(officer):
    stored = record(officer)

    for url in (LIST, STATS, f"{LIST}{stored.pk}/"):
        assert Client().get(url).status_code == 302


API_STATS = "/api/v1/stop-searches/statistics"


def test_the_statistics_api_gives_the_force_the_same_figures_as_the_page(
    month, api_factory, auditor
):
    response = api_factory(auditor).get(API_STATS, {"month": "2026-03"})

    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["month"], body["scope"], body["total"]) == ("2026-03", "force", 6)
    assert body["by_outcome"] == [
        {"label": "A no further action disposal", "count": 3},
        {"label": "Arrest", "count": 2},
        {"label": "Khat or Cannabis warning", "count": 1},
    ]
    assert body["by_self_defined_ethnicity"][-1] == {"label": "Not recorded", "count": 1}
    assert {"label": "Offensive weapons", "count": 1} in body["by_object_of_search"]
    assert (body["arrests"], body["arrest_rate"]) == (2, 33.3)
    assert (body["outcome_linked_to_object"], body["outcome_linked_rate"]) == (2, 33.3)


def test_a_supervisor_gets_only_their_team_from_the_statistics_api(month, api_factory, supervisor):
    body = api_factory(supervisor).get(API_STATS, {"month": "2026-03"}).json()

    assert (body["scope"], body["total"], body["arrest_rate"]) == ("team", 5, 40.0)
    assert {"label": "Other ethnic group - Arab", "count": 1} not in body[
        "by_self_defined_ethnicity"
    ]


@pytest.mark.parametrize("bad", ["", "2026-13", "March", "1999-01"])
def test_the_statistics_api_names_a_bad_month(db, api_factory, auditor, bad):
    response = api_factory(auditor).get(API_STATS, {"month": bad})

    assert response.status_code == 422
    assert response.json()["field"] == "month"


def test_officers_cannot_read_statistics_through_the_api(month, api_factory, officer):
    response = api_factory(officer).get(API_STATS, {"month": "2026-03"})

    assert response.status_code == 403


def test_the_statistics_api_runs_a_fixed_number_of_queries(
    month, api_factory, auditor, django_assert_num_queries
):
    api = api_factory(auditor)
    api.get(API_STATS, {"month": "2026-03"})
    with django_assert_num_queries(5):
        response = api.get(API_STATS, {"month": "2026-03"})
    assert response.status_code == 200
