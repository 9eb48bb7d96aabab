"""Evidence endpoints: list for a record, read one with its custody, download, export.

Items are created through sync (`evidence.item`); their bytes through /uploads. Every read of
an item or its bytes appends a `viewed` custody event; anyone but the capturing officer gives a
reason (`?reason=`), logged as a consultation (DPA 2018 s62).
"""

from uuid import UUID

from ninja import Query, Router, Schema
from pydantic import Field

from frontline.common.errors import NotFound
from frontline.evidence import access, selectors, services
from frontline.evidence.content import content_response
from frontline.evidence.schemas import ExportIn, ItemDetail, ItemList, ItemOut

router = Router(tags=["evidence"])


class EvidenceReasonQuery(Schema):
    reason: str | None = Field(None, max_length=500, description="why you are viewing it (s62)")


class RecordQuery(EvidenceReasonQuery):
    record_type: str = Field(max_length=60, description="e.g. notebook.entry")
    record_id: UUID
    limit: int | None = Field(None, ge=1, le=200)


@router.get("", response=ItemList)
def items_list(request, query: Query[RecordQuery]):
    """The evidence attached to a record that you may see. Listing others' items is logged."""
    items = selectors.evidence_for_record(
        viewer=request.officer,
        record_type=query.record_type,
        record_id=query.record_id,
        limit=query.limit,
    )
    others = [
        item
        for item in items
        if access.evidence_read_is_consultation(request.officer, item.officer)
    ]
    if others:
        services.evidence_record_consult(
            viewer=request.officer,
            device=request.device,
            record_type=query.record_type,
            record_id=query.record_id,
            reason=query.reason or "",
            items=len(others),
        )
    return {"items": items}


@router.get("/{item_id}", response=ItemDetail)
def item_get(request, item_id: UUID, query: Query[EvidenceReasonQuery]):
    """One item with its chain of custody. Logged as a view."""
    item = _readable(request, item_id)
    head = services.evidence_view_record(
        viewer=request.officer, item=item, device=request.device, reason=query.reason or ""
    )
    item.head = head
    return {"item": item, "custody": selectors.evidence_custody_list(item_id=item.pk)}


@router.get("/{item_id}/content", response={200: None})
def item_content(request, item_id: UUID, query: Query[EvidenceReasonQuery]):
    """The bytes (409 `awaiting_media` until they are uploaded). Logged as a view."""
    item = _readable(request, item_id)
    services.evidence_view_record(
        viewer=request.officer,
        item=item,
        device=request.device,
        reason=query.reason or "",
        detail={"content": True},
    )
    return content_response(item)


@router.post("/{item_id}/export", response=ItemOut)
def item_export(request, item_id: UUID, body: ExportIn):
    """Record a disclosure to a named recipient: custody `exported` and an audited disclosure."""
    item = _readable(request, item_id)
    services.evidence_export(
        viewer=request.officer,
        item=item,
        reason=body.reason,
        recipient=body.recipient,
        device=request.device,
    )
    return selectors.evidence_item_get(item_id=item.pk)


def _readable(request, item_id):
    item = selectors.evidence_item_get(item_id=item_id)
    # The same answer for "no such item" and "not yours to see": ids cannot be probed.
    if item is None or not access.evidence_can_read(request.officer, item.officer):
        raise NotFound("not_found", "no such evidence you may see", field="item_id")
    return item
