"""API shapes for the pocket notebook."""

from datetime import datetime
from typing import Literal
from uuid import UUID

from ninja import Schema
from pydantic import AwareDatetime, BaseModel, ConfigDict, Field

TEXT_MAX = 10_000  # settings.FRONTLINE["NOTEBOOK_TEXT_MAX"]; the schema publishes the same limit


class EntryIn(Schema):
    model_config = ConfigDict(extra="forbid")

    id: UUID = Field(description="made on the device; sending the same entry again is safe")
    kind: Literal["entry", "correction", "supplement", "sign_off"] = "entry"
    occurred_at: AwareDatetime = Field(description="device clock, with UTC offset")
    text: str = Field(min_length=1, max_length=TEXT_MAX)
    supersedes: UUID | None = Field(None, description="for a correction or supplement")


class EntryPayload(BaseModel):
    """A notebook entry as pushed through sync: the record id travels beside it.

    A plain pydantic model (not ninja's Schema, whose extra validator doubles the cost): the
    sync engine validates every pushed entry with it.
    """

    model_config = ConfigDict(extra="forbid")

    kind: Literal["entry", "correction", "supplement", "sign_off"] = "entry"
    occurred_at: AwareDatetime
    text: str = Field(min_length=1, max_length=TEXT_MAX)
    supersedes: UUID | None = None


class InspectionIn(Schema):
    model_config = ConfigDict(extra="forbid")

    id: UUID
    text: str = Field(min_length=1, max_length=TEXT_MAX)
    occurred_at: AwareDatetime | None = None


class EntryOut(Schema):
    id: UUID
    officer_id: UUID
    author_id: UUID
    seq: int
    kind: str
    occurred_at: datetime
    recorded_at: datetime
    text: str
    supersedes: UUID | None = Field(None, alias="supersedes_id")
    app_version: str
    prev_hash: str
    hash: str


class EntryPage(Schema):
    entries: list[EntryOut]
    more: bool = Field(description="older entries remain: ask again with before_seq")
    next_before_seq: int | None
