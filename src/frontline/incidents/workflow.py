"""A report's journey: submitted (a frozen, hash-chained version), returned, resubmitted, approved.

    draft --submit--> submitted --return--> returned --resubmit--> resubmitted --approve--> approved
                          \\------------------------approve-------------------/

Only the author submits; only a supervisor of the author's team returns (with comments) or
approves. Submitting freezes the content into a ReportVersion that nothing ever changes; a
decision is a ReportReview row plus a change of the report's status, never a change of a version.
"""

from dataclasses import dataclass

from django.db import transaction

from frontline.audit.services import audit_record
from frontline.common.clock import now
from frontline.common.errors import Conflict, NotFound, PermissionDenied
from frontline.common.hashing import GENESIS_HASH, canonical_json, canonical_time, chain_hash
from frontline.common.ids import uuid7
from frontline.incidents import access, vocab
from frontline.incidents.models import (
    DECISION_APPROVED,
    DECISION_RETURNED,
    IncidentReport,
    ReportReview,
    ReportVersion,
)
from frontline.incidents.rules import report_submission_check, review_comments_check
from frontline.incidents.services import (
    OBJECT_TYPE,
    report_changed,
    report_editable_check,
    report_for_author_update,
)

VERSION_TAG = "frontline-incident-version-v1"


@dataclass(frozen=True)
class SubmitResult:
    report: IncidentReport
    version: ReportVersion | None  # None when the submission was stale
    stale: bool = False


def report_version_fields(
    *, report_id, number, author_id, submitted_at, content, prev_hash
) -> list[str]:
    """The hashed fields of a submitted version, in their documented order."""
    return [
        report_id.hex,
        str(number),
        author_id.hex,
        canonical_time(submitted_at),
        canonical_json(content),
        prev_hash,
    ]


def report_version_hash(version: ReportVersion) -> str:
    """Recompute a version's hash from its stored fields (a changed snapshot will not match)."""
    return chain_hash(
        VERSION_TAG,
        report_version_fields(
            report_id=version.report_id,
            number=version.number,
            author_id=version.author_id,
            submitted_at=version.submitted_at,
            content=version.content,
            prev_hash=version.prev_hash,
        ),
    )


def incident_report_submit(*, officer, report_id, base_version: int, device=None) -> SubmitResult:
    """The author submits (or resubmits) the version they last read."""
    with transaction.atomic():
        report = report_for_author_update(officer=officer, report_id=report_id)
        if base_version != report.version:
            return SubmitResult(report=report, version=None, stale=True)
        report_editable_check(report)
        report_submission_check(report.content)
        previous = (
            ReportVersion.objects.filter(report=report).order_by("-number").only("hash").first()
        )
        number = report.submitted_number + 1
        submitted_at = now()
        prev_hash = previous.hash if previous else GENESIS_HASH
        digest = chain_hash(
            VERSION_TAG,
            report_version_fields(
                report_id=report.pk,
                number=number,
                author_id=officer.pk,
                submitted_at=submitted_at,
                content=report.content,
                prev_hash=prev_hash,
            ),
        )
        version = ReportVersion.objects.create(
            id=uuid7(),
            report=report,
            number=number,
            author=officer,
            submitted_at=submitted_at,
            content=report.content,
            device=device,
            prev_hash=prev_hash,
            hash=digest,
        )
        report.status = vocab.SUBMITTED if number == 1 else vocab.RESUBMITTED
        report.submitted_number = number
        report.submitted_at = submitted_at
        _bump(report, ["status", "submitted_number", "submitted_at"])
        audit_record(
            action="incidents.submit",
            object_type=OBJECT_TYPE,
            object_id=report.pk,
            actor=officer,
            device=device,
            detail={"version_number": number, "hash": digest, "version": report.version},
        )
    return SubmitResult(report=report, version=version)


def incident_report_return(*, supervisor, report_id, comments: str, device=None) -> ReportReview:
    """The author's supervisor sends the report back with what to change."""
    comments = review_comments_check(comments, required=True)
    return _decide(
        supervisor=supervisor,
        report_id=report_id,
        decision=DECISION_RETURNED,
        status=vocab.RETURNED,
        comments=comments,
        device=device,
    )


def incident_report_approve(
    *, supervisor, report_id, comments: str = "", device=None
) -> ReportReview:
    """The author's supervisor approves the version now submitted."""
    comments = review_comments_check(comments, required=False)
    return _decide(
        supervisor=supervisor,
        report_id=report_id,
        decision=DECISION_APPROVED,
        status=vocab.APPROVED,
        comments=comments,
        device=device,
    )


def _decide(*, supervisor, report_id, decision, status, comments, device) -> ReportReview:
    with transaction.atomic():
        report = (
            IncidentReport.objects.select_for_update(of=("self",))
            .select_related("author")
            .filter(pk=report_id)
            .first()
        )
        if report is None or not access.report_can_read(supervisor, report):
            raise NotFound("not_found", "no such report you may review", field="id")
        if not access.report_can_review(supervisor, report):
            raise PermissionDenied(
                "not_reviewer", "only a supervisor of the author's team may review this report"
            )
        if report.status not in vocab.AWAITING_REVIEW:
            raise Conflict(
                "not_awaiting_review",
                f"the report is {vocab.STATUSES[report.status].lower()}, not waiting for review",
                field="id",
            )
        version = ReportVersion.objects.get(report=report, number=report.submitted_number)
        review = ReportReview.objects.create(
            id=uuid7(),
            report=report,
            version=version,
            decision=decision,
            comments=comments,
            reviewer=supervisor,
            decided_at=now(),
        )
        report.status = status
        _bump(report, ["status"])
        audit_record(
            action=f"incidents.{'approve' if decision == DECISION_APPROVED else 'return'}",
            object_type=OBJECT_TYPE,
            object_id=report.pk,
            actor=supervisor,
            device=device,
            detail={
                "version_number": version.number,
                "hash": version.hash,
                "comments": comments,
                "version": report.version,
            },
        )
    return review


def _bump(report, fields: list[str]) -> None:
    report.version += 1
    report.updated_at = now()
    report.save(update_fields=[*fields, "version", "updated_at"])
    report_changed(report)
