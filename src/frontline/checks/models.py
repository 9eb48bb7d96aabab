"""Reference data to check against (persons, vehicles, locations, markers), the search keys
derived from it, and the consultation log of every check made (DPA 2018 s62)."""

from django.db import models

from frontline.checks.reasons import REASONS
from frontline.common.ids import uuid7

SOURCE_ID_MAX = 64


class Marker(models.Model):
    """A warning marker, e.g. `VI` violent, `WE` weapons, `DG` dog on premises."""

    id = models.UUIDField(primary_key=True, default=uuid7, editable=False)
    source_id = models.CharField(max_length=SOURCE_ID_MAX, unique=True)
    code = models.CharField(max_length=8, unique=True)
    description = models.CharField(max_length=200)
    valid_from = models.DateField(null=True, blank=True)
    valid_to = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} {self.description}"


class Person(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid7, editable=False)
    source_id = models.CharField(max_length=SOURCE_ID_MAX, unique=True)
    given_name = models.CharField(max_length=100)
    family_name = models.CharField(max_length=100)
    date_of_birth = models.DateField(null=True, blank=True, db_index=True)
    gender = models.CharField(max_length=20, blank=True)
    addresses = models.JSONField(default=list, blank=True, help_text="a list of addresses")
    identifiers = models.JSONField(default=dict, blank=True, help_text='e.g. {"pnc": "01/123456X"}')
    wanted = models.BooleanField(default=False, db_index=True)
    missing = models.BooleanField(default=False, db_index=True)
    flag_note = models.CharField(max_length=300, blank=True, help_text="why wanted or missing")
    station = models.ForeignKey(
        "accounts.Station",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="the area: briefing packs carry wanted and missing persons of their area",
    )
    markers = models.ManyToManyField(Marker, through="PersonMarker", blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["family_name", "given_name"]

    def __str__(self) -> str:
        return f"{self.family_name.upper()}, {self.given_name}"


class PersonAlias(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid7, editable=False)
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="aliases")
    given_name = models.CharField(max_length=100, blank=True)
    family_name = models.CharField(max_length=100, blank=True)

    def __str__(self) -> str:
        return f"{self.family_name.upper()}, {self.given_name}"


class PersonMarker(models.Model):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="person_markers")
    marker = models.ForeignKey(Marker, on_delete=models.PROTECT, related_name="+")
    valid_from = models.DateField(null=True, blank=True)
    valid_to = models.DateField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["person", "marker"], name="person_marker_once")
        ]

    def __str__(self) -> str:
        return f"{self.marker_id} on {self.person_id}"


