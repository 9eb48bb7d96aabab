"""The review workflow: who may submit, return, approve and edit, in which state; versions are
frozen and hash-chained; a decision never changes a version."""

import pytest
from django.db import connection

from frontline.audit.models import AuditEvent
from frontline.common.appendonly import AppendOnlyError
from frontline.common.hashing import GENESIS_HASH
from frontline.incidents.models import IncidentReport, ReportReview, ReportVersion
from frontline.incidents.workflow import incident_report_approve, report_version_hash
from tests.incidents.helpers import (
    ROOT,
    approved,
    content,
    draft,
    resubmitted,
    returned,
    submitted,
)

STATES = {
    "draft": lambda officer, supervisor: draft(officer),
    "submitted": lambda officer, supervisor: submitted(officer),
    "returned": returned,
    "resubmitted": resubmitted,
    "approved": approved,
}

# Expected status for each action by each caller, per starting state:
#   draft submitted returned resubmitted approved
TRANSITIONS = """
action   caller            draft submitted returned resubmitted approved
submit   officer           200   409       200      409         409
submit   team_mate         404   404       404      404         404
submit   supervisor        404   403       403      403         403
submit   other_supervisor  404   404       404      404         404
submit   auditor           403   403       403      403         403
return   officer           403   403       403      403         403
return   team_mate         404   404       404      404         404
return   supervisor        404   200       409      200         409
return   other_supervisor  404   404       404      404         404
return   auditor           403   403       403      403         403
approve  officer           403   403       403      403         403
approve  team_mate         404   404       404      404         404
approve  supervisor        404   200       409      200         409
approve  other_supervisor  404   404       404      404         404
approve  auditor           403   403       403      403         403
edit     officer           200   409       200      409         409
edit     team_mate         404   404       404      404         404
edit     supervisor        404   403       403      403         403
edit     auditor           403   403       403      403         403
"""

AFTER = {"submit": {"draft": "submitted", "returned": "resubmitted"}, "return": "returned"}


def _cases():
    header, *rows = (line.split() for line in TRANSITIONS.strip().splitlines())
    for action, caller, *statuses in rows:
        for state, status in zip(header[2:], statuses, strict=True):
            yield pytest.param(action, caller, state, int(status), id=f"{action}-{caller}-{state}")


def _send(api, action, report):
    if action == "edit":
        body = {"base_version": report.version, **content(narrative="Changed.")}
        return api.request("PUT", f"{ROOT}/{report.pk}", body)
    body = {"submit": {"base_version": report.version}, "return": {"comments": "Add more."}}
    return api.post(f"{ROOT}/{report.pk}/{action}", body.get(action, {}))


def _expected_status(action, state):
    if action == "submit":
        return AFTER["submit"][state]
    if action == "return":
        return "returned"
    if action == "approve":
        return "approved"
    return state


@pytest.mark.parametrize(("action", "caller", "state", "expected"), list(_cases()))
def test_who_may_move_a_report_in_which_state(
    request, api_factory, officer, supervisor, action, caller, state, expected
):
    # Given a report by `officer` in the starting state
    report = STATES[state](officer, supervisor)
    report.refresh_from_db()
    api = api_factory(request.getfixturevalue(caller))
    before = (report.status, report.version, ReportVersion.objects.count())
    audit_before = AuditEvent.objects.count()

    # When the caller tries the action
    response = _send(api, action, report)

    # Then the status is the table's; success moves the report on, refusal changes nothing
    assert response.status_code == expected, response.content
    report.refresh_from_db()
    if expected == 200:
        assert report.status == _expected_status(action, state)
        assert report.version == before[1] + 1
    else:
        assert (report.status, report.version, ReportVersion.objects.count()) == before
        assert AuditEvent.objects.count() == audit_before


def test_refusals_say_why(api_factory, officer, supervisor):
    waiting = submitted(officer)
    done = approved(officer, supervisor)
    api = api_factory(officer)

    edit_waiting = _send(api, "edit", waiting).json()["error"]
    edit_done = _send(api, "edit", done).json()["error"]
    approve_again = _send(api_factory(supervisor), "approve", done).json()["error"]

    assert (edit_waiting, edit_done, approve_again) == (
        "awaiting_review",
        "approved",
        "not_awaiting_review",
    )


