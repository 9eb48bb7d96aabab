"""API shapes for push, pull and uploads."""

from datetime import datetime
from typing import Any, Literal
from uuid import UUID

from ninja import Schema
from pydantic import BaseModel, ConfigDict, Field

MAX_BATCH = 500

# Push shapes are plain pydantic models: ninja's Schema adds a wrapping validator (for reading
# ORM objects) that ran twice per mutation with extra="forbid", the largest CPU cost of a push.


class MutationIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    mutation_id: UUID
    device_seq: int = Field(ge=1, le=2**62)
    type: str = Field(min_length=1, max_length=60)
    op: Literal["create", "update", "delete"]
    id: UUID
    base_version: int | None = Field(None, ge=0)
    payload: dict[str, Any]


class PushIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    mutations: list[MutationIn] = Field(max_length=MAX_BATCH)


class ResultOut(BaseModel):
    mutation_id: UUID
    status: Literal["applied", "duplicate", "conflict", "rejected"]
    version: int | None = None
    error: dict[str, Any] | None = None
    awaiting_media: list[str] | None = None


class PushOut(BaseModel):
    results: list[ResultOut]
    acked_device_seq: int


class ChangeOut(Schema):
    seq: int
    type: str
    id: UUID
    op: Literal["upsert", "delete"]
    version: int
    data: dict[str, Any] | None


class PullOut(Schema):
    changes: list[ChangeOut]
    cursor: str
    more: bool
    reset: bool


class UploadIn(Schema):
    model_config = ConfigDict(extra="forbid")

    sha256: str = Field(min_length=64, max_length=64)
    size: int = Field(ge=1)
    media_type: str = Field(min_length=1, max_length=100)


class UploadOut(Schema):
    sha256: str
    status: Literal["complete", "incomplete"]
    offset: int
    size: int
    location: str | None


class ConflictOut(Schema):
    id: UUID
    mutation_id: UUID
    type: str
    record_id: UUID
    base_version: int | None
    server_version: int | None
    payload: dict[str, Any]
    created_at: datetime
    resolved_at: datetime | None


class ConflictList(Schema):
    conflicts: list[ConflictOut]


class ConflictResolveIn(Schema):
    model_config = ConfigDict(extra="forbid")

    resolution: Literal["kept_mine", "kept_server"] = Field(
        description="the officer sent their version again, or kept the server's"
    )
