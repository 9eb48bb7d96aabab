"""The audit trail, for auditors."""

from datetime import datetime
from uuid import UUID

from ninja import Query, Router, Schema
from pydantic import Field

from frontline.audit import access, selectors
from frontline.common.errors import PermissionDenied

router = Router(tags=["audit"])


class EventOut(Schema):
    seq: int
    at: datetime
    actor_id: UUID | None
    device_id: UUID | None
    action: str
    object_type: str
    object_id: str
    justification: str
    hash: str


class EventPage(Schema):
    events: list[EventOut]
    more: bool


class EventQuery(Schema):
    action: str | None = Field(None, max_length=60)
    actor_id: UUID | None = None
    object_type: str | None = Field(None, max_length=60)
    before_seq: int | None = Field(None, ge=1)
    limit: int | None = Field(None, ge=1, le=200)


@router.get("/events", response=EventPage)
def events_list(request, query: Query[EventQuery]):
    if not access.audit_can_read(request.officer):
        raise PermissionDenied("forbidden", "only auditors read the audit trail")
    events, more = selectors.audit_events_list(**query.dict())
    return {"events": events, "more": more}
