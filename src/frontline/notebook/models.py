"""The electronic pocket notebook: create-only, hash-chained entries, one chain per officer."""

from django.db import models

from frontline.common.appendonly import AppendOnlyModel

ENTRY = "entry"
CORRECTION = "correction"
SUPPLEMENT = "supplement"
SIGN_OFF = "sign_off"
INSPECTION = "inspection"

KINDS = [
    (ENTRY, "Entry"),
    (CORRECTION, "Correction"),
    (SUPPLEMENT, "Supplement"),
    (SIGN_OFF, "Sign-off"),
    (INSPECTION, "Supervisor inspection"),
]
# Kinds an officer writes in their own book; an inspection is written by a supervisor.
OFFICER_KINDS = {ENTRY, CORRECTION, SUPPLEMENT, SIGN_OFF}
# Kinds that must name the earlier entry they add to.
LINKED_KINDS = {CORRECTION, SUPPLEMENT}


class NotebookEntry(AppendOnlyModel):
    """One entry. Never updated or deleted: database triggers refuse both (migration 0002)."""

    id = models.UUIDField(primary_key=True, help_text="made on the device")
    # No index of its own: the unique (officer, seq) leads with it, and every entry writes here.
    officer = models.ForeignKey(
        "accounts.Officer",
        on_delete=models.PROTECT,
        related_name="notebook_entries",
        help_text="whose notebook",
        db_index=False,
    )
    # No index, nor on `device`: no query looks entries up by either, and each index cost every
    # pushed entry an insert and a few log pages (decision 4, thirteenth-session amendment).
    author = models.ForeignKey(
        "accounts.Officer",
        on_delete=models.PROTECT,
        related_name="+",
        help_text="who wrote it: the officer, or the inspecting supervisor",
        db_index=False,
    )
    seq = models.BigIntegerField(help_text="position in this officer's notebook, from 1")
    kind = models.CharField(max_length=12, choices=KINDS)
    occurred_at = models.DateTimeField(help_text="device clock: stored, never trusted")
    recorded_at = models.DateTimeField(help_text="server clock when the entry was received")
    text = models.TextField()
    supersedes = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="superseded_by"
    )
    device = models.ForeignKey(
        "accounts.Device",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,
    )
    app_version = models.CharField(max_length=40, blank=True)
    prev_hash = models.CharField(max_length=64)
    # Not indexed: nothing looks an entry up by its hash, the chain's order is held by its seq,
    # and a unique index on a random value costs every push a random index page per row
    # (decision 3, amendment of 2026-11-29).
    hash = models.CharField(max_length=64)

    class Meta:
        ordering = ["officer", "-seq"]
        constraints = [
            models.UniqueConstraint(
                fields=["officer", "seq"], name="notebook_seq_unique_per_officer"
            )
        ]
        verbose_name_plural = "notebook entries"

    def __str__(self) -> str:
        return f"{self.officer_id} #{self.seq} {self.kind}"


class NotebookHead(models.Model):
    """The tip of one officer's chain. Locked to append, so a chain never forks."""

    officer = models.OneToOneField(
        "accounts.Officer", primary_key=True, on_delete=models.PROTECT, related_name="+"
    )
    seq = models.BigIntegerField(default=0)
    hash = models.CharField(max_length=64)

    def __str__(self) -> str:
        return f"head at seq {self.seq}"
