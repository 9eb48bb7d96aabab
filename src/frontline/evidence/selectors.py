"""Reading evidence. Fixed query counts: one query per list, whatever its length."""

from django.db.models import Q

from frontline.accounts import roles
from frontline.common.paging import page_size
from frontline.evidence.models import CustodyEvent, EvidenceItem


def evidence_item_get(*, item_id) -> EvidenceItem | None:
    return EvidenceItem.objects.select_related("officer", "head").filter(pk=item_id).first()


def evidence_readable_filter(viewer) -> Q:
    """The items `viewer` may see: their own; their team's for a supervisor; all for an auditor."""
    if viewer.has_role(roles.AUDITOR):
        return Q()
    visible = Q(officer=viewer)
    if viewer.has_role(roles.SUPERVISOR) and viewer.team_id is not None:
        visible |= Q(officer__team_id=viewer.team_id)
    return visible


def evidence_for_record(*, viewer, record_type: str, record_id, limit: int | None = None):
    """The items attached to one record that `viewer` may see, oldest capture first."""
    return list(
        EvidenceItem.objects.filter(
            evidence_readable_filter(viewer), record_type=record_type, record_id=record_id
        )
        .select_related("officer", "head")
        .order_by("captured_at", "id")[: page_size(limit)]
    )


def evidence_recent_own(*, officer, limit: int | None = None):
    """The officer's own items, newest first."""
    return list(
        EvidenceItem.objects.filter(officer=officer)
        .select_related("officer", "head")
        .order_by("-received_at")[: page_size(limit)]
    )


def evidence_custody_list(*, item_id) -> list[CustodyEvent]:
    return list(
        CustodyEvent.objects.filter(item_id=item_id)
        .select_related("actor", "device")
        .order_by("seq")
    )
