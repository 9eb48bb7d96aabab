"""Evidence for court bundles: the items attached to records, with hashes and custody, and
the `exported` custody step when they leave in a bundle."""

from uuid import UUID

from django.db.models import Prefetch

from frontline.audit.keeping import evidence_lister_register
from frontline.evidence.custody import custody_append, head_for_update
from frontline.evidence.models import EXPORTED, CustodyEvent, EvidenceItem


def register() -> None:
    evidence_lister_register(evidence_attached, evidence_bundled)


def evidence_bundled(record_type: str, record_ids: list[UUID], *, actor, device, bundle_id, reason):
    """Each attached item leaves in a court bundle: an `exported` step in its custody chain."""
    items = (
        EvidenceItem.objects.filter(record_type=record_type, record_id__in=record_ids)
        .order_by("id")  # a fixed order of head locks, so two bundles cannot deadlock
        .values_list("pk", flat=True)
    )
    for item_id in items:
        custody_append(
            head=head_for_update(item_id),
            action=EXPORTED,
            actor=actor,
            device=device,
            reason=reason,
            detail={"bundle": str(bundle_id)},
        )


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
