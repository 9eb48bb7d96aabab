"""Officers, stations, teams, enrolled devices and device-bound sessions."""

import uuid

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager
from django.db import models

from frontline.accounts import roles


class Station(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    code = models.CharField(max_length=8, unique=True, help_text="Short code, e.g. HS")
    name = models.CharField(max_length=120)
    address = models.CharField(max_length=250, blank=True)
    latitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"


class Team(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    station = models.ForeignKey(Station, on_delete=models.PROTECT, related_name="teams")
    name = models.CharField(max_length=120)

    class Meta:
        ordering = ["station__name", "name"]
        constraints = [
            models.UniqueConstraint(fields=["station", "name"], name="team_name_unique_per_station")
        ]

    def __str__(self) -> str:
        return f"{self.name}, {self.station.code}"


class OfficerManager(BaseUserManager):
    def create_user(self, collar_number, password=None, **fields):
        if not collar_number:
            raise ValueError("an officer needs a collar number")
        officer = self.model(collar_number=collar_number, **fields)
        officer.set_password(password)
        officer.save(using=self._db)
        return officer

    def create_superuser(self, collar_number, password=None, **fields):
        fields.setdefault("roles", [roles.ADMIN])
        return self.create_user(collar_number, password, **fields)

    def get_by_natural_key(self, collar_number):
        return self.get(collar_number__iexact=collar_number)


class Officer(AbstractBaseUser):
    """A member of the force. Signs in to the back office and, on an enrolled device, the app."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    collar_number = models.CharField(
        "collar / warrant number", max_length=16, unique=True, help_text="e.g. PC1234 or 271845"
    )
    given_name = models.CharField(max_length=80)
    family_name = models.CharField(max_length=80)
    rank = models.CharField(max_length=40, default="Police Constable")
    roles = models.JSONField(default=list, help_text="Any of: " + ", ".join(roles.ALL))
    station = models.ForeignKey(
        Station, null=True, blank=True, on_delete=models.PROTECT, related_name="officers"
    )
    team = models.ForeignKey(
        Team, null=True, blank=True, on_delete=models.PROTECT, related_name="officers"
    )
    is_active = models.BooleanField(default=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    failed_sign_ins = models.PositiveIntegerField(default=0)
    locked_until = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = OfficerManager()

    USERNAME_FIELD = "collar_number"
    REQUIRED_FIELDS = ["given_name", "family_name"]

    class Meta:
        ordering = ["family_name", "given_name"]

    def __str__(self) -> str:
        return f"{self.rank} {self.given_name} {self.family_name} ({self.collar_number})"

    @property
    def display_name(self) -> str:
        return f"{self.given_name} {self.family_name}"

    def has_role(self, role: str) -> bool:
        return role in (self.roles or [])

    # The Django admin is for administrators only.
    @property
    def is_staff(self) -> bool:
        return self.is_active and self.has_role(roles.ADMIN)

    @property
    def is_superuser(self) -> bool:
        return self.is_staff

    def has_perm(self, perm, obj=None) -> bool:
        return self.is_staff

    def has_module_perms(self, app_label) -> bool:
        return self.is_staff


class EnrolmentCode(models.Model):
    """A one-time code that enrols one app install as a device. Stored hashed."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    code_hash = models.CharField(max_length=64, unique=True)
    label = models.CharField(max_length=120, blank=True)
    created_by = models.ForeignKey(Officer, null=True, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)
    device = models.OneToOneField(
        "Device", null=True, blank=True, on_delete=models.PROTECT, related_name="enrolment_code"
    )

    def __str__(self) -> str:
        return f"enrolment code {self.label or self.pk}"


class Device(models.Model):
    """An enrolled app install. Its credential is stored hashed; revoking it ends its sessions."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    label = models.CharField(max_length=120, blank=True)
    credential_hash = models.CharField(max_length=64, unique=True)
    enrolled_at = models.DateTimeField(auto_now_add=True)
    platform = models.CharField(max_length=80, blank=True)
    app_version = models.CharField(max_length=40, blank=True)
    last_seen_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_reason = models.CharField(max_length=250, blank=True)

    class Meta:
        ordering = ["-enrolled_at"]

    def __str__(self) -> str:
        return self.label or str(self.id)

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None


class DeviceSession(models.Model):
    """An officer signed in on one device: an opaque token, stored hashed, valid for a shift."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    token_hash = models.CharField(max_length=64, unique=True)
    officer = models.ForeignKey(Officer, on_delete=models.CASCADE, related_name="device_sessions")
    device = models.ForeignKey(Device, on_delete=models.CASCADE, related_name="sessions")
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    ended_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["officer", "ended_at"])]

    def __str__(self) -> str:
        return f"session {self.pk} on {self.device_id}"
