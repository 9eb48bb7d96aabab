"""Evidence for court bundles: the items attached to records, with hashes and custody."""

from uuid import UUID

from django.db.models import Prefetch

from frontline.audit.keeping import evidence_lister_register
from frontline.evidence.models import CustodyEvent, EvidenceItem


def register() -> None:
    evidence_lister_register(evidence_attached)


def evidence_attached(record_type: str, record_ids: list[UUID]) -> list[dict]:
    """Two queries: the items, and their custody events."""
    items = (
        EvidenceItem.objects.filter(record_type=record_type, record_id__in=record_ids)
        .select_related("officer")
        .prefetch_related(
            Prefetch(
                "custody",
                queryset=CustodyEvent.objects.select_related("actor").order_by("seq"),
            )
        )
        .order_by("captured_at", "id")
    )
    return [
        {
            "id": str(item.pk),
            "record_type": item.record_type,
            "record_id": str(item.record_id),
            "sha256": item.sha256,
            "media_type": item.media_type,
            "size": item.size,
            "filename": item.filename,
            "description": item.description,
            "captured_by": item.officer.collar_number,
            "captured_at": item.captured_at.isoformat(),
            "received_at": item.received_at.isoformat(),
            "hash": item.hash,
            "custody": [
                {
                    "seq": event.seq,
                    "action": event.action,
                    "at": event.at.isoformat(),
                    "by": event.actor.collar_number if event.actor_id else "",
                    "reason": event.reason,
                    "hash": event.hash,
                }
                for event in item.custody.all()
            ],
        }
        for item in items
    ]
