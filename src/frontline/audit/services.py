"""Writing to the audit trail. Always inside the caller's transaction."""

import hashlib
from dataclasses import dataclass

from django.db import connection, transaction

from frontline.audit.models import AuditEvent, AuditHead
from frontline.common.clock import now
from frontline.common.errors import InvalidInput
from frontline.common.hashing import (
    GENESIS_HASH,
    SLOT,
    canonical_filled,
    canonical_json,
    canonical_template,
    canonical_time,
)
from frontline.common.headrow import head_lock
from frontline.common.insert import rows_convert, rows_insert, value_convert
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
) -> list:
    """The hashed fields of an audit row, in their documented order. A seq or time given as
    SLOT stays one: appends render the rest ahead (`canonical_template`) and fill the slots
    under the head's lock."""
    return [
        seq if seq is SLOT else str(seq),
        at if at is SLOT else canonical_time(at),
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
    _in_transaction()
    event = {
        "action": action,
        "object_type": object_type,
        "object_id": object_id,
        "actor": actor,
        "device": device,
        "justification": justification,
        "detail": detail,
    }
    values = _event_prepared(**event)
    at, [row] = _events_append(_events_prepared([values], details_later=False))
    seq, *_, detail_text, prev_hash, digest = row
    return AuditEvent.from_db(
        connection.alias, EVENT_COLUMNS, (seq, at, *values[:6], detail_text, prev_hash, digest)
    )


def audit_record_many(*, events: list[dict]) -> list[int]:
    """Append events to the chain in the order given, in the caller's transaction.

    Each event is a dict of `audit_record`'s arguments. The head is locked once, the batch is
    chained in Python and written in one INSERT, and the head row is updated once: a batch of
    a hundred events holds the head no longer than a single one would. Returns their seqs.
    """
    return audit_record_prepared(audit_events_prepare(events))


@dataclass(frozen=True)
class EventsPrepared:
    """Events checked and rendered ahead (`audit_events_prepare`), to append later."""

    # Each event's hashed text around its slots: seq, time, detail, previous hash.
    templates: list[tuple[str, ...]]
    rows: list[tuple]  # _VALUE_COLUMNS' values, ready for the database
    details: list[str | None]  # rendered; None where `audit_record_prepared` is given it


def audit_events_prepare(events: list[dict], *, details_later: bool = False) -> EventsPrepared:
    """The work of appending `events` (dicts of `audit_record`'s arguments) that needs no lock:
    every check, each event's hashed text but for its seq, time, detail and previous hash, and
    its values made ready for the database. A batch does this before its transaction: on
    SQLite, while another writer holds the single write lock instead of while every other
    writer waits. With `details_later` the events' `detail` is not given here but to
    `audit_record_prepared`, for a detail known only in the transaction (a seq)."""
    if details_later and any(event.get("detail") for event in events):
        raise ValueError("an event prepared with details_later must not bring its own detail")
    return _events_prepared(
        [_event_prepared(**event) for event in events], details_later=details_later
    )


def audit_record_prepared(*prepared: EventsPrepared, details: list[dict] = ()) -> list[int]:
    """Append prepared events in the order given, in the caller's transaction; `details`, in
    order, are those of the events prepared with `details_later`. One head lock, one INSERT,
    one head update. Returns their seqs."""
    _in_transaction()
    given = [canonical_json(detail) if detail else "" for detail in details]
    waiting = sum(detail is None for part in prepared for detail in part.details)
    if waiting != len(given):
        raise ValueError(f"{waiting} events wait for a detail, {len(given)} were given")
    if not any(part.rows for part in prepared):
        return []
    later = iter(given)
    merged = EventsPrepared(
        [template for part in prepared for template in part.templates],
        [row for part in prepared for row in part.rows],
        [next(later) if detail is None else detail for part in prepared for detail in part.details],
    )
    return [row[0] for row in _events_append(merged)[1]]


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


def _in_transaction() -> None:
    if not connection.in_atomic_block:
        raise RuntimeError("audit_record must run inside the transaction of the change it records")


def _events_prepared(prepared: list[tuple], *, details_later: bool) -> EventsPrepared:
    templates = [
        canonical_template(
            AUDIT_TAG,
            audit_event_fields(
                seq=SLOT,
                at=SLOT,
                actor_id=actor_id,
                device_id=device_id,
                action=action,
                object_type=object_type,
                object_id=object_id,
                justification=justification,
                detail=SLOT,
                prev_hash=SLOT,
            ),
        )
        for actor_id, device_id, action, object_type, object_id, justification, _ in prepared
    ]
    rows = rows_convert(AuditEvent, _VALUE_COLUMNS, [values[:6] for values in prepared])
    details = [None if details_later else values[6] for values in prepared]
    return EventsPrepared(templates, rows, details)


def _events_append(prepared: EventsPrepared) -> tuple:
    """Chain and write prepared events (every detail given): their time, and the rows written
    (EVENT_COLUMNS' values, ready for the database)."""
    _in_transaction()
    head = _head_for_update()
    seq, prev_hash = head.seq, head.hash
    at = now()
    at_text = canonical_time(at)
    at_value = value_convert(AuditEvent, "at", at)
    rows = []
    for template, values, detail in zip(
        prepared.templates, prepared.rows, prepared.details, strict=True
    ):
        seq += 1
        digest = hashlib.sha256(
            canonical_filled(template, (str(seq), at_text, detail, prev_hash))
        ).hexdigest()
        rows.append((seq, at_value, *values, detail, prev_hash, digest))
        prev_hash = digest
    rows_insert(
        AuditEvent,
        EVENT_COLUMNS,
        rows,
        head=(AuditHead, CHAIN, {"seq": seq, "hash": prev_hash}),
        converted=EVENT_COLUMNS,
    )
    return at, rows


# The columns an event brings; the rest are given under the audit head's lock.
_VALUE_COLUMNS = ("actor_id", "device_id", "action", "object_type", "object_id", "justification")


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
    # In _VALUE_COLUMNS' order, then the detail.
    return (
        actor.pk if actor is not None else None,
        device.pk if device is not None else None,
        action,
        object_type,
        str(object_id),
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
