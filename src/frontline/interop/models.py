"""Retention review decisions, and the outbound notification outbox with its destinations."""

from django.db import models

from frontline.common.appendonly import AppendOnlyModel

RETAIN = "retain"
DISPOSE = "dispose"
DECISIONS = [(RETAIN, "Retain"), (DISPOSE, "Dispose")]

HTTP = "http"
DIRECTORY = "directory"
KINDS = [(HTTP, "HTTP endpoint"), (DIRECTORY, "Directory drop")]

CREATED = "created"
UPDATED = "updated"
DELETED = "deleted"
EVENTS = [CREATED, UPDATED, DELETED]

PENDING = "pending"
DELIVERED = "delivered"
DEAD = "dead"
STATUSES = [(PENDING, "Waiting"), (DELIVERED, "Delivered"), (DEAD, "Dead letter")]


class ReviewDecision(AppendOnlyModel):
    """One retention review of one record: retain until a next review, or dispose. Never changed.

    The latest decision for a record is the one in force; a later review adds a new row.
    """

    id = models.UUIDField(primary_key=True)
    record_type = models.CharField(max_length=60)
    record_id = models.UUIDField()
    decision = models.CharField(max_length=8, choices=DECISIONS)
    reason = models.CharField(max_length=500)
    next_review_on = models.DateField(null=True, blank=True, help_text="retain only")
    decided_by = models.ForeignKey("accounts.Officer", on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField()

    class Meta:
        ordering = ["-decided_at"]
        indexes = [models.Index(fields=["record_type", "record_id"], name="review_record")]

    def __str__(self) -> str:
        return f"{self.decision} {self.record_type} {self.record_id}"


class Destination(models.Model):
    """A force system that receives records: an HTTP endpoint or a directory drop.

    `cursor` is the change-feed seq up to which this destination's deliveries have been queued:
    the committed feed (sync.Change) is the outbox's source, read in seq (= commit) order.
    """

    id = models.UUIDField(primary_key=True)
    name = models.CharField(max_length=100, unique=True)
    kind = models.CharField(max_length=10, choices=KINDS)
    url = models.CharField(max_length=500, blank=True)
    secret = models.CharField(max_length=200, blank=True, help_text="HMAC-SHA256 signing key")
    client_cert = models.CharField(max_length=500, blank=True, help_text="mTLS: PEM file path")
    client_key = models.CharField(max_length=500, blank=True, help_text="mTLS: PEM file path")
    ca_bundle = models.CharField(max_length=500, blank=True, help_text="server CA: PEM file path")
    directory = models.CharField(max_length=500, blank=True)
    record_types = models.JSONField(default=list)
    events = models.JSONField(default=list)
    format = models.CharField(max_length=20)
    restricted = models.BooleanField(
        default=False,
        help_text="receives restricted content (e.g. an MG11's rear page); off unless chosen",
    )
    active = models.BooleanField(default=True)
    cursor = models.BigIntegerField(default=0)
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Delivery(models.Model):
    """One change to hand to one destination: retried with backoff until delivered or dead."""

    id = models.UUIDField(primary_key=True)
    destination = models.ForeignKey(
        Destination, on_delete=models.CASCADE, related_name="deliveries"
    )
    change_seq = models.BigIntegerField()
    record_type = models.CharField(max_length=60)
    record_id = models.UUIDField()
    event = models.CharField(max_length=10)
    status = models.CharField(max_length=10, choices=STATUSES, default=PENDING)
    attempts = models.IntegerField(default=0)
    next_attempt_at = models.DateTimeField()
    last_error = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField()
    delivered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["change_seq"]
        constraints = [
            models.UniqueConstraint(
                fields=["destination", "change_seq"], name="delivery_once_per_change"
            )
        ]
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="delivery_due")]

    def __str__(self) -> str:
        return f"{self.event} {self.record_type} {self.record_id} to {self.destination_id}"


class SubjectAccessSearch(AppendOnlyModel):
    """One subject access search: who looked for whom, why, and what was found (s62).

    The searched name is personal data held for the request itself; the audit trail refers to
    this row by id and never repeats the name.
    """

    id = models.UUIDField(primary_key=True)
    name = models.CharField(max_length=200)
    birth_date = models.DateField(null=True, blank=True)
    reason = models.CharField(max_length=500)
    searched_by = models.ForeignKey("accounts.Officer", on_delete=models.PROTECT, related_name="+")
    searched_at = models.DateTimeField()
    matches = models.JSONField(default=list, help_text="[record type, record id] found")

    class Meta:
        ordering = ["-searched_at"]

    def __str__(self) -> str:
        return f"subject access search {self.pk}"
