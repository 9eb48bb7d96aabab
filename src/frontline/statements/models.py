"""Witness statements (MG11): one row per signed statement, never changed after it is stored.

Drafts live only on the officer's device; the server receives a statement once it is signed, so
every row here is evidential and create-only (AppendOnlyModel, plus database triggers on
PostgreSQL from migration 0002). A further statement from the same witness is a new row that
names the first in `further_to`.
"""

from django.db import models

from frontline.common.appendonly import AppendOnlyModel

PREFERRED_CONTACTS = [
    ("phone", "Telephone"),
    ("email", "Email"),
    ("post", "Post"),
    ("in_person", "In person"),
]


class Statement(AppendOnlyModel):
    id = models.UUIDField(primary_key=True, help_text="made on the device")
    author = models.ForeignKey(
        "accounts.Officer",
        on_delete=models.PROTECT,
        related_name="statements",
        help_text="the officer who took the statement",
    )
    # Front of the form: what every reader of the statement sees.
    urn = models.CharField("URN", max_length=40, help_text="unique reference number of the case")
    witness_name = models.CharField("statement of", max_length=200)
    witness_age = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="only for a witness under 18; empty means over 18"
    )
    occupation = models.CharField(max_length=200, blank=True)
    text = models.TextField(help_text="in the witness's own words")
    signature_sha256 = models.CharField(
        max_length=64, help_text="the PNG of the witness's signature, uploaded as a blob"
    )
    signed_at = models.DateTimeField(help_text="when the witness signed (device clock)")
    witnessed_by = models.CharField(
        "signature witnessed by", max_length=200, blank=True, help_text="name, if any"
    )
    taken_by_name = models.CharField(max_length=200, help_text="officer, as at taking")
    taken_by_collar = models.CharField(max_length=16)
    taken_station = models.CharField(max_length=200, blank=True)
    taken_at = models.DateTimeField(help_text="when the statement was begun (device clock)")
    taken_place = models.CharField(max_length=200)
    further_to = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="further_statements",
        help_text="the earlier statement of the same witness this one adds to",
    )
    # Rear of the form: restricted witness details, never disclosed with the statement.
    address = models.CharField(max_length=500, blank=True)
    phone = models.CharField(max_length=30, blank=True)
    email = models.CharField(max_length=254, blank=True)
    birth_date = models.DateField(null=True, blank=True)
    birth_place = models.CharField(max_length=200, blank=True)
    preferred_contact = models.CharField(max_length=12, choices=PREFERRED_CONTACTS, blank=True)
    dates_unavailable = models.CharField(max_length=1000, blank=True)
    needs = models.CharField("needs and special measures", max_length=2000, blank=True)
    consent_victim_personal_statement = models.BooleanField(null=True, blank=True)
    consent_medical_records = models.BooleanField(null=True, blank=True)
    # Receipt.
    recorded_at = models.DateTimeField(help_text="server clock when the statement was received")
    device = models.ForeignKey(
        "accounts.Device", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    app_version = models.CharField(max_length=40, blank=True)
    content_hash = models.CharField(
        max_length=64, help_text="SHA-256 of the statement as signed: a resend must match it"
    )

    class Meta:
        ordering = ["-recorded_at", "-id"]
        indexes = [models.Index(fields=["author", "-recorded_at"], name="statement_author_recent")]

    def __str__(self) -> str:
        return f"MG11 {self.urn} of {self.witness_name}"
