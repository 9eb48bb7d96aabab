"""The device fleet: the catalogue of models, the register, its lifecycle events, enrolments,
check-ins, wipe confirmations, compliance policy and kit profiles."""

import uuid

from django.db import models

from frontline.devices import lifecycle

PLATFORMS = [
    ("ios", "iOS"),
    ("android", "Android"),
    ("windows", "Windows"),
    ("chromeos", "ChromeOS"),
]
FORM_FACTORS = [
    ("phone", "Phone"),
    ("tablet", "Tablet"),
    ("rugged_tablet", "Rugged tablet"),
    ("rugged_phone", "Rugged phone"),
    ("laptop", "Laptop"),
    ("two_in_one", "2-in-1"),
]


class DeviceModel(models.Model):
    """An entry in the catalogue: a make and model the force buys."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    make = models.CharField(max_length=60)
    name = models.CharField("model", max_length=80)
    platform = models.CharField(max_length=10, choices=PLATFORMS)
    form_factor = models.CharField(max_length=20, choices=FORM_FACTORS)
    unit_cost_pence = models.PositiveIntegerField()
    accessories_cost_pence = models.PositiveIntegerField(default=0)
    expected_life_months = models.PositiveIntegerField()
    security_updates_end = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["make", "name"]
        constraints = [
            models.UniqueConstraint(fields=["make", "name"], name="device_model_unique_name")
        ]

    def __str__(self) -> str:
        return f"{self.make} {self.name}"


class FleetDevice(models.Model):
    """One physical device in the register. Its status changes only through lifecycle events."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    asset_tag = models.CharField(max_length=32, unique=True)
    serial_number = models.CharField(max_length=64, unique=True)
    imei = models.CharField("IMEI", max_length=15, null=True, blank=True, unique=True)
    model = models.ForeignKey(DeviceModel, on_delete=models.PROTECT, related_name="devices")
    os_version = models.CharField("OS version", max_length=40, blank=True)
    purchase_date = models.DateField(null=True, blank=True)
    purchase_cost_pence = models.PositiveIntegerField(null=True, blank=True)
    supplier = models.CharField(max_length=120, blank=True)
    warranty_end = models.DateField(null=True, blank=True)
    station = models.ForeignKey(
        "accounts.Station", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    assigned_officer = models.ForeignKey(
        "accounts.Officer",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="fleet_devices",
    )
    status = models.CharField(
        max_length=12,
        choices=list(lifecycle.STATE_LABELS.items()),
        default=lifecycle.IN_STOCK,
    )
    issued_out_of_profile = models.BooleanField(default=False)
    replaced_by = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="replaces"
    )
    data_sanitised_at = models.DateTimeField(null=True, blank=True)
    received_at = models.DateTimeField()
    out_of_service_at = models.DateTimeField(
        null=True, blank=True, help_text="when it was retired (for annualised rates)"
    )
    # The latest check-in, denormalised so lists and the dashboard never scan check-ins.
    last_contact_at = models.DateTimeField(null=True, blank=True)
    last_app_version = models.CharField(max_length=40, blank=True)
    last_os = models.CharField(max_length=40, blank=True)
    last_free_storage_mb = models.PositiveIntegerField(null=True, blank=True)
    last_battery_percent = models.PositiveSmallIntegerField(null=True, blank=True)
    last_sync_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["asset_tag"]
        indexes = [
            models.Index(fields=["status", "asset_tag"]),
            models.Index(fields=["station", "status"]),
            models.Index(fields=["assigned_officer"]),
            models.Index(fields=["last_contact_at"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(status=lifecycle.ISSUED, assigned_officer__isnull=False)
                    | (~models.Q(status=lifecycle.ISSUED) & models.Q(assigned_officer__isnull=True))
                ),
                name="fleet_device_issued_iff_assigned",
            ),
            models.CheckConstraint(
                condition=~models.Q(status=lifecycle.DISPOSED)
                | models.Q(data_sanitised_at__isnull=False),
                name="fleet_device_disposed_only_sanitised",
            ),
        ]

    def __str__(self) -> str:
        return self.asset_tag


