"""API and sync shapes for incident reports. The services check again what a schema cannot."""

from datetime import date, datetime
from typing import Literal
from uuid import UUID

from ninja import Schema
from pydantic import AwareDatetime, ConfigDict, Field

from frontline.incidents import vocab

PersonRole = Literal["victim", "witness", "suspect", "reporting-person"]
ObjectKind = Literal["vehicle", "property", "weapon", "drugs"]
LinkType = Literal["statement.mg11", "stopsearch.record", "evidence.item"]


class PersonIn(Schema):
    model_config = ConfigDict(extra="forbid")

    id: UUID = Field(description="made on the device; stays the same across versions")
    roles: list[PersonRole] = Field(min_length=1, max_length=4)
    name: str = Field("", max_length=vocab.NAME_MAX)
    date_of_birth: date | None = None
    description: str = Field("", max_length=vocab.DESCRIPTION_MAX)


class ObjectIn(Schema):
    model_config = ConfigDict(extra="forbid")

    id: UUID
    kind: ObjectKind
    description: str = Field("", max_length=vocab.DESCRIPTION_MAX)
    registration: str = Field("", max_length=vocab.REGISTRATION_MAX, description="vehicles only")
    make: str = Field("", max_length=vocab.VEHICLE_DETAIL_MAX, description="vehicles only")
    model: str = Field("", max_length=vocab.VEHICLE_DETAIL_MAX, description="vehicles only")
    colour: str = Field("", max_length=vocab.VEHICLE_DETAIL_MAX, description="vehicles only")


class LocationIn(Schema):
    model_config = ConfigDict(extra="forbid")

    id: UUID
    address: str = Field(min_length=1, max_length=vocab.ADDRESS_MAX)
    latitude: float | None = Field(None, ge=-90, le=90)
    longitude: float | None = Field(None, ge=-180, le=180)
    description: str = Field("", max_length=vocab.DESCRIPTION_MAX)


class LinkIn(Schema):
    model_config = ConfigDict(extra="forbid")

    type: LinkType
    id: UUID


class ReportContent(Schema):
    """A report as the officer app sends it, whole, on every create and update."""

    model_config = ConfigDict(extra="forbid")

    category: str = Field(max_length=40, description="a slug from incidents.vocab.CATEGORIES")
    occurred_from: AwareDatetime
    occurred_to: AwareDatetime | None = Field(None, description="omit for a moment in time")
    address: str = Field("", max_length=vocab.ADDRESS_MAX, description="required to submit")
    latitude: float | None = Field(None, ge=-90, le=90)
    longitude: float | None = Field(None, ge=-180, le=180)
    narrative: str = Field("", max_length=vocab.NARRATIVE_MAX, description="required to submit")
    persons: list[PersonIn] = Field(default_factory=list, max_length=vocab.ENTITIES_MAX)
    objects: list[ObjectIn] = Field(default_factory=list, max_length=vocab.ENTITIES_MAX)
    locations: list[LocationIn] = Field(default_factory=list, max_length=vocab.ENTITIES_MAX)
    links: list[LinkIn] = Field(default_factory=list, max_length=vocab.ENTITIES_MAX)


class ReportCreateIn(ReportContent):
    id: UUID = Field(description="made on the device; sending the same report again is safe")


class ReportUpdateIn(ReportContent):
    base_version: int = Field(ge=1, description="the version this edit started from")


class SubmitIn(Schema):
    """Also the payload of the `incident.submit` sync type."""

    model_config = ConfigDict(extra="forbid")

    base_version: int = Field(ge=1, description="the version the officer read before submitting")


class ReturnIn(Schema):
    model_config = ConfigDict(extra="forbid")

    comments: str = Field(min_length=1, max_length=vocab.COMMENTS_MAX)


class ApproveIn(Schema):
    model_config = ConfigDict(extra="forbid")

    comments: str = Field("", max_length=vocab.COMMENTS_MAX)


class VersionOut(Schema):
    id: UUID
    number: int
    submitted_at: datetime
    content: dict
    hash: str
    prev_hash: str


class ReviewOut(Schema):
    id: UUID
    version_number: int
    decision: str
    comments: str
    reviewer_id: UUID
    reviewer_collar_number: str
    decided_at: datetime


class IncidentConflictOut(Schema):
    id: UUID
    type: str
    record_id: UUID
    base_version: int | None
    server_version: int | None
    payload: dict
    created_at: datetime


class ReportSummaryOut(Schema):
    id: UUID
    author_id: UUID
    author_collar_number: str
    status: str
    version: int
    category: str
    occurred_from: datetime
    submitted_number: int
    submitted_at: datetime | None
    updated_at: datetime


class ReportOut(ReportSummaryOut):
    content: dict
    created_at: datetime
    versions: list[VersionOut]
    reviews: list[ReviewOut]
    conflicts: list[IncidentConflictOut] = Field(
        description="open sync conflicts: shown to the author only"
    )


class ReportPage(Schema):
    reports: list[ReportSummaryOut]
    more: bool
    next_before: UUID | None = Field(description="pass as `before` for the next page")


class QueueItemOut(ReportSummaryOut):
    age_seconds: int = Field(description="time since the latest submission")


class ConflictPage(Schema):
    conflicts: list[IncidentConflictOut]


class IncidentChoice(Schema):
    value: str
    label: str


class ReportForm(Schema):
    """The words the officer app caches to write a report offline."""

    crime_categories: list[IncidentChoice]
    non_crime_categories: list[IncidentChoice]
    person_roles: list[IncidentChoice]
    object_kinds: list[IncidentChoice]
    link_types: list[IncidentChoice]
    statuses: list[IncidentChoice]
    editable_statuses: list[str]
    narrative_max: int
