"""Incident reports: an editable draft, immutable submitted versions, and review decisions."""

from django.db import models

from frontline.common.appendonly import AppendOnlyModel
from frontline.incidents import vocab

DECISION_RETURNED = "returned"
DECISION_APPROVED = "approved"
DECISIONS = [(DECISION_RETURNED, "Returned"), (DECISION_APPROVED, "Approved")]


class IncidentReport(models.Model):
    """The report as its author is writing it: editable state with a version (sync lane EDITABLE).

    `version` counts every change to this row (edit, submission, return, approval), so an edit
    made against an older version is stale and becomes a sync conflict. `content` is the whole
    payload the officer app sends (see schemas.ReportContent); `category` and `occurred_from`
    are copies kept for lists and the export filter.
    """

    id = models.UUIDField(primary_key=True, help_text="made on the device")
    author = models.ForeignKey(
        "accounts.Officer", on_delete=models.PROTECT, related_name="incident_reports"
    )
    status = models.CharField(
        max_length=12, choices=list(vocab.STATUSES.items()), default=vocab.DRAFT
    )
    version = models.BigIntegerField(default=1)
    category = models.CharField(max_length=40)
    occurred_from = models.DateTimeField()
    content = models.JSONField()
    submitted_number = models.IntegerField(
        default=0, help_text="number of the latest submitted version; 0 while never submitted"
    )
    submitted_at = models.DateTimeField(null=True, blank=True, help_text="latest submission")
    created_at = models.DateTimeField()
    updated_at = models.DateTimeField()

    class Meta:
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["author", "-created_at"], name="incident_author_created"),
            models.Index(fields=["status", "submitted_at"], name="incident_status_submitted"),
        ]

    def __str__(self) -> str:
        return f"{self.category} by {self.author_id} ({self.status})"


class ReportVersion(AppendOnlyModel):
    """What the author submitted, frozen: never updated or deleted (trigger in migration 0002).

    Versions of one report form a hash chain (number 1, 2, …), so a changed snapshot shows.
    """

    id = models.UUIDField(primary_key=True)
    report = models.ForeignKey(IncidentReport, on_delete=models.PROTECT, related_name="versions")
    number = models.IntegerField()
    author = models.ForeignKey("accounts.Officer", on_delete=models.PROTECT, related_name="+")
    submitted_at = models.DateTimeField()
    content = models.JSONField()
    device = models.ForeignKey(
        "accounts.Device", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64, unique=True)

    class Meta:
        ordering = ["report", "number"]
        constraints = [
            models.UniqueConstraint(fields=["report", "number"], name="incident_version_once")
        ]

    def __str__(self) -> str:
        return f"{self.report_id} v{self.number}"


class ReportReview(AppendOnlyModel):
    """A supervisor's decision on one submitted version: returned (with comments) or approved."""

    id = models.UUIDField(primary_key=True)
    report = models.ForeignKey(IncidentReport, on_delete=models.PROTECT, related_name="reviews")
    version = models.ForeignKey(ReportVersion, on_delete=models.PROTECT, related_name="reviews")
    decision = models.CharField(max_length=10, choices=DECISIONS)
    comments = models.TextField(blank=True)
    reviewer = models.ForeignKey("accounts.Officer", on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField()

    class Meta:
        ordering = ["report", "decided_at"]
        constraints = [
            models.UniqueConstraint(fields=["version"], name="incident_one_decision_per_version")
        ]

    def __str__(self) -> str:
        return f"{self.decision} {self.version_id}"
