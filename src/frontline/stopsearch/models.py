"""The stop and search record (PACE Code A): create-only; a correction is a new record."""

from django.db import models

from frontline.common.appendonly import AppendOnlyModel
from frontline.stopsearch import vocab


def _choices(values) -> list[tuple[str, str]]:
    return [(value, value) for value in values]


class StopSearch(AppendOnlyModel):
    """One search. Never updated or deleted: database triggers refuse both (migration 0002)."""

    id = models.UUIDField(primary_key=True, help_text="made on the device")
    urn = models.CharField(
        "unique reference number", max_length=24, unique=True, help_text="made on the device"
    )
    receipt_token = models.CharField(
        max_length=64, unique=True, help_text="unguessable: the receipt link, made on the device"
    )
    officer = models.ForeignKey(
        "accounts.Officer",
        on_delete=models.PROTECT,
        related_name="stop_searches",
        help_text="the searching officer, who made the record",
    )
    station = models.ForeignKey(
        "accounts.Station", null=True, on_delete=models.PROTECT, related_name="+"
    )
    team = models.ForeignKey(
        "accounts.Team",
        null=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="the officer's team when the search was recorded: its supervisors may read it",
    )
    officer_name_withheld = models.BooleanField(default=False)
    type = models.CharField(max_length=32, choices=_choices(vocab.SEARCH_TYPES))
    occurred_at = models.DateTimeField(help_text="device clock: stored, never trusted")
    recorded_at = models.DateTimeField(help_text="server clock when the record was received")
    latitude = models.DecimalField(max_digits=9, decimal_places=6, null=True)
    longitude = models.DecimalField(max_digits=9, decimal_places=6, null=True)
    street_name = models.CharField(max_length=200)
    operation = models.BooleanField(default=False)
    operation_name = models.CharField(max_length=120, blank=True)
    gender = models.CharField(max_length=8, blank=True, choices=_choices(vocab.GENDERS))
    age_range = models.CharField(max_length=10, blank=True, choices=_choices(vocab.AGE_RANGES))
    self_defined_ethnicity = models.CharField(
        max_length=2, blank=True, choices=list(vocab.SELF_DEFINED_ETHNICITY.items())
    )
    officer_defined_ethnicity = models.CharField(
        max_length=8, blank=True, choices=_choices(vocab.OFFICER_DEFINED_ETHNICITIES)
    )
    legislation = models.CharField(max_length=80, choices=_choices(vocab.LEGISLATION))
    object_of_search = models.CharField(max_length=60, choices=_choices(vocab.OBJECTS_OF_SEARCH))
    grounds = models.TextField(blank=True)
    authorisation_reference = models.CharField(max_length=60, blank=True)
    vehicle_registration = models.CharField(max_length=10, blank=True)
    outcome = models.CharField(max_length=40, choices=_choices(vocab.OUTCOMES))
    outcome_linked_to_object_of_search = models.BooleanField(null=True)
    removal_of_more_than_outer_clothing = models.BooleanField(null=True)
    person_name = models.CharField(max_length=120, blank=True)
    person_address = models.CharField(max_length=250, blank=True)
    person_date_of_birth = models.DateField(null=True)
    supersedes = models.ForeignKey(
        "self", null=True, on_delete=models.PROTECT, related_name="superseded_by"
    )
    device = models.ForeignKey(
        "accounts.Device", null=True, on_delete=models.PROTECT, related_name="+"
    )
    app_version = models.CharField(max_length=40, blank=True)

    class Meta:
        ordering = ["-occurred_at", "-id"]
        indexes = [models.Index(fields=["occurred_at"], name="stopsearch_occurred_at")]
        verbose_name = "stop and search"
        verbose_name_plural = "stops and searches"

    def __str__(self) -> str:
        return self.urn
