"""The supervisor's review queue in the back office: the queue, opening a report, and the
return and approve decisions behind CSRF."""

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from frontline.audit.models import AuditEvent
from frontline.incidents.models import IncidentReport, ReportReview
from tests.incidents.helpers import REASON, approved, draft, submitted
from tests.office.test_pages import csrf_token_from, signed_in

QUEUE = "/office/incidents/"


def _page(report):
    return f"{QUEUE}{report.pk}/"


def test_the_queue_page_lists_my_teams_submissions(officer, supervisor, other_officer):
    mine = submitted(officer)
    draft(officer)
    elsewhere = submitted(other_officer)

    response = signed_in(supervisor).get(QUEUE)

    assert response.status_code == 200
    page = response.content.decode()
    assert _page(mine) in page
    assert _page(elsewhere) not in page


def test_the_queue_page_is_for_supervisors(officer, auditor):
    assert signed_in(officer).get(QUEUE).status_code == 403
    assert signed_in(auditor).get(QUEUE).status_code == 403
    assert Client().get(QUEUE).status_code == 302


def test_the_queue_page_takes_the_same_queries_however_long(officer, team_mate, supervisor):
    client = signed_in(supervisor)
    counts = []
    for author in (officer, team_mate, officer, team_mate):
        submitted(author)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(QUEUE).status_code == 200
        counts.append(len(queries))

    assert len(set(counts)) == 1, counts


def test_opening_a_queued_report_is_logged_as_supervisor_review(officer, supervisor):
    report = submitted(officer)

    response = signed_in(supervisor).get(_page(report))

    assert response.status_code == 200
    assert "Return to officer" in response.content.decode()
    consultation = AuditEvent.objects.get(action="consultation")
    assert (consultation.actor_id, consultation.justification) == (
        supervisor.pk,
        "supervisor review",
    )


def test_opening_a_report_outside_review_asks_for_a_reason_first(officer, supervisor, auditor):
    report = approved(officer, supervisor)
    client = signed_in(auditor)

    asked = client.get(_page(report))
    refused = client.post(_page(report), {"reason": "why"})
    shown = client.post(_page(report), {"reason": REASON})

    assert asked.status_code == 200
    assert "Why are you viewing this report?" in asked.content.decode()
    assert refused.status_code == 422
    assert shown.status_code == 200
    assert "Return to officer" not in shown.content.decode()
    assert list(
        AuditEvent.objects.filter(action="consultation").values_list("justification", flat=True)
    ) == [REASON]


def test_a_report_another_team_wrote_is_not_found(officer, other_supervisor):
    report = submitted(officer)

    response = signed_in(other_supervisor).get(_page(report))

    assert response.status_code == 404
    assert not AuditEvent.objects.filter(action="consultation").exists()


def test_returning_without_the_csrf_token_is_refused(officer, supervisor):
    report = submitted(officer)
    client = Client(enforce_csrf_checks=True)
    client.force_login(supervisor)

    response = client.post(f"{_page(report)}return/", {"comments": "Add the point of entry."})

    assert response.status_code == 403
    assert IncidentReport.objects.get(pk=report.pk).status == "submitted"


def test_returning_with_the_form_sends_it_back_with_the_comments(officer, supervisor):
    # Given the supervisor on a queued report's page, with its CSRF token
    report = submitted(officer)
    client = Client(enforce_csrf_checks=True)
    client.force_login(supervisor)
    token = csrf_token_from(client.get(_page(report)))

    # When they return it with comments
    response = client.post(
        f"{_page(report)}return/",
        {"comments": "Add the point of entry.", "csrfmiddlewaretoken": token},
    )

    # Then it is returned, and they are back at the queue
    assert response.status_code == 302
    assert response["Location"] == QUEUE
    review = ReportReview.objects.get()
    assert (review.decision, review.comments) == ("returned", "Add the point of entry.")


def test_returning_without_comments_is_refused(officer, supervisor):
    report = submitted(officer)

    response = signed_in(supervisor).post(f"{_page(report)}return/", {"comments": " "})

    assert response.status_code == 422
    assert not ReportReview.objects.exists()


def test_approving_with_the_form(officer, supervisor):
    report = submitted(officer)

    response = signed_in(supervisor).post(f"{_page(report)}approve/", {})

    assert response.status_code == 302
    assert IncidentReport.objects.get(pk=report.pk).status == "approved"


def test_a_supervisor_of_another_team_cannot_decide(officer, other_supervisor):
    report = submitted(officer)

    response = signed_in(other_supervisor).post(f"{_page(report)}approve/", {})

    assert response.status_code == 404
    assert IncidentReport.objects.get(pk=report.pk).status == "submitted"
