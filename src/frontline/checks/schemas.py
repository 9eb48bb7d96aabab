"""API shapes for checks."""

from datetime import date, datetime
from typing import Literal
from uuid import UUID

from ninja import Schema
from pydantic import BaseModel, ConfigDict, Field

from frontline.checks.reasons import REASON_TEXT_MAX

Reason = Literal["stop_account", "stop_search", "incident", "intelligence", "traffic", "other"]


class Strict(Schema):
    model_config = ConfigDict(extra="forbid")


class CheckReasonIn(Strict):
    reason: str | None = Field(None, max_length=20, description="why: one of GET /checks/reasons")
    reason_text: str = Field("", max_length=REASON_TEXT_MAX, description="required for 'other'")
    linked_type: str = Field("", max_length=60, description="e.g. incident.report")
    linked_id: UUID | None = None


class PersonCheckIn(CheckReasonIn):
    name: str = Field(max_length=200, description="any order; nicknames and misspellings match")
    date_of_birth: str | None = Field(None, max_length=10, description="YYYY-MM-DD")
    # JSON numbers only, as the schema says: `true` would otherwise be taken as 1 (an age of
    # 1 searched), and a client that sends the year as typed should learn so from "1980", not
    # first from "19x5".
    birth_year: int | None = Field(None, strict=True, description="a whole number, e.g. 1980")
    age: int | None = Field(None, strict=True, description="years, a whole number")
    age_tolerance: int = Field(2, strict=True, description="years either side of age")


class VehicleCheckIn(CheckReasonIn):
    registration: str = Field(max_length=40, description="whole, or with * and ? wildcards")


class LocationCheckIn(CheckReasonIn):
    query: str = Field(max_length=200, description="address words or a postcode")


class Warning(Schema):
    code: str
    description: str
    note: str = ""


class Result(Schema):
    id: UUID
    score: float
    strong: bool
    alert: bool = Field(description="true when warnings or flags apply: show them first")
    warnings: list[Warning]
    summary: dict


class CheckOut(Schema):
    check_id: UUID
    result_count: int
    results: list[Result]


class OpenIn(Strict):
    type: Literal["person", "vehicle", "location"]
    id: UUID


class ReasonOut(Schema):
    code: str
    label: str


class LogOpen(Schema):
    object_type: str
    object_id: UUID
    at: datetime


class LogRow(Schema):
    id: UUID
    at: datetime
    checked_at: datetime
    officer_id: UUID
    collar_number: str
    device_id: UUID | None
    origin: str
    kind: str
    reason: str
    reason_text: str
    query: dict
    result_count: int
    linked_type: str
    linked_id: UUID | None
    opened: list[LogOpen]


class LogPage(Schema):
    checks: list[LogRow]
    more: bool


class SignalOut(Schema):
    rule: str
    officer_id: UUID
    collar_number: str
    summary: str
    check_ids: list[UUID]
    day: date | None


class PackOut(Schema):
    id: UUID
    issued_at: datetime
    expires_at: datetime
    persons: int
    vehicles: int


class OfflineCheckPayload(BaseModel):
    """`checks.offline_check`: a check made against the briefing pack while offline."""

    model_config = ConfigDict(extra="forbid")
    pack_id: UUID
    kind: Literal["person", "vehicle"]
    query: dict[str, str] = Field(description="what was typed: name / registration")
    reason: str = Field(max_length=20)
    reason_text: str = Field("", max_length=REASON_TEXT_MAX)
    result_count: int = Field(ge=0, le=10000)
    opened: list[UUID] = Field(default_factory=list, max_length=50)
    checked_at: datetime

    def model_post_init(self, context) -> None:
        if len(self.query) > 4 or any(len(k) > 20 or len(v) > 200 for k, v in self.query.items()):
            raise ValueError("query: at most 4 fields of 200 characters")


class PackPayload(BaseModel):
    """Briefing packs are made by the server; devices never push them."""

    model_config = ConfigDict(extra="forbid")
