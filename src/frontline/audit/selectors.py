"""Reading the audit trail."""

import json

from frontline.audit.models import AuditEvent, Disposal
from frontline.common.paging import page_size


def audit_events_list(
    *,
    action: str | None = None,
    actor_id=None,
    object_type: str | None = None,
    before_seq: int | None = None,
    limit: int | None = None,
):
    size = page_size(limit)
    query = AuditEvent.objects.all()
    if action:
        query = query.filter(action=action)
    if actor_id:
        query = query.filter(actor_id=actor_id)
    if object_type:
        query = query.filter(object_type=object_type)
    if before_seq:
        query = query.filter(seq__lt=before_seq)
    rows = list(query.order_by("-seq")[: size + 1])
    return rows[:size], len(rows) > size


def disposed_proofs(*, record_type: str, record_ids=None) -> dict[str, dict]:
    """Record id (hex) -> the proof kept by its disposal tombstone, for one record type."""
    query = Disposal.objects.filter(record_type=record_type)
    if record_ids is not None:
        query = query.filter(record_id__in=list(record_ids))
    return {
        record_id.hex: json.loads(proof)
        for record_id, proof in query.values_list("record_id", "proof")
    }


def disposal_get(*, record_type: str, record_id) -> Disposal | None:
    return Disposal.objects.filter(record_type=record_type, record_id=record_id).first()
