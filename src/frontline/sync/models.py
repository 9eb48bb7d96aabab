"""Sync bookkeeping: received mutations, the change feed, conflicts, blobs and uploads."""

import uuid

from django.db import models

from frontline.common.fields import SeqField

STATUS_APPLIED = "applied"
STATUS_DUPLICATE = "duplicate"
STATUS_CONFLICT = "conflict"
STATUS_REJECTED = "rejected"


class Mutation(models.Model):
    """One mutation received from a device, with the response it was given.

    The primary key (mutation id) and the (device, device_seq) constraint make a mutation take
    effect at most once; its effects and this row commit together, so a replay finds the row
    and gets the stored response back.
    """

    mutation_id = models.UUIDField(primary_key=True)
    # No index of its own: (device, device_seq) below leads with it, and every push writes here.
    device = models.ForeignKey(
        "accounts.Device", on_delete=models.PROTECT, related_name="+", db_index=False
    )
    device_seq = models.BigIntegerField()
    # No index: mutations are looked up by id or by device, never by officer, and every pushed
    # mutation wrote one (decision 4, thirteenth-session amendment).
    officer = models.ForeignKey(
        "accounts.Officer", on_delete=models.PROTECT, related_name="+", db_index=False
    )
    type = models.CharField(max_length=60)
    op = models.CharField(max_length=10)
    record_id = models.UUIDField()
    payload_hash = models.CharField(max_length=64)
    response = models.JSONField(default=dict)
    received_at = models.DateTimeField()
    app_version = models.CharField(max_length=40, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["device", "device_seq"], name="mutation_device_seq_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.type} {self.op} {self.record_id} (device seq {self.device_seq})"


class Change(models.Model):
    """The change feed that devices pull. `seq` follows commit order (see feed.change_record).

    `owner` and `team` say who may see it: the owner always; the team when scope is "team".
    """

    seq = SeqField(primary_key=True)
    type = models.CharField(max_length=60)
    record_id = models.UUIDField()
    op = models.CharField(max_length=10)  # upsert | delete
    version = models.BigIntegerField(default=1)
    # No index of its own: change_owner_seq leads with it, and every change writes here.
    owner = models.ForeignKey(
        "accounts.Officer", on_delete=models.PROTECT, related_name="+", db_index=False
    )
    # No index of its own: team pulls read change_team_scope_seq, and every change wrote one
    # (decision 4, thirteenth-session amendment).
    team = models.ForeignKey(
        "accounts.Team", null=True, on_delete=models.PROTECT, related_name="+", db_index=False
    )
    scope = models.CharField(max_length=10, default="owner")
    committed_at = models.DateTimeField()

    class Meta:
        indexes = [
            models.Index(fields=["owner", "seq"], name="change_owner_seq"),
            # Who a record belongs to, as the feed knows it (evidence attaches only to records
            # the officer may see): a lookup by record, not a scan of the feed.
            models.Index(fields=["record_id", "seq"], name="change_record_seq"),
            # Only team-scoped changes are pulled by team; the pull reads each index in seq
            # order and stops at the page's end (see selectors.sync_pull).
            models.Index(
                fields=["team", "seq"],
                name="change_team_scope_seq",
                condition=models.Q(scope="team"),
            ),
        ]

    def __str__(self) -> str:
        return f"#{self.seq} {self.op} {self.type} {self.record_id}"


class ChangeHead(models.Model):
    """Tip of the change feed. Locked to append, so seq order is commit order.

    `pruned_through`: tombstones at or below this seq were removed; older cursors must reset.
    """

    name = models.CharField(max_length=20, primary_key=True)
    seq = models.BigIntegerField(default=0)
    pruned_through = models.BigIntegerField(default=0)

    def __str__(self) -> str:
        return f"change feed at {self.seq}"


class Conflict(models.Model):
    """A stale write to editable state: kept, flagged and shown to a person, never dropped."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    mutation_id = models.UUIDField(unique=True)
    type = models.CharField(max_length=60)
    record_id = models.UUIDField()
    officer = models.ForeignKey("accounts.Officer", on_delete=models.PROTECT, related_name="+")
    device = models.ForeignKey("accounts.Device", on_delete=models.PROTECT, related_name="+")
    base_version = models.BigIntegerField(null=True)
    server_version = models.BigIntegerField(null=True)
    payload = models.JSONField()
    created_at = models.DateTimeField()
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        "accounts.Officer", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    def __str__(self) -> str:
        return f"conflict on {self.type} {self.record_id}"


class Blob(models.Model):
    """A file held by content: its SHA-256 is its name. Counts only once the hash is verified."""

    sha256 = models.CharField(max_length=64, primary_key=True)
    size = models.BigIntegerField()
    media_type = models.CharField(max_length=100)
    complete = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    completed_at = models.DateTimeField(null=True, blank=True)
    completed_by = models.ForeignKey(
        "accounts.Device", null=True, on_delete=models.PROTECT, related_name="+"
    )

    def __str__(self) -> str:
        return f"blob {self.sha256[:12]} ({self.size} bytes)"


class Upload(models.Model):
    """One device's upload of a blob. Each device resumes only its own bytes, so nobody can
    spoil another device's upload by sending wrong bytes at the same offset."""

    blob = models.ForeignKey(Blob, on_delete=models.CASCADE, related_name="uploads")
    device = models.ForeignKey("accounts.Device", on_delete=models.PROTECT, related_name="+")
    received = models.BigIntegerField(default=0)
    started_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["blob", "device"], name="upload_once_per_device")
        ]

    def __str__(self) -> str:
        return f"upload of {self.blob_id[:12]} by {self.device_id}"


class MediaWait(models.Model):
    """A record that arrived before one of its blobs."""

    type = models.CharField(max_length=60)
    record_id = models.UUIDField()
    sha256 = models.CharField(max_length=64, db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["type", "record_id", "sha256"], name="media_wait_once")
        ]

    def __str__(self) -> str:
        return f"{self.type} {self.record_id} awaits {self.sha256[:12]}"
