"""Reading the audit trail."""

from frontline.audit.models import AuditEvent
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
