"""Conflicts: stale writes to editable state that the sync engine kept instead of applying.

The public way for record apps and the officer app to list a person's open conflicts and to
record how each was settled. Settling one changes no record: the officer's choice travels as an
ordinary mutation (their version sent again on top of the server's, or nothing if they keep the
server's); this only closes the flag, once, with who and when, in the audit trail.
"""

from django.db import transaction

from frontline.audit.services import audit_record
from frontline.common.clock import now
from frontline.common.errors import InvalidInput, NotFound
from frontline.sync.models import Conflict

RESOLUTIONS = ("kept_mine", "kept_server")


def conflicts_open(*, officer, types=None, record_id=None) -> list[Conflict]:
    """This officer's unresolved conflicts, oldest first, in one query."""
    query = Conflict.objects.filter(officer=officer, resolved_at__isnull=True)
    if types is not None:
        query = query.filter(type__in=list(types))
    if record_id is not None:
        query = query.filter(record_id=record_id)
    return list(query.order_by("created_at", "id"))


def conflict_resolve(*, officer, conflict_id, resolution: str, device=None) -> Conflict:
    """Close one of the officer's own conflicts. Settling it again changes nothing."""
    if resolution not in RESOLUTIONS:
        raise InvalidInput(
            "invalid_choice",
            f"resolution must be one of {', '.join(RESOLUTIONS)}",
            field="resolution",
        )
    with transaction.atomic():
        conflict = (
            Conflict.objects.select_for_update().filter(pk=conflict_id, officer=officer).first()
        )
        if conflict is None:
            raise NotFound("not_found", "no such conflict of yours", field="conflict_id")
        if conflict.resolved_at is not None:
            return conflict
        conflict.resolved_at = now()
        conflict.resolved_by = officer
        conflict.save(update_fields=["resolved_at", "resolved_by"])
        audit_record(
            action="sync.conflict_resolve",
            object_type=conflict.type,
            object_id=conflict.record_id,
            actor=officer,
            device=device,
            detail={
                "conflict_id": str(conflict.pk),
                "mutation_id": str(conflict.mutation_id),
                "resolution": resolution,
            },
        )
    return conflict
