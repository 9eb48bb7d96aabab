"""Briefings (to a team or a station's area, for a time, with read receipts) and tasks (to an
officer or a team, with a status officers update from the street, offline if need be)."""

from django.db import models

from frontline.common.ids import uuid7

TASK_STATUSES = [
    ("open", "Open"),
    ("accepted", "Accepted"),
    ("in_progress", "In progress"),
    ("done", "Done"),
    ("unable", "Unable to complete"),
]


class Briefing(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid7, editable=False)
    title = models.CharField(max_length=200)
    text = models.TextField(max_length=5000)
    images = models.JSONField(default=list, blank=True, help_text="SHA-256 of uploaded images")
    station = models.ForeignKey(
        "accounts.Station",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="the area: every team of this station",
    )
    team = models.ForeignKey(
        "accounts.Team", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    valid_from = models.DateTimeField()
    valid_to = models.DateTimeField()
    author = models.ForeignKey("accounts.Officer", on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["-valid_from"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(station__isnull=True, team__isnull=False)
                | models.Q(station__isnull=False, team__isnull=True),
                name="briefing_area_or_team",
            )
        ]

    def __str__(self) -> str:
        return self.title


class BriefingRead(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid7, editable=False)
    briefing = models.ForeignKey(Briefing, on_delete=models.CASCADE, related_name="reads")
    officer = models.ForeignKey("accounts.Officer", on_delete=models.PROTECT, related_name="+")
    read_at = models.DateTimeField(help_text="device clock")
    received_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["briefing", "officer"], name="briefing_read_once")
        ]

    def __str__(self) -> str:
        return f"read by {self.officer_id}"


class Task(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid7, editable=False)
    title = models.CharField(max_length=200)
    details = models.TextField(max_length=5000, blank=True)
    officer = models.ForeignKey(
        "accounts.Officer",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="the officer assigned",
    )
    team = models.ForeignKey(
        "accounts.Team",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="or the team assigned",
    )
    incident_id = models.UUIDField(null=True, blank=True, help_text="a linked incident report")
    due_at = models.DateTimeField(null=True, blank=True)
    status = models.CharField(max_length=12, choices=TASK_STATUSES, default="open")
    note = models.CharField(max_length=1000, blank=True, help_text="the last update's note")
    version = models.PositiveIntegerField(default=1)
    author = models.ForeignKey("accounts.Officer", on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField()
    updated_at = models.DateTimeField()

    class Meta:
        ordering = ["due_at", "created_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(officer__isnull=True, team__isnull=False)
                | models.Q(officer__isnull=False, team__isnull=True),
                name="task_officer_or_team",
            )
        ]

    def __str__(self) -> str:
        return self.title


class TaskUpdate(models.Model):
    """Each status change, kept: who, when, from which version to which."""

    id = models.UUIDField(primary_key=True, default=uuid7, editable=False)
    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="updates")
    officer = models.ForeignKey("accounts.Officer", on_delete=models.PROTECT, related_name="+")
    status = models.CharField(max_length=12, choices=TASK_STATUSES)
    note = models.CharField(max_length=1000, blank=True)
    version = models.PositiveIntegerField()
    at = models.DateTimeField()

    class Meta:
        ordering = ["task", "version"]
        constraints = [
            models.UniqueConstraint(fields=["task", "version"], name="task_update_version_once")
        ]

    def __str__(self) -> str:
        return f"{self.status} (v{self.version})"
