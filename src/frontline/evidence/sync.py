"""The evidence record type for the sync engine: `evidence.item`, evidential, create-only."""

from frontline.evidence import services
from frontline.evidence.models import EvidenceItem
from frontline.evidence.schemas import ItemPayload
from frontline.sync.registry import (
    EVIDENTIAL,
    Applied,
    ApplyContext,
    RecordType,
    evidential_applied,
)


def item_apply(context: ApplyContext) -> Applied:
    payload = context.payload
    result = services.evidence_item_create(
        officer=context.officer,
        item_id=context.record_id,
        sha256=payload.sha256,
        media_type=payload.media_type,
        size=payload.size,
        filename=payload.filename,
        captured_at=payload.captured_at,
        description=payload.description,
        record_type=payload.record_type,
        record_id=payload.record_id,
        device=context.device,
        app_version=context.app_version,
    )
    return evidential_applied(context, created=result.created, media=[result.item.sha256])


def media_complete(record_id) -> None:
    services.evidence_media_complete(item_id=record_id)


def items_serialise(ids) -> dict:
    items = EvidenceItem.objects.filter(pk__in=ids).select_related("head")
    return {item.pk: item_serialise(item) for item in items}


def item_serialise(item: EvidenceItem) -> dict:
    return {
        "id": str(item.pk),
        "officer_id": str(item.officer_id),
        "record_type": item.record_type,
        "record_id": str(item.record_id),
        "sha256": item.sha256,
        "media_type": item.media_type,
        "size": item.size,
        "filename": item.filename,
        "captured_at": item.captured_at.isoformat(),
        "received_at": item.received_at.isoformat(),
        "description": item.description,
        "complete": item.head.complete,
        "hash": item.hash,
    }


RECORD_TYPES = [
    RecordType(
        name=services.SYNC_TYPE,
        lane=EVIDENTIAL,
        schema=ItemPayload,
        apply=item_apply,
        serialise_many=items_serialise,
        on_media_complete=media_complete,
    ),
]