def test_returning_needs_comments(api_factory, officer, supervisor):
    report = submitted(officer)
    api = api_factory(supervisor)

    blank = api.post(f"{ROOT}/{report.pk}/return", {"comments": "   "})
    missing = api.post(f"{ROOT}/{report.pk}/return", {})

    assert (blank.status_code, blank.json()["field"]) == (422, "comments")
    assert (missing.status_code, missing.json()["field"]) == (422, "comments")
    report.refresh_from_db()
    assert report.status == "submitted"
    assert not ReportReview.objects.exists()


def test_a_supervisor_cannot_approve_their_own_report(api_factory, supervisor):
    report = submitted(supervisor)

    response = api_factory(supervisor).post(f"{ROOT}/{report.pk}/approve", {})

    assert response.status_code == 403
    assert response.json()["error"] == "not_reviewer"


def test_returned_then_approved_keeps_both_versions_and_the_comments(
    api_factory, officer, supervisor
):
    # Given a report submitted, returned with comments
    author, sergeant = api_factory(officer), api_factory(supervisor)
    report = submitted(officer)
    sergeant.post(f"{ROOT}/{report.pk}/return", {"comments": "Add the point of entry."})

    # When the author corrects it, resubmits, and the supervisor approves
    body = {"base_version": 3, **content(narrative="Rear door forced with a flat tool.")}
    author.request("PUT", f"{ROOT}/{report.pk}", body)
    author.post(f"{ROOT}/{report.pk}/submit", {"base_version": 4})
    approval = sergeant.post(f"{ROOT}/{report.pk}/approve", {"comments": "Good."})

    # Then two frozen versions hold what was submitted each time, with both decisions
    assert approval.status_code == 200
    assert approval.json()["version_number"] == 2
    detail = author.get(f"{ROOT}/{report.pk}").json()
    assert detail["status"] == "approved"
    assert [v["content"]["narrative"] for v in detail["versions"]] == [
        "Rear door forced; laptop taken.",
        "Rear door forced with a flat tool.",
    ]
    assert [(r["version_number"], r["decision"], r["comments"]) for r in detail["reviews"]] == [
        (1, "returned", "Add the point of entry."),
        (2, "approved", "Good."),
    ]
    actions = list(
        AuditEvent.objects.filter(object_id=str(report.pk))
        .exclude(action="consultation")
        .order_by("seq")
        .values_list("action", flat=True)
    )
    assert actions == [
        "incidents.create",
        "incidents.submit",
        "incidents.return",
        "incidents.update",
        "incidents.submit",
        "incidents.approve",
    ]


def test_versions_are_hash_chained_and_recomputable(officer, supervisor):
    report = resubmitted(officer, supervisor)

    first, second = ReportVersion.objects.filter(report=report).order_by("number")

    assert (first.number, second.number) == (1, 2)
    assert first.prev_hash == GENESIS_HASH
    assert second.prev_hash == first.hash
    assert [report_version_hash(v) for v in (first, second)] == [first.hash, second.hash]


def test_approval_does_not_change_the_version_row(officer, supervisor):
    report = submitted(officer)
    before = ReportVersion.objects.values().get(report=report)

    incident_report_approve(supervisor=supervisor, report_id=report.pk)

    assert ReportVersion.objects.values().get(report=report) == before
    assert IncidentReport.objects.get(pk=report.pk).status == "approved"


def test_a_submitted_version_cannot_be_changed_or_removed(officer):
    version = ReportVersion.objects.get(report=submitted(officer))

    version.content = {"narrative": "rewritten"}
    with pytest.raises(AppendOnlyError):
        version.save()
    with pytest.raises(AppendOnlyError):
        version.delete()
    with pytest.raises(AppendOnlyError):
        ReportVersion.objects.filter(pk=version.pk).update(content={})
    with pytest.raises(AppendOnlyError):
        ReportVersion.objects.filter(pk=version.pk).delete()
    assert report_version_hash(ReportVersion.objects.get(pk=version.pk)) == version.hash


def test_a_changed_snapshot_no_longer_matches_its_hash(officer):
    version = ReportVersion.objects.get(report=submitted(officer))

    version.content = {**version.content, "narrative": "rewritten"}

    assert report_version_hash(version) != version.hash


@pytest.mark.django_db(transaction=True)
def test_the_database_refuses_changes_to_versions_and_decisions(postgres_only, officer, supervisor):
    report = approved(officer, supervisor)

    for table in ("incidents_reportversion", "incidents_reportreview"):
        with pytest.raises(Exception, match="append-only"), connection.cursor() as cursor:
            cursor.execute(
                f"UPDATE {table} SET report_id = report_id WHERE report_id = %s", [str(report.pk)]
            )
