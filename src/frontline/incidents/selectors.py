"""Reading incident reports. Fixed query counts: lists are one query, a report is four."""

from django.db.models import F, Prefetch, Q

from frontline.common.clock import now
from frontline.common.paging import page_size
from frontline.incidents import vocab
from frontline.incidents.models import IncidentReport, ReportReview, ReportVersion
from frontline.incidents.services import SUBMIT_SYNC_TYPE, SYNC_TYPE
from frontline.sync.conflicts import conflicts_open

SYNC_TYPES = (SYNC_TYPE, SUBMIT_SYNC_TYPE)


def incident_report_get(*, report_id) -> IncidentReport | None:
    return IncidentReport.objects.select_related("author").filter(pk=report_id).first()


def incident_reports_list(*, author, before=None, limit: int | None = None):
    """A page of the author's own reports, newest first, and whether older ones remain.
    `before` is the last report of the previous page: reports made in the same microsecond
    are ordered by id, so none is skipped or repeated across pages."""
    size = page_size(limit)
    query = IncidentReport.objects.filter(author=author).select_related("author")
    if before is not None:
        query = query.filter(
            Q(created_at__lt=before.created_at) | Q(created_at=before.created_at, id__lt=before.id)
        )
    rows = list(query.order_by("-created_at", "-id")[: size + 1])
    return rows[:size], len(rows) > size


def incident_review_queue(*, supervisor) -> list[IncidentReport]:
    """Reports of the supervisor's team waiting for review, oldest submission first, each with
    `age_seconds` since that submission. The supervisor's own reports go to another reviewer."""
    if supervisor.team_id is None:
        return []
    rows = list(
        IncidentReport.objects.filter(
            status__in=vocab.AWAITING_REVIEW, author__team_id=supervisor.team_id
        )
        .exclude(author=supervisor)
        .select_related("author")
        .order_by("submitted_at", "id")
    )
    at = now()
    for report in rows:
        report.age_seconds = int((at - report.submitted_at).total_seconds())
    return rows


def incident_report_detail(*, report, viewer) -> dict:
    """The report with its versions, decisions and, for its author, open sync conflicts."""
    versions = list(ReportVersion.objects.filter(report=report).order_by("number"))
    numbers = {version.pk: version.number for version in versions}
    reviews = list(
        ReportReview.objects.filter(report=report).select_related("reviewer").order_by("decided_at")
    )
    conflicts = (
        incident_conflicts_open(officer=viewer, report_id=report.pk)
        if viewer.pk == report.author_id
        else []
    )
    return {
        **report_summary(report),
        "content": report.content,
        "created_at": report.created_at,
        "versions": versions,
        "reviews": [review_row(review, numbers[review.version_id]) for review in reviews],
        "conflicts": conflicts,
    }


def incident_conflicts_open(*, officer, report_id=None) -> list:
    """Stale edits and submissions the sync engine kept for this officer, not yet resolved."""
    return conflicts_open(officer=officer, types=SYNC_TYPES, record_id=report_id)


def approved_versions_between(*, start, end) -> list[ReportVersion]:
    """The approved version of every report that began in [start, end), with its approval."""
    return list(
        ReportVersion.objects.filter(
            report__status=vocab.APPROVED,
            number=F("report__submitted_number"),
            report__occurred_from__gte=start,
            report__occurred_from__lt=end,
        )
        .select_related("report", "author")
        .prefetch_related(
            Prefetch(
                "reviews",
                queryset=ReportReview.objects.filter(decision="approved").select_related(
                    "reviewer"
                ),
                to_attr="approvals",
            )
        )
        .order_by("report__occurred_from", "report_id")
    )


def incident_reports_serialise(ids) -> dict:
    """Reports as devices pull them: the author's copy, with the supervisor's latest comments."""
    reports = IncidentReport.objects.filter(pk__in=ids).select_related("author")
    reports = reports.prefetch_related(
        Prefetch(
            "reviews",
            queryset=ReportReview.objects.select_related("reviewer", "version").order_by(
                "decided_at"
            ),
            to_attr="decisions",
        )
    )
    data = {}
    for report in reports:
        data[report.pk] = {
            "id": str(report.pk),
            "author_id": str(report.author_id),
            "status": report.status,
            "version": report.version,
            "submitted_number": report.submitted_number,
            "submitted_at": report.submitted_at.isoformat() if report.submitted_at else None,
            "content": report.content,
            "reviews": [
                {
                    "version_number": review.version.number,
                    "decision": review.decision,
                    "comments": review.comments,
                    "reviewer_collar_number": review.reviewer.collar_number,
                    "decided_at": review.decided_at.isoformat(),
                }
                for review in report.decisions
            ],
        }
    return data


def report_summary(report) -> dict:
    return {
        "id": report.pk,
        "author_id": report.author_id,
        "author_collar_number": report.author.collar_number,
        "status": report.status,
        "version": report.version,
        "category": report.category,
        "occurred_from": report.occurred_from,
        "submitted_number": report.submitted_number,
        "submitted_at": report.submitted_at,
        "updated_at": report.updated_at,
    }


def review_row(review, number: int) -> dict:
    return {
        "id": review.pk,
        "version_number": number,
        "decision": review.decision,
        "comments": review.comments,
        "reviewer_id": review.reviewer_id,
        "reviewer_collar_number": review.reviewer.collar_number,
        "decided_at": review.decided_at,
    }


def incident_report_form() -> dict:
    """The value lists of a report, for the officer app to cache. No query."""

    def choices(words: dict) -> list[dict]:
        return [{"value": value, "label": label} for value, label in words.items()]

    return {
        "crime_categories": choices(vocab.CRIME_CATEGORIES),
        "non_crime_categories": choices(vocab.NON_CRIME_CATEGORIES),
        "person_roles": choices(vocab.PERSON_ROLES),
        "object_kinds": choices(vocab.OBJECT_KINDS),
        "link_types": choices(vocab.LINK_TYPES),
        "statuses": choices(vocab.STATUSES),
        "editable_statuses": sorted(vocab.EDITABLE_STATUSES),
        "narrative_max": vocab.NARRATIVE_MAX,
    }


def incident_usage_rows(*, officer_ids, start, end) -> list[dict]:
    """First submissions by the officers in [start, end): when the incident began, when the
    report was submitted, where, on which device. One query; no narrative or people."""
    return list(
        ReportVersion.objects.filter(
            author_id__in=officer_ids, number=1, submitted_at__gte=start, submitted_at__lt=end
        ).values(
            "device_id",
            officer_id=F("author_id"),
            occurred_at=F("report__occurred_from"),
            received_at=F("submitted_at"),
            latitude=F("content__latitude"),
            longitude=F("content__longitude"),
        )
    )
