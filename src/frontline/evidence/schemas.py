"""API and sync shapes for evidence."""

import json
from datetime import datetime
from uuid import UUID

from ninja import Schema
from pydantic import AwareDatetime, ConfigDict, Field

DESCRIPTION_MAX = 2000  # services.DESCRIPTION_MAX; the schema publishes the same limit


class ItemPayload(Schema):
    """An evidence item as pushed through sync (type `evidence.item`, op `create`)."""

    model_config = ConfigDict(extra="forbid")

    sha256: str = Field(pattern=r"^[0-9a-fA-F]{64}$", description="SHA-256 of the bytes")
    media_type: str = Field(max_length=100, description="one of the accepted upload types")
    size: int = Field(ge=1, description="bytes")
    filename: str = Field("", max_length=255, description="original name, without a path")
    captured_at: AwareDatetime = Field(description="device clock, with UTC offset")
    description: str = Field("", max_length=DESCRIPTION_MAX)
    record_type: str = Field(max_length=60, description="e.g. notebook.entry")
    record_id: UUID


class ItemOut(Schema):
    id: UUID
    officer_id: UUID
    officer_collar_number: str
    record_type: str
    record_id: UUID
    sha256: str
    media_type: str
    size: int
    filename: str
    captured_at: datetime
    received_at: datetime
    description: str
    complete: bool = Field(description="the bytes are held and verified")
    hash: str

    @staticmethod
    def resolve_officer_collar_number(obj) -> str:
        return obj.officer.collar_number

    @staticmethod
    def resolve_complete(obj) -> bool:
        return obj.head.complete


class CustodyOut(Schema):
    seq: int
    action: str
    at: datetime
    actor_id: UUID | None
    device_id: UUID | None
    reason: str
    detail: dict
    prev_hash: str
    hash: str

    @staticmethod
    def resolve_detail(obj) -> dict:
        return json.loads(obj.detail) if obj.detail else {}


class ItemList(Schema):
    items: list[ItemOut]


class ItemDetail(Schema):
    item: ItemOut
    custody: list[CustodyOut] = Field(description="oldest first; includes this view")


class ExportIn(Schema):
    model_config = ConfigDict(extra="forbid")

    reason: str = Field(max_length=500, description="why it is being disclosed")
    recipient: str = Field(max_length=200, description="who receives it, e.g. CPS Hammersmith")