class PersonKey(models.Model):
    """A search key of a person's names (checks/names.py), with the birth year beside it so a
    name and year (or age range) is one index range scan."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+", db_index=False)
    key = models.CharField(max_length=24)
    birth_year = models.SmallIntegerField(null=True)

    class Meta:
        indexes = [
            models.Index(fields=["key", "birth_year", "person"], name="person_key_year"),
            models.Index(fields=["person"], name="person_key_person"),
        ]

    def __str__(self) -> str:
        return self.key


class Vehicle(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid7, editable=False)
    source_id = models.CharField(max_length=SOURCE_ID_MAX, unique=True)
    registration = models.CharField(max_length=12, help_text="as shown on the plate")
    plate = models.CharField(max_length=12, db_index=True, help_text="normal form: AB12CDE")
    plate_folded = models.CharField(max_length=12, help_text="O, I and S as 0, 1 and 5")
    plate_folded_reversed = models.CharField(max_length=12)
    make = models.CharField(max_length=60, blank=True)
    model = models.CharField(max_length=60, blank=True)
    colour = models.CharField(max_length=40, blank=True)
    keeper = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="vehicles"
    )
    stolen = models.BooleanField(default=False, db_index=True)
    no_insurance = models.BooleanField(default=False)
    no_mot = models.BooleanField(default=False)
    of_interest = models.BooleanField(default=False)
    flag_note = models.CharField(max_length=300, blank=True)
    station = models.ForeignKey(
        "accounts.Station", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["plate"]
        indexes = [
            models.Index(fields=["plate_folded"], name="vehicle_plate_folded"),
            models.Index(fields=["plate_folded_reversed"], name="vehicle_plate_reversed"),
        ]

    def __str__(self) -> str:
        return self.registration


class Location(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid7, editable=False)
    source_id = models.CharField(max_length=SOURCE_ID_MAX, unique=True)
    address = models.CharField(max_length=300)
    address_folded = models.CharField(max_length=300, help_text="lower case, for searching")
    postcode = models.CharField(max_length=10, blank=True)
    postcode_normal = models.CharField(max_length=8, blank=True, db_index=True)
    station = models.ForeignKey(
        "accounts.Station", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    markers = models.ManyToManyField(Marker, through="LocationMarker", blank=True)
    note = models.CharField(max_length=300, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["postcode_normal", "address"]

    def __str__(self) -> str:
        return f"{self.address}, {self.postcode}"


class LocationMarker(models.Model):
    location = models.ForeignKey(
        Location, on_delete=models.CASCADE, related_name="location_markers"
    )
    marker = models.ForeignKey(Marker, on_delete=models.PROTECT, related_name="+")
    valid_from = models.DateField(null=True, blank=True)
    valid_to = models.DateField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["location", "marker"], name="location_marker_once")
        ]

    def __str__(self) -> str:
        return f"{self.marker_id} at {self.location_id}"


class OfficerPersonalDetails(models.Model):
    """An officer's own date of birth, held only so misuse rules can spot self-checks."""

    officer = models.OneToOneField(
        "accounts.Officer", on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    date_of_birth = models.DateField()

    class Meta:
        verbose_name_plural = "officer personal details"

    def __str__(self) -> str:
        return f"details of {self.officer_id}"


KINDS = [("person", "Person"), ("vehicle", "Vehicle"), ("location", "Location")]
ORIGINS = [("online", "Online"), ("offline", "Offline briefing pack")]


class Check(models.Model):
    """One check: who, from which device, when, why, what was asked and how many results.

    Created once, never changed; each result opened adds a CheckOpen. The audit trail holds a
    consultation event for the check and for each opening, so the log is tamper-evident too.
    """

    id = models.UUIDField(primary_key=True, default=uuid7, editable=False)
    officer = models.ForeignKey("accounts.Officer", on_delete=models.PROTECT, related_name="+")
    device = models.ForeignKey(
        "accounts.Device", null=True, on_delete=models.PROTECT, related_name="+"
    )
    at = models.DateTimeField(db_index=True, help_text="server time the check was received")
    checked_at = models.DateTimeField(help_text="device clock, for offline checks")
    origin = models.CharField(max_length=10, choices=ORIGINS, default="online")
    kind = models.CharField(max_length=10, choices=KINDS)
    reason = models.CharField(max_length=20, choices=list(REASONS.items()))
    reason_text = models.CharField(max_length=300, blank=True)
    query = models.JSONField(help_text="what was asked, as entered")
    query_family_name = models.CharField(max_length=100, blank=True, help_text="folded")
    query_date_of_birth = models.DateField(null=True, blank=True)
    result_count = models.PositiveIntegerField()
    result_ids = models.JSONField(default=list, help_text="the ids returned, best first")
    linked_type = models.CharField(max_length=60, blank=True, help_text="e.g. incident.report")
    linked_id = models.UUIDField(null=True, blank=True)

    class Meta:
        ordering = ["-at"]
        indexes = [models.Index(fields=["officer", "at"], name="check_officer_at")]

    def __str__(self) -> str:
        return f"{self.kind} check {self.pk}"


class CheckOpen(models.Model):
    """A result the officer opened to see in full."""

    id = models.UUIDField(primary_key=True, default=uuid7, editable=False)
    check_made = models.ForeignKey(Check, on_delete=models.PROTECT, related_name="opens")
    object_type = models.CharField(max_length=20)
    object_id = models.UUIDField()
    at = models.DateTimeField()

    class Meta:
        indexes = [models.Index(fields=["object_type", "object_id"], name="check_open_object")]

    def __str__(self) -> str:
        return f"{self.object_type} {self.object_id} opened"


class BriefingPack(models.Model):
    """Wanted and missing persons and stolen vehicles of an officer's area, for offline use."""

    id = models.UUIDField(primary_key=True, default=uuid7, editable=False)
    officer = models.ForeignKey("accounts.Officer", on_delete=models.CASCADE, related_name="+")
    issued_at = models.DateTimeField()
    expires_at = models.DateTimeField()
    content = models.JSONField()
    withdrawn = models.BooleanField(default=False)

    class Meta:
        indexes = [models.Index(fields=["officer", "issued_at"], name="pack_officer_issued")]

    def __str__(self) -> str:
        return f"briefing pack {self.pk}"