class LifecycleEvent(models.Model):
    """Who did what to a device, when and why. Append-only history."""

    id = models.BigAutoField(primary_key=True)
    device = models.ForeignKey(FleetDevice, on_delete=models.PROTECT, related_name="events")
    event = models.CharField(max_length=20, choices=[(e, e) for e in lifecycle.EVENTS])
    from_status = models.CharField(max_length=12, blank=True)
    to_status = models.CharField(max_length=12)
    at = models.DateTimeField()
    actor = models.ForeignKey(
        "accounts.Officer", null=True, on_delete=models.PROTECT, related_name="+"
    )
    reason = models.CharField(max_length=500)
    officer = models.ForeignKey(
        "accounts.Officer",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="device_events",
        help_text="the officer the device was issued to or returned by",
    )
    replacement = models.ForeignKey(
        FleetDevice, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    out_of_profile = models.BooleanField(default=False)

    class Meta:
        ordering = ["at", "id"]
        indexes = [
            models.Index(fields=["device", "at"]),
            models.Index(fields=["officer", "at"]),
            models.Index(fields=["event", "at"]),
        ]

    def __str__(self) -> str:
        return f"{self.device_id} {self.event} at {self.at:%Y-%m-%d %H:%M}"


class DeviceEnrolment(models.Model):
    """An enrolment code issued for one register entry: the install that spends the code is
    bound to that device (accounts.EnrolmentCode.device)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    fleet_device = models.ForeignKey(
        FleetDevice, on_delete=models.PROTECT, related_name="enrolments"
    )
    code = models.OneToOneField(
        "accounts.EnrolmentCode", on_delete=models.PROTECT, related_name="fleet_enrolment"
    )

    def __str__(self) -> str:
        return f"enrolment of {self.fleet_device_id}"


class CheckIn(models.Model):
    """What an app install reported after a successful sync. Narrow rows, integer keys: a year of
    daily check-ins for 20,000 devices is 7.3M rows."""

    id = models.BigAutoField(primary_key=True)
    install = models.ForeignKey("accounts.Device", on_delete=models.PROTECT, related_name="+")
    fleet_device = models.ForeignKey(
        FleetDevice, null=True, on_delete=models.PROTECT, related_name="check_ins"
    )
    at = models.DateTimeField()
    app_version = models.CharField(max_length=40)
    os = models.CharField(max_length=40)
    # Null when the browser does not tell (Safari exposes no battery level).
    free_storage_mb = models.PositiveIntegerField(null=True)
    battery_percent = models.PositiveSmallIntegerField(null=True)
    last_sync_at = models.DateTimeField()

    class Meta:
        indexes = [
            models.Index(fields=["fleet_device", "at"]),
            models.Index(fields=["install", "at"], name="checkin_install_at"),
        ]

    def __str__(self) -> str:
        return f"check-in of {self.install_id} at {self.at:%Y-%m-%d %H:%M}"


class WipeConfirmation(models.Model):
    """A revoked install confirmed that it wiped itself, with what the server knew was unsynced."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    install = models.OneToOneField(
        "accounts.Device", on_delete=models.PROTECT, related_name="wipe_confirmation"
    )
    fleet_device = models.ForeignKey(
        FleetDevice, null=True, on_delete=models.PROTECT, related_name="wipe_confirmations"
    )
    confirmed_at = models.DateTimeField()
    device_reported = models.JSONField(default=dict, help_text="what the app said it dropped")
    server_unsynced = models.JSONField(default=dict, help_text="what the server knew was missing")

    def __str__(self) -> str:
        return f"wipe of {self.install_id} at {self.confirmed_at:%Y-%m-%d %H:%M}"


class CompliancePolicy(models.Model):
    """The force's compliance rules. One row; created with these defaults on first use."""

    id = models.PositiveSmallIntegerField(primary_key=True, default=1, editable=False)
    minimum_app_version = models.CharField(max_length=40, default="1.0.0")
    contact_within_days = models.PositiveIntegerField(
        default=7, help_text="a device in service must check in at least this often"
    )
    silent_after_days = models.PositiveIntegerField(
        default=3, help_text="an issued device silent this long is flagged 'assigned but silent'"
    )
    unassigned_active_days = models.PositiveIntegerField(
        default=2, help_text="an unissued device in contact within this many days is flagged"
    )

    class Meta:
        verbose_name_plural = "compliance policy"

    def __str__(self) -> str:
        return "compliance policy"


class KitProfile(models.Model):
    """What a policing role is issued: device models and accessories."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    role = models.CharField(max_length=60, unique=True, help_text="e.g. Response, Custody, CID")
    device_models = models.ManyToManyField(DeviceModel, related_name="kit_profiles", blank=True)
    accessories = models.JSONField(default=list, blank=True, help_text="e.g. ['rugged case']")

    class Meta:
        ordering = ["role"]

    def __str__(self) -> str:
        return self.role


class OfficerKitProfile(models.Model):
    """The kit profile an officer is issued against."""

    officer = models.OneToOneField(
        "accounts.Officer", primary_key=True, on_delete=models.CASCADE, related_name="kit_profile"
    )
    profile = models.ForeignKey(KitProfile, on_delete=models.PROTECT, related_name="officers")

    def __str__(self) -> str:
        return f"{self.officer_id}: {self.profile_id}"
