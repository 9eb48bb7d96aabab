"""Evidence for information management: the items attached to records, with hashes and custody,
for court bundles (and the `exported` custody step when they leave in one); and evidence items
as a record type of their own for retention review and subject access.

Disposing of an item blanks what describes it (its description and file name) and hands its
SHA-256 to interop, which removes the blob (the photo itself) unless a kept record still uses
those bytes. The row keeps its id, SHA-256, media type, size, times and `hash`, and its chain of
custody stays whole; the tombstone holds the item hash, so the evidence verifier accepts the
blanked row against it.
"""

from uuid import UUID

from django.db.models import Prefetch

from frontline.audit.keeping import (
    HeldRows,
    RecordKeeping,
    SubjectMatch,
    evidence_lister_register,
    record_dispose,
    record_keeping_register,
)
from frontline.audit.models import Disposal
from frontline.evidence.custody import custody_append, head_for_update
from frontline.evidence.models import EXPORTED, CustodyEvent, EvidenceItem

RECORD_TYPE = "evidence.item"
PERSONAL = {"description": "", "filename": ""}
SUBJECT_LIMIT = 500


def register() -> None:
    held_rows = HeldRows(
        record_type=RECORD_TYPE,
        rows=_kept,  # disposed items are held no longer, even when asked for by id
        made_at="received_at",
        officer="officer",
        station="officer__station",
        summary=lambda item: f"{item.media_type}, {item.size} bytes, on {item.record_type}",
    )
    evidence_lister_register(evidence_attached, evidence_bundled)
    record_keeping_register(
        RecordKeeping(
            record_type=RECORD_TYPE,
            label="Evidence item (photo or file)",
            review_years=6,
            held=held_rows.held,
            held_get=held_rows.held_get,
            dispose=evidence_dispose,
            subject_find=evidence_describing,
            content=evidence_content,
            blobs=evidence_blobs,
            blobs_in_use=evidence_blobs_in_use,
        )
    )


def evidence_dispose(record_id: UUID) -> dict | None:
    return record_dispose(
        EvidenceItem.objects.filter(pk=record_id), blank=PERSONAL, proof=("hash", "sha256")
    )


def evidence_blobs(record_id: UUID) -> list[str]:
    return list(EvidenceItem.objects.filter(pk=record_id).values_list("sha256", flat=True))


def evidence_blobs_in_use(hashes: list[str], disposing_id: UUID) -> set[str]:
    """The bytes another item that is kept (not disposed) still points at."""
    return set(
        _kept().filter(sha256__in=hashes).exclude(pk=disposing_id).values_list("sha256", flat=True)
    )


def evidence_describing(name: str, birth_date) -> list[SubjectMatch]:
    """Items whose description names the person (a photo's caption, a file's note)."""
    query = _kept().filter(description__icontains=name).select_related("officer")
    return [
        SubjectMatch(
            record_type=RECORD_TYPE,
            record_id=item.pk,
            made_at=item.received_at,
            officer=item.officer.collar_number,
            role="named in an evidence item's description",
            content=_item_content(item),
        )
        for item in query.order_by("received_at")[:SUBJECT_LIMIT]
    ]


def evidence_content(record_id: UUID) -> dict | None:
    item = EvidenceItem.objects.filter(pk=record_id).select_related("officer").first()
    return _item_content(item) if item else None


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
            **_item_content(item),
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


def _kept():
    """Items not disposed of."""
    disposed = Disposal.objects.filter(record_type=RECORD_TYPE).values("record_id")
    return EvidenceItem.objects.exclude(pk__in=disposed)


def _item_content(item: EvidenceItem) -> dict:
    return {
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
    }
