"""Evidence items and their chain of custody.

An item is create-only (its metadata never changes). Its custody events are append-only and
hash-chained per item: the first event links to the item's own hash, each later one to the event
before it. `EvidenceHead` is the only mutable row: the tip of an item's chain, locked to append,
and whether the item's bytes have arrived.
"""

from django.db import models

from frontline.common.appendonly import AppendOnlyModel

CAPTURED = "captured"
RECEIVED = "received"
UPLOADED = "uploaded"
VIEWED = "viewed"
EXPORTED = "exported"

ACTIONS = [
    (CAPTURED, "Captured on the device"),
    (RECEIVED, "Received by the server"),
    (UPLOADED, "Bytes uploaded and verified"),
    (VIEWED, "Viewed"),
    (EXPORTED, "Exported"),
]


class EvidenceItem(AppendOnlyModel):
    """One photo or file, attached to one record. Never updated or deleted."""

    id = models.UUIDField(primary_key=True, help_text="made on the device")
    officer = models.ForeignKey(
        "accounts.Officer",
        on_delete=models.PROTECT,
        related_name="evidence_items",
        help_text="who captured it",
    )
    device = models.ForeignKey(
        "accounts.Device", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    sha256 = models.CharField(max_length=64, db_index=True, help_text="hashed on the device")
    media_type = models.CharField(max_length=100)
    size = models.BigIntegerField()
    filename = models.CharField(max_length=255, blank=True)
    captured_at = models.DateTimeField(help_text="device clock: stored, never trusted")
    received_at = models.DateTimeField(help_text="server clock when the item was received")
    description = models.TextField(blank=True)
    record_type = models.CharField(max_length=60, help_text="the sync type it is attached to")
    record_id = models.UUIDField()
    app_version = models.CharField(max_length=40, blank=True)
    hash = models.CharField(max_length=64, unique=True)

    class Meta:
        ordering = ["-received_at"]
        indexes = [models.Index(fields=["record_type", "record_id"], name="evidence_record")]

    def __str__(self) -> str:
        return f"evidence {self.pk} on {self.record_type} {self.record_id}"

    @property
    def is_image(self) -> bool:
        return self.media_type.startswith("image/")


class CustodyEvent(AppendOnlyModel):
    """One step in an item's chain of custody. Never updated or deleted."""

    item = models.ForeignKey(EvidenceItem, on_delete=models.PROTECT, related_name="custody")
    seq = models.BigIntegerField(help_text="position in this item's chain, from 1")
    action = models.CharField(max_length=12, choices=ACTIONS)
    at = models.DateTimeField(help_text="server clock, except `captured`: the device clock")
    actor = models.ForeignKey(
        "accounts.Officer", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    device = models.ForeignKey(
        "accounts.Device", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    reason = models.CharField(max_length=500, blank=True)
    detail = models.TextField(blank=True, help_text="canonical JSON")
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64, unique=True)

    class Meta:
        ordering = ["item", "seq"]
        constraints = [
            models.UniqueConstraint(fields=["item", "seq"], name="custody_seq_unique_per_item")
        ]

    def __str__(self) -> str:
        return f"{self.item_id} #{self.seq} {self.action}"


class EvidenceHead(models.Model):
    """The tip of one item's custody chain, and whether its bytes are held."""

    item = models.OneToOneField(
        EvidenceItem, primary_key=True, on_delete=models.PROTECT, related_name="head"
    )
    seq = models.BigIntegerField(default=0)
    hash = models.CharField(max_length=64)
    complete = models.BooleanField(default=False)

    def __str__(self) -> str:
        return f"head at seq {self.seq}"
