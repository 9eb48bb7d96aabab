"""API shapes for information management and integration. Unknown fields are refused."""

from datetime import date, datetime
from typing import Literal
from uuid import UUID

from ninja import Schema
from pydantic import AwareDatetime, ConfigDict, Field


class DueQuery(Schema):
    on: date | None = Field(None, description="due on or before this date (London); default today")
    record_type: str | None = Field(None, max_length=60)
    station: str | None = Field(None, max_length=8, description="station code, e.g. HS")


class DueRecordOut(Schema):
    record_type: str
    record_id: UUID
    made_at: datetime
    station: str
    officer: str
    summary: str
    due_on: date
    last_decision: str | None
    last_reason: str | None


class DuePage(Schema):
    on: date
    records: list[DueRecordOut]


class DecisionIn(Schema):
    model_config = ConfigDict(extra="forbid")

    record_type: str = Field(max_length=60)
    record_id: UUID
    decision: Literal["retain", "dispose"]
    reason: str = Field(max_length=500, description="why: required for either decision")
    next_review_on: date | None = Field(None, description="retain only: after today")


class DecisionOut(Schema):
    id: UUID
    record_type: str
    record_id: UUID
    decision: str
    reason: str
    next_review_on: date | None
    decided_by: str
    decided_at: datetime


class SubjectSearchIn(Schema):
    model_config = ConfigDict(extra="forbid")

    name: str = Field(max_length=200)
    birth_date: date | None = None
    reason: str = Field(max_length=500, description="the request being answered (s62)")


class SubjectRecordOut(Schema):
    record_type: str
    record_id: UUID
    made_at: datetime
    officer: str
    role: str


class SubjectConsultationOut(Schema):
    seq: int
    at: datetime
    action: str
    by: str | None
    record_type: str
    record_id: str
    reason: str


class SubjectSearchOut(Schema):
    search_id: UUID
    records: list[SubjectRecordOut]
    reference_data: list[SubjectRecordOut] = Field(
        description="reference records about the person: persons, vehicles they keep"
    )
    checks: list[SubjectRecordOut] = Field(
        description="checks that named the person, returned their record or opened it"
    )
    consultations: list[SubjectConsultationOut]


class InteropExportIn(Schema):
    model_config = ConfigDict(extra="forbid")

    format: Literal["json", "pdf"] = "json"
    reason: str = Field(max_length=500, description="why it is disclosed, and to whom")


class BundleIn(Schema):
    model_config = ConfigDict(extra="forbid")

    record_type: str = Field(max_length=60)
    record_id: UUID
    reason: str = Field(max_length=500)
    recipient: str = Field("", max_length=200)


class NotebookBundleIn(Schema):
    model_config = ConfigDict(extra="forbid")

    collar_number: str = Field(max_length=16)
    from_: AwareDatetime = Field(alias="from")
    to: AwareDatetime
    reason: str = Field(max_length=500)
    recipient: str = Field("", max_length=200)


class DestinationIn(Schema):
    model_config = ConfigDict(extra="forbid")

    name: str = Field(max_length=100)
    kind: Literal["http", "directory"]
    url: str = Field("", max_length=500)
    secret: str = Field("", max_length=200, description="HMAC key, at least 32 characters")
    client_cert: str = Field("", max_length=500)
    client_key: str = Field("", max_length=500)
    ca_bundle: str = Field("", max_length=500)
    directory: str = Field("", max_length=500)
    record_types: list[str] = Field(max_length=20)
    events: list[Literal["created", "updated", "deleted"]] = Field(max_length=3)
    format: Literal["json", "police_uk", "pole", "csv"]
    restricted: bool = Field(
        False,
        description="send restricted content (an MG11's rear page) too; off unless chosen",
    )


class DestinationOut(Schema):
    """The secret is never returned."""

    id: UUID
    name: str
    kind: str
    url: str
    mutual_tls: bool
    directory: str
    record_types: list[str]
    events: list[str]
    format: str
    restricted: bool
    active: bool
    cursor: int


class DeliveryOut(Schema):
    id: UUID
    destination: str
    change_seq: int
    record_type: str
    record_id: UUID
    event: str
    status: str
    attempts: int
    last_error: str
    next_attempt_at: datetime
