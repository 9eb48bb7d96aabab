"""Writing to the audit trail. Always inside the caller's transaction."""

from django.db import connection, transaction

from frontline.audit.models import AuditEvent, AuditHead
from frontline.common.clock import now
from frontline.common.errors import InvalidInput
from frontline.common.hashing import GENESIS_HASH, canonical_json, canonical_time, chain_hash
from frontline.common.headrow import head_lock
from frontline.common.insert import rows_insert
from frontline.common.text import has_control_characters

AUDIT_TAG = "frontline-audit-v1"
CHAIN = "audit"
EVENT_COLUMNS = (
    "seq",
    "at",
    "actor_id",
    "device_id",
    "action",
    "object_type",
    "object_id",
    "justification",
    "detail",
    "prev_hash",
    "hash",
)
JUSTIFICATION_MAX = 500


def audit_event_fields(
    *,
    seq,
    at,
    actor_id,
    device_id,
    action,
    object_type,
    object_id,
    justification,
    detail,
    prev_hash,
) -> list[str]:
    """The hashed fields of an audit row, in their documented order."""
    return [
        str(seq),
        canonical_time(at),
        actor_id.hex if actor_id else "",
        device_id.hex if device_id else "",
        action,
        object_type,
        str(object_id),
        justification,
        detail,
        prev_hash,
    ]


def audit_record(
    *,
    action: str,
    object_type: str,
    object_id,
    actor=None,
    device=None,
    justification: str = "",
    detail: dict | None = None,
) -> AuditEvent:
    """Append one event to the chain, in the same transaction as the change it records."""
    rows = _events_append(
        [
            {
                "action": action,
                "object_type": object_type,
                "object_id": object_id,
                "actor": actor,
                "device": device,
                "justification": justification,
                "detail": detail,
            }
        ]
    )
    return AuditEvent.from_db(connection.alias, EVENT_COLUMNS, rows[0])


def audit_record_many(*, events: list[dict]) -> list[int]:
    """Append events to the chain in the order given, in the caller's transaction.

    Each event is a dict of `audit_record`'s arguments. The head is locked once, the batch is
    chained in Python and written in one INSERT, and the head row is updated once: a batch of
    a hundred events holds the head no longer than a single one would. Returns their seqs.
    """
    return [row[0] for row in _events_append(events)]


def consultation_record(*, actor, device=None, object_type, object_id, justification, detail=None):
    """A read of someone else's record (DPA 2018 s62): who, when, what and why."""
    if not justification or not justification.strip():
        raise InvalidInput(
            "reason_required", "a reason is required to view this record", field="reason"
        )
    with transaction.atomic():
        return audit_record(
            action="consultation",
            object_type=object_type,
            object_id=object_id,
            actor=actor,
            device=device,
            justification=justification,
            detail=detail,
        )


def justification_clean(value: str) -> str:
    value = value.strip()
    if len(value) > JUSTIFICATION_MAX:
        raise InvalidInput(
            "too_long", f"the reason may be at most {JUSTIFICATION_MAX} characters", field="reason"
        )
    if len(value) < 5:
        raise InvalidInput(
            "too_short", "the reason must say why, in at least 5 characters", field="reason"
        )
    if has_control_characters(value):
        raise InvalidInput(
            "control_characters", "the reason contains control characters", field="reason"
        )
    return value


def _events_append(events: list[dict]) -> list[tuple]:
    if not connection.in_atomic_block:
        raise RuntimeError("audit_record must run inside the transaction of the change it records")
    if not events:
        return []
    # Everything that can refuse an event is checked before the head is locked.
    prepared = [_event_prepared(**event) for event in events]
    head = _head_for_update()
    seq, prev_hash = head.seq, head.hash
    at = now()
    rows = []
    for action, object_type, object_id, actor_id, device_id, justification, detail in prepared:
        seq += 1
        digest = chain_hash(
            AUDIT_TAG,
            audit_event_fields(
                seq=seq,
                at=at,
                actor_id=actor_id,
                device_id=device_id,
                action=action,
                object_type=object_type,
                object_id=object_id,
                justification=justification,
                detail=detail,
                prev_hash=prev_hash,
            ),
        )
        rows.append(
            (
                seq,
                at,
                actor_id,
                device_id,
                action,
                object_type,
                object_id,
                justification,
                detail,
                prev_hash,
                digest,
            )
        )
        prev_hash = digest
    rows_insert(
        AuditEvent, EVENT_COLUMNS, rows, head=(AuditHead, CHAIN, {"seq": seq, "hash": prev_hash})
    )
    return rows


def _event_prepared(
    *,
    action: str,
    object_type: str,
    object_id,
    actor=None,
    device=None,
    justification: str = "",
    detail: dict | None = None,
) -> tuple:
    return (
        action,
        object_type,
        str(object_id),
        actor.pk if actor is not None else None,
        device.pk if device is not None else None,
        justification_clean(justification) if justification else "",
        canonical_json(detail) if detail else "",
    )


def _head_for_update() -> AuditHead:
    # The head row is created by a migration; select_for_update serialises appends on PostgreSQL,
    # and SQLite's IMMEDIATE transactions already hold the single write lock.
    head = head_lock(AuditHead, CHAIN, ("seq", "hash"))
    if head is None:
        AuditHead.objects.bulk_create(
            [AuditHead(chain=CHAIN, seq=0, hash=GENESIS_HASH)], ignore_conflicts=True
        )
        head = head_lock(AuditHead, CHAIN, ("seq", "hash"))
    return head
