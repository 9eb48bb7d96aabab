"""Reading reports: someone else's is a consultation with a reason; the supervisor's review of a
queued report is its own reason; the review queue is the team's, oldest first."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from frontline.audit.models import AuditEvent
from frontline.incidents.models import IncidentReport
from tests.incidents.helpers import REASON, ROOT, approved, draft, resubmitted, submitted


def _consultations():
    return list(
        AuditEvent.objects.filter(action="consultation").values_list(
            "actor_id", "object_type", "object_id", "justification"
        )
    )


def test_reading_my_own_report_is_not_a_consultation(api_factory, officer):
    report = submitted(officer)

    response = api_factory(officer).get(f"{ROOT}/{report.pk}")

    assert response.status_code == 200
    assert _consultations() == []


def test_a_supervisor_opening_a_queued_report_is_logged_as_supervisor_review(
    api_factory, officer, supervisor
):
    # Given a report waiting in the supervisor's queue
    report = submitted(officer)

    # When the supervisor opens it without giving a reason
    response = api_factory(supervisor).get(f"{ROOT}/{report.pk}")

    # Then they see it, and the consultation is logged with the review as its reason
    assert response.status_code == 200
    assert response.json()["conflicts"] == []
    assert _consultations() == [
        (supervisor.pk, "incident.report", str(report.pk), "supervisor review")
    ]


def test_a_supervisor_reading_a_report_no_longer_in_review_gives_a_reason(
    api_factory, officer, supervisor
):
    # Given an approved report: reading it is no longer the review
    report = approved(officer, supervisor)
    api = api_factory(supervisor)

    # When the supervisor opens it without, then with, a reason
    without = api.get(f"{ROOT}/{report.pk}")
    with_reason = api.get(f"{ROOT}/{report.pk}", {"reason": REASON})

    # Then the first is refused naming the field, the second is logged with the reason
    assert (without.status_code, without.json()["field"]) == (422, "reason")
    assert with_reason.status_code == 200
    assert _consultations() == [(supervisor.pk, "incident.report", str(report.pk), REASON)]


@pytest.mark.parametrize("reason", [None, "", "why"])
def test_an_auditor_must_give_a_real_reason(api_factory, officer, auditor, reason):
    report = submitted(officer)

    response = api_factory(auditor).get(
        f"{ROOT}/{report.pk}", {} if reason is None else {"reason": reason}
    )

    assert (response.status_code, response.json()["field"]) == (422, "reason")
    assert _consultations() == []


def test_a_draft_is_not_shown_to_the_supervisor(api_factory, officer, supervisor):
    report = draft(officer)

    response = api_factory(supervisor).get(f"{ROOT}/{report.pk}", {"reason": REASON})

    assert response.status_code == 404
    assert _consultations() == []


def test_the_review_queue_holds_my_teams_submissions_oldest_first_with_their_age(
    api_factory, officer, team_mate, supervisor, other_officer
):
    # Given submissions by two team mates (the older one second), a draft, an approved report,
    # the supervisor's own submission, and another team's submission
    newer = submitted(officer)
    older = submitted(team_mate)
    IncidentReport.objects.filter(pk=older.pk).update(
        submitted_at=older.submitted_at - timedelta(hours=2)
    )
    draft(officer)
    approved(officer, supervisor)
    submitted(supervisor)
    submitted(other_officer)

    # When the supervisor opens the queue
    response = api_factory(supervisor).get(f"{ROOT}/review-queue")

    # Then it holds the two team submissions, oldest first, with their age
    assert response.status_code == 200
    queue = response.json()
    assert [item["id"] for item in queue] == [str(older.pk), str(newer.pk)]
    assert queue[0]["age_seconds"] >= 2 * 3600
    assert queue[1]["age_seconds"] < 60
    assert queue[0]["status"] == "submitted"


@pytest.mark.parametrize("count", [1, 8])
def test_the_review_queue_takes_the_same_queries_however_long(
    api_factory, officer, supervisor, count
):
    for _ in range(count):
        submitted(officer)
    api = api_factory(supervisor)

    with CaptureQueriesContext(connection) as queries:
        response = api.get(f"{ROOT}/review-queue")

    assert len(response.json()) == count
    assert len(queries) == 2  # authentication, then the queue


@pytest.mark.parametrize("versions", [1, 2])
def test_a_report_takes_the_same_queries_however_many_versions(
    api_factory, officer, supervisor, versions
):
    report = submitted(officer) if versions == 1 else resubmitted(officer, supervisor)
    api = api_factory(officer)

    with CaptureQueriesContext(connection) as queries:
        response = api.get(f"{ROOT}/{report.pk}")

    assert len(response.json()["versions"]) == versions
    # authentication, the report, its versions, its decisions, the author's conflicts
    assert len(queries) == 5
