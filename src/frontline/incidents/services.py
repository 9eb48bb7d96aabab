"""Writing incident drafts: create and edit. Submission and review live in workflow.py."""

from dataclasses import dataclass

from django.db import IntegrityError, transaction

from frontline.audit.services import audit_record
from frontline.common.clock import now
from frontline.common.errors import Conflict, NotFound, PermissionDenied
from frontline.incidents import access, vocab
from frontline.incidents.models import IncidentReport
from frontline.incidents.rules import report_content_check
from frontline.sync.feed import change_record

SYNC_TYPE = "incident.report"
SUBMIT_SYNC_TYPE = "incident.submit"
OBJECT_TYPE = "incident.report"


@dataclass(frozen=True)
class ReportResult:
    report: IncidentReport
    created: bool = True  # False when the same report had already been received
    stale: bool = False  # True when the edit started from an older version: nothing was written


def incident_report_create(*, officer, report_id, content, device=None) -> ReportResult:
    """An officer starts a draft. Idempotent by report id and content."""
    if not access.report_can_write(officer):
        raise PermissionDenied("not_an_officer", "only officers write incident reports")
    stored = report_content_check(content)
    with transaction.atomic():
        at = now()
        try:
            with transaction.atomic():
                report = IncidentReport.objects.create(
                    id=report_id,
                    author=officer,
                    category=stored["category"],
                    occurred_from=content.occurred_from,
                    content=stored,
                    created_at=at,
                    updated_at=at,
                )
        except IntegrityError:
            existing = IncidentReport.objects.filter(pk=report_id).first()
            if existing is None:
                raise
            if existing.author_id == officer.pk and existing.content == stored:
                return ReportResult(report=existing, created=False)
            raise Conflict(
                "id_reused", "a report with this id already exists with other content", field="id"
            ) from None
        report_changed(report)
        audit_record(
            action="incidents.create",
            object_type=OBJECT_TYPE,
            object_id=report.pk,
            actor=officer,
            device=device,
            detail={"version": report.version, "category": report.category},
        )
    return ReportResult(report=report)


def incident_report_update(
    *, officer, report_id, base_version: int, content, device=None
) -> ReportResult:
    """The author edits a draft or a returned report, starting from `base_version`.

    A stale edit writes nothing and comes back with `stale=True`: through sync it is kept as a
    conflict for the officer to see; through the API it is a 409 with the server's version.
    """
    stored = report_content_check(content)
    with transaction.atomic():
        report = report_for_author_update(officer=officer, report_id=report_id)
        if base_version != report.version:
            return ReportResult(report=report, created=False, stale=True)
        report_editable_check(report)
        report.content = stored
        report.category = stored["category"]
        report.occurred_from = content.occurred_from
        report.version += 1
        report.updated_at = now()
        report.save(update_fields=["content", "category", "occurred_from", "version", "updated_at"])
        report_changed(report)
        audit_record(
            action="incidents.update",
            object_type=OBJECT_TYPE,
            object_id=report.pk,
            actor=officer,
            device=device,
            detail={"version": report.version},
        )
    return ReportResult(report=report, created=False)


def report_for_author_update(*, officer, report_id) -> IncidentReport:
    """Lock the author's report. Someone who may read it but did not write it is refused; anyone
    else is told it does not exist, so ids cannot be probed."""
    report = (
        IncidentReport.objects.select_for_update(of=("self",))
        .select_related("author")
        .filter(pk=report_id)
        .first()
    )
    if report is None or not access.report_can_read(officer, report):
        raise NotFound("not_found", "no such report of yours", field="id")
    if report.author_id != officer.pk:
        raise PermissionDenied("not_author", "only the author may change or submit a report")
    return report


def report_editable_check(report) -> None:
    if report.status == vocab.APPROVED:
        raise Conflict(
            "approved",
            "an approved report cannot be changed: write a new report as a supplement",
            field="id",
        )
    if report.status not in vocab.EDITABLE_STATUSES:
        raise Conflict(
            "awaiting_review",
            "the report is waiting for review: it can be changed only if it is returned",
            field="id",
        )


def report_changed(report) -> None:
    """Put the report on the change feed for its author's devices (call before audit_record)."""
    change_record(
        type=SYNC_TYPE,
        record_id=report.pk,
        owner_id=report.author_id,
        team_id=report.author.team_id,
        version=report.version,
    )
