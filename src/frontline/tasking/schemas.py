"""API shapes for briefings and tasks."""

from datetime import datetime
from typing import Literal
from uuid import UUID

from ninja import Schema
from pydantic import BaseModel, ConfigDict, Field

Status = Literal["open", "accepted", "in_progress", "done", "unable"]


class BriefingIn(Schema):
    model_config = ConfigDict(extra="forbid")
    title: str = Field(max_length=200)
    text: str = Field(max_length=5000)
    team_id: UUID | None = None
    station_id: UUID | None = None
    valid_from: datetime
    valid_to: datetime
    images: list[str] = Field(default_factory=list, max_length=10)


class BriefingOut(Schema):
    id: UUID
    title: str
    text: str
    images: list[str]
    team_id: UUID | None
    station_id: UUID | None
    valid_from: datetime
    valid_to: datetime
    read: bool = False


class TaskIn(Schema):
    model_config = ConfigDict(extra="forbid")
    title: str = Field(max_length=200)
    details: str = Field("", max_length=5000)
    officer_id: UUID | None = None
    team_id: UUID | None = None
    incident_id: UUID | None = None
    due_at: datetime | None = None


class TaskOut(Schema):
    id: UUID
    title: str
    details: str
    officer_id: UUID | None
    team_id: UUID | None
    incident_id: UUID | None
    due_at: datetime | None
    status: str
    note: str
    version: int


class TaskStatusIn(Schema):
    model_config = ConfigDict(extra="forbid")
    status: Status
    note: str = Field("", max_length=1000)
    base_version: int = Field(ge=1)


class TaskStatusPayload(BaseModel):
    """`task.update` payload: the new status and a note."""

    model_config = ConfigDict(extra="forbid")
    status: Status
    note: str = Field("", max_length=1000)


class BriefingReadPayload(BaseModel):
    """`briefing.read` payload: which briefing, read when (device clock)."""

    model_config = ConfigDict(extra="forbid")
    briefing_id: UUID
    read_at: datetime
