"""The append-only, hash-chained audit trail.

Every row's hash covers its own fields and the previous row's hash, so changing, removing or
re-ordering any row breaks the chain from that point. No code path updates or deletes a row, and
database triggers refuse it (see the 0002 migration).
"""

from django.db import models

from frontline.common.appendonly import AppendOnlyModel
from frontline.common.fields import SeqField

# Actions that are consultations or disclosures under DPA 2018 s62; each needs a justification.
CONSULTATION = "consultation"
DISCLOSURE = "disclosure"


class AuditEvent(AppendOnlyModel):
    seq = SeqField(primary_key=True, help_text="position in the chain, from 1, no gaps")
    at = models.DateTimeField()
    actor = models.ForeignKey(
        "accounts.Officer", null=True, on_delete=models.PROTECT, related_name="+", db_index=True
    )
    # No index: no query looks events up by device, and every event wrote one (decision 4,
    # thirteenth-session amendment).
    device = models.ForeignKey(
        "accounts.Device", null=True, on_delete=models.PROTECT, related_name="+", db_index=False
    )
    action = models.CharField(max_length=60, db_index=True)
    object_type = models.CharField(max_length=60)
    object_id = models.CharField(max_length=64)
    justification = models.CharField(max_length=500, blank=True)
    detail = models.TextField(blank=True, help_text="canonical JSON; never personal data")
    prev_hash = models.CharField(max_length=64)
    # Not indexed: nothing looks an event up by its hash, the chain's order is held by its seq,
    # and a unique index on a random value costs every push a random index page per row
    # (decision 3, amendment of 2026-11-29).
    hash = models.CharField(max_length=64)

    class Meta:
        ordering = ["seq"]
        indexes = [models.Index(fields=["object_type", "object_id"])]

    def __str__(self) -> str:
        return f"#{self.seq} {self.action} {self.object_type}:{self.object_id}"


class AuditHead(models.Model):
    """The tip of the chain: the last seq and hash. Locked to append, so the chain never forks."""

    chain = models.CharField(max_length=20, primary_key=True)
    seq = models.BigIntegerField(default=0)
    hash = models.CharField(max_length=64)

    def __str__(self) -> str:
        return f"head at seq {self.seq}"


class Disposal(AppendOnlyModel):
    """The tombstone of a record whose personal content was removed under a retention decision.

    It keeps what proves the record existed and what it held (the hashes in `proof`, e.g. a
    notebook entry's chain hash), the decision it was made under, and the audit event that
    recorded it. Chain verifiers accept a blanked row only when its tombstone is here.
    """

    id = models.UUIDField(primary_key=True)
    record_type = models.CharField(max_length=60)
    record_id = models.UUIDField()
    decision_id = models.UUIDField(help_text="the retention review decision it was made under")
    disposed_at = models.DateTimeField()
    disposed_by = models.ForeignKey("accounts.Officer", on_delete=models.PROTECT, related_name="+")
    proof = models.TextField(help_text="canonical JSON of the hashes that still prove the record")
    audit_seq = models.BigIntegerField(help_text="the audit event recording the disposal")

    class Meta:
        ordering = ["-disposed_at"]
        constraints = [
            models.UniqueConstraint(fields=["record_type", "record_id"], name="disposal_once")
        ]

    def __str__(self) -> str:
        return f"disposed {self.record_type} {self.record_id}"
