"""Hashing evidence items and appending to their chain of custody.

Canonical forms (see the package docstring for the full format): an item's hash is
SHA-256 over `frontline-evidence-v1` and its fields; each custody event's hash is SHA-256 over
`frontline-custody-v1` and its fields, ending with the previous hash (the item's hash for the
first event). Fields are joined by the unit separator 0x1F (`frontline.common.hashing`).
"""

from frontline.common.clock import now
from frontline.common.hashing import canonical_json, canonical_time, chain_hash
from frontline.evidence.models import CustodyEvent, EvidenceHead

ITEM_TAG = "frontline-evidence-v1"
CUSTODY_TAG = "frontline-custody-v1"


def evidence_item_fields(
    *,
    item_id,
    officer_id,
    device_id,
    sha256,
    media_type,
    size,
    filename,
    captured_at,
    received_at,
    description,
    record_type,
    record_id,
    app_version,
) -> list[str]:
    """The hashed fields of an item, in their documented order."""
    return [
        item_id.hex,
        officer_id.hex,
        device_id.hex if device_id else "",
        sha256,
        media_type,
        str(size),
        filename,
        canonical_time(captured_at),
        canonical_time(received_at),
        description,
        record_type,
        record_id.hex,
        app_version,
    ]


def custody_event_fields(
    *, item_id, seq, action, at, actor_id, device_id, reason, detail, prev_hash
) -> list[str]:
    """The hashed fields of a custody event, in their documented order."""
    return [
        item_id.hex,
        str(seq),
        action,
        canonical_time(at),
        actor_id.hex if actor_id else "",
        device_id.hex if device_id else "",
        reason,
        detail,
        prev_hash,
    ]


def head_for_update(item_id) -> EvidenceHead:
    """Lock the item's chain tip: appends to one item's chain are serialised."""
    return EvidenceHead.objects.select_for_update().get(pk=item_id)


def custody_append(
    *,
    head: EvidenceHead,
    action: str,
    actor=None,
    device=None,
    at=None,
    reason: str = "",
    detail: dict | None = None,
) -> CustodyEvent:
    """Append one event to a locked head's chain. Call inside the caller's transaction."""
    seq = head.seq + 1
    at = at or now()
    detail_text = canonical_json(detail) if detail else ""
    actor_id = actor.pk if actor is not None else None
    device_id = device.pk if device is not None else None
    digest = chain_hash(
        CUSTODY_TAG,
        custody_event_fields(
            item_id=head.item_id,
            seq=seq,
            action=action,
            at=at,
            actor_id=actor_id,
            device_id=device_id,
            reason=reason,
            detail=detail_text,
            prev_hash=head.hash,
        ),
    )
    event = CustodyEvent.objects.create(
        item_id=head.item_id,
        seq=seq,
        action=action,
        at=at,
        actor_id=actor_id,
        device_id=device_id,
        reason=reason,
        detail=detail_text,
        prev_hash=head.hash,
        hash=digest,
    )
    EvidenceHead.objects.filter(pk=head.item_id).update(seq=seq, hash=digest)
    head.seq, head.hash = seq, digest
    return event
