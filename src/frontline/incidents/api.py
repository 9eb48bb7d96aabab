"""Incident report endpoints: the author's drafts and submissions, the supervisor's review queue
and decisions, and the POLE export for auditors. Stale edits answer 409 with the server version.
"""

from uuid import UUID

from django.http import HttpResponse
from ninja import Query, Router, Schema, Status
from pydantic import AwareDatetime, Field

from frontline.audit.services import consultation_record
from frontline.common.errors import Conflict, NotFound, PermissionDenied
from frontline.incidents import access, pole, selectors, services, workflow
from frontline.incidents.schemas import (
    ApproveIn,
    ConflictPage,
    QueueItemOut,
    ReportContent,
    ReportCreateIn,
    ReportForm,
    ReportOut,
    ReportPage,
    ReportUpdateIn,
    ReturnIn,
    ReviewOut,
    SubmitIn,
)

router = Router(tags=["incidents"])


class IncidentPageQuery(Schema):
    before: UUID | None = Field(None, description="the last report of the previous page")
    limit: int | None = Field(None, ge=1, le=200)


class IncidentReasonQuery(Schema):
    reason: str | None = Field(None, max_length=500, description="why you are viewing it (s62)")


class IncidentExportQuery(Schema):
    start: AwareDatetime = Field(alias="from", description="reports that began at or after")
    end: AwareDatetime = Field(alias="to", description="reports that began before")
    reason: str = Field("", max_length=500, description="why the data is disclosed (s62)")
    recipient: str = Field("", max_length=200, description="to whom, if not the caller")


@router.post("", response={200: ReportOut, 201: ReportOut})
def report_create(request, body: ReportCreateIn, response: HttpResponse):
    """Start a draft. The same id and content again returns the stored report (200)."""
    content = ReportContent(**body.model_dump(exclude={"id"}))
    result = services.incident_report_create(
        officer=request.officer, report_id=body.id, content=content, device=request.device
    )
    return Status(201 if result.created else 200, _detail(request, result.report))


@router.get("", response=ReportPage)
def reports_list(request, page: Query[IncidentPageQuery]):
    """My reports, newest first."""
    before = None
    if page.before is not None:
        before = selectors.incident_report_get(report_id=page.before)
        if before is None or before.author_id != request.officer.pk:
            raise NotFound("not_found", "no such report of yours", field="before")
    reports, more = selectors.incident_reports_list(
        author=request.officer, before=before, limit=page.limit
    )
    return {
        "reports": [selectors.report_summary(report) for report in reports],
        "more": more,
        "next_before": reports[-1].pk if more and reports else None,
    }


@router.get("/review-queue", response=list[QueueItemOut])
def review_queue(request):
    """Submitted and resubmitted reports of my team, oldest first (supervisors)."""
    if not access.review_queue_can_read(request.officer):
        raise PermissionDenied("not_supervisor", "the review queue is for supervisors")
    queue = selectors.incident_review_queue(supervisor=request.officer)
    return [
        {**selectors.report_summary(report), "age_seconds": report.age_seconds} for report in queue
    ]


@router.get("/form", response=ReportForm)
def report_form(request):
    """The value lists the officer app caches to write a report offline."""
    return selectors.incident_report_form()


@router.get("/conflicts", response=ConflictPage)
def conflicts_list(request):
    """My stale edits and submissions, kept by sync until resolved: never silently dropped."""
    return {"conflicts": selectors.incident_conflicts_open(officer=request.officer)}


@router.get("/export/pole", response=dict)
def pole_export(request, query: Query[IncidentExportQuery]):
    """Approved reports that began in [from, to), as POLE JSON. Logged as a disclosure."""
    if not access.pole_export_can(request.officer):
        raise PermissionDenied("not_auditor", "the POLE export is for auditors and admins")
    return pole.incident_pole_export(
        viewer=request.officer,
        start=query.start,
        end=query.end,
        reason=query.reason,
        recipient=query.recipient,
        device=request.device,
    )


@router.get("/{report_id}", response=ReportOut)
def report_get(request, report_id: UUID, query: Query[IncidentReasonQuery]):
    """A report. Someone else's is a consultation: give `reason`, unless it waits in your
    review queue, where the review is the reason ("supervisor review")."""
    report = selectors.incident_report_get(report_id=report_id)
    if report is None or not access.report_can_read(request.officer, report):
        raise NotFound("not_found", "no such report you may read", field="report_id")
    if access.report_read_is_consultation(request.officer, report):
        reason = query.reason
        if not reason and access.report_is_in_review_queue_of(request.officer, report):
            reason = access.SUPERVISOR_REVIEW
        consultation_record(
            actor=request.officer,
            device=request.device,
            object_type=services.OBJECT_TYPE,
            object_id=report.pk,
            justification=reason or "",
        )
    return _detail(request, report)


@router.put("/{report_id}", response=ReportOut)
def report_update(request, report_id: UUID, body: ReportUpdateIn):
    """Edit my draft or returned report from `base_version`; a stale edit is refused (409)."""
    content = ReportContent(**body.model_dump(exclude={"base_version"}))
    result = services.incident_report_update(
        officer=request.officer,
        report_id=report_id,
        base_version=body.base_version,
        content=content,
        device=request.device,
    )
    if result.stale:
        raise _stale(result.report)
    return _detail(request, result.report)


@router.post("/{report_id}/submit", response=ReportOut)
def report_submit(request, report_id: UUID, body: SubmitIn):
    """Submit (or resubmit) the version I read: it is frozen as the next ReportVersion."""
    result = workflow.incident_report_submit(
        officer=request.officer,
        report_id=report_id,
        base_version=body.base_version,
        device=request.device,
    )
    if result.stale:
        raise _stale(result.report)
    return _detail(request, result.report)


@router.post("/{report_id}/return", response=ReviewOut)
def report_return(request, report_id: UUID, body: ReturnIn):
    """Send a report of my team back to its author with what to change (supervisors)."""
    review = workflow.incident_report_return(
        supervisor=request.officer,
        report_id=report_id,
        comments=body.comments,
        device=request.device,
    )
    return selectors.review_row(review, review.version.number)


@router.post("/{report_id}/approve", response=ReviewOut)
def report_approve(request, report_id: UUID, body: ApproveIn):
    """Approve the version a report of my team was submitted as (supervisors)."""
    review = workflow.incident_report_approve(
        supervisor=request.officer,
        report_id=report_id,
        comments=body.comments,
        device=request.device,
    )
    return selectors.review_row(review, review.version.number)


def _detail(request, report) -> dict:
    return selectors.incident_report_detail(report=report, viewer=request.officer)


def _stale(report) -> Conflict:
    error = Conflict(
        "stale_base_version",
        f"the report changed since you read it: it is now at version {report.version}",
        field="base_version",
    )
    error.headers["X-Server-Version"] = str(report.version)
    return error
