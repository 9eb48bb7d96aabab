"""Retention review (Management of Police Information): what is due, and the decisions.

A record is due for review when its review period (per record type, six years by default) has
run since it was received, unless a later decision deferred it; a retain decision sets the next
review date. A dispose decision removes the record's personal content through its app's
`RecordKeeping.dispose`, in the same transaction as the decision, a tombstone (audit.Disposal)
and the audit event, so nothing is removed without a recorded decision and the removal itself
is provable.
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from uuid import UUID
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import IntegrityError, transaction

from frontline.audit.keeping import HeldRecord, record_keeping_all, record_keeping_get
from frontline.audit.models import Disposal
from frontline.audit.services import audit_record, justification_clean
from frontline.common.clock import now
from frontline.common.errors import InvalidInput, NotFound
from frontline.common.hashing import canonical_json
from frontline.common.ids import uuid7
from frontline.interop.models import DISPOSE, RETAIN, ReviewDecision
from frontline.sync.blobs import blobs_discard

LONDON = ZoneInfo("Europe/London")
DUE_LIMIT = 500  # per record type per page: narrow the filters to see others
MAX_REVIEW_YEARS = 100


@dataclass(frozen=True)
class DueRecord:
    record: HeldRecord
    due_on: date
    last_decision: ReviewDecision | None


def review_years(record_type: str) -> int:
    """The configured review period: FRONTLINE_RETENTION_REVIEW_YEARS, else the type's default."""
    for item in settings.RETENTION_REVIEW_YEARS:
        name, _, years = item.partition("=")
        if name.strip() == record_type and years.strip().isdigit():
            return min(int(years), MAX_REVIEW_YEARS)
    keeping = record_keeping_get(record_type)
    return keeping.review_years if keeping else 6


def review_periods() -> list[tuple[str, str, int]]:
    return [(k.record_type, k.label, review_years(k.record_type)) for k in record_keeping_all()]


def retention_due(
    *, on: date, record_type: str | None = None, station: str | None = None
) -> list[DueRecord]:
    """Records due for review on or before `on` (London dates), oldest first.

    Queries: one per record type for records past their period, two for the decisions in
    force, and one per record type holding deferred records now due again.
    """
    keepers = record_keeping_all()
    if record_type:
        keepers = [k for k in keepers if k.record_type == record_type]
        if not keepers:
            raise InvalidInput("unknown_type", "no such record type", field="record_type")
    end_of_day = datetime.combine(on + timedelta(days=1), time(), tzinfo=LONDON)
    candidates: dict[tuple[str, UUID], HeldRecord] = {}
    for keeping in keepers:
        made_before = _years_before(end_of_day, review_years(keeping.record_type))
        for held in keeping.held(made_before, station or None, DUE_LIMIT):
            candidates[held.record_type, held.record_id] = held
    types = [k.record_type for k in keepers]
    latest = _latest_decisions(types, candidates.keys(), on)
    deferred_now_due: dict[str, list[UUID]] = {}
    for (type_name, record_id), decision in latest.items():
        due_again = decision.decision == RETAIN and decision.next_review_on <= on
        if due_again and (type_name, record_id) not in candidates:
            deferred_now_due.setdefault(type_name, []).append(record_id)
    for keeping in keepers:
        ids = deferred_now_due.get(keeping.record_type)
        if ids:
            for held in keeping.held_get(ids):
                if not station or held.station == station:
                    candidates[held.record_type, held.record_id] = held
    due = []
    for key, held in candidates.items():
        decision = latest.get(key)
        if decision is None:
            due_on = _years_after(held.made_at, review_years(held.record_type))
        elif decision.decision == DISPOSE:
            continue
        else:
            due_on = decision.next_review_on
        if due_on <= on:
            due.append(DueRecord(record=held, due_on=due_on, last_decision=decision))
    due.sort(key=lambda item: (item.due_on, item.record.made_at, str(item.record.record_id)))
    return due


def retention_decide(
    *,
    actor,
    record_type: str,
    record_id: UUID,
    decision: str,
    reason: str,
    next_review_on: date | None = None,
    device=None,
) -> ReviewDecision:
    """Record a review decision; for `dispose`, remove the personal content in the same step."""
    keeping = record_keeping_get(record_type)
    if keeping is None:
        raise InvalidInput("unknown_type", "no such record type", field="record_type")
    if decision not in {RETAIN, DISPOSE}:
        raise InvalidInput("invalid", "the decision must be retain or dispose", field="decision")
    reason = justification_clean(reason or "")
    today = now().astimezone(LONDON).date()
    if decision == RETAIN:
        if next_review_on is None:
            raise InvalidInput(
                "required", "a retained record needs a next review date", field="next_review_on"
            )
        if next_review_on <= today:
            raise InvalidInput(
                "in_the_past", "the next review date must be after today", field="next_review_on"
            )
        if next_review_on > today + timedelta(days=366 * MAX_REVIEW_YEARS):
            raise InvalidInput(
                "too_far", "the next review date is too far away", field="next_review_on"
            )
    elif next_review_on is not None:
        raise InvalidInput(
            "not_allowed", "a disposed record has no next review", field="next_review_on"
        )
    try:
        return _decide(
            actor, keeping, record_type, record_id, decision, reason, next_review_on, device
        )
    except IntegrityError:
        # Two people disposed of the same record at once: the tombstone's constraint kept one.
        raise InvalidInput(
            "disposed", "this record has already been disposed", field="record_id"
        ) from None


def _decide(actor, keeping, record_type, record_id, decision, reason, next_review_on, device):
    with transaction.atomic():
        if Disposal.objects.filter(record_type=record_type, record_id=record_id).exists():
            raise InvalidInput(
                "disposed", "this record has already been disposed", field="record_id"
            )
        if not keeping.held_get([record_id]):
            raise NotFound("not_found", "no such record", field="record_id")
        row = ReviewDecision.objects.create(
            id=uuid7(),
            record_type=record_type,
            record_id=record_id,
            decision=decision,
            reason=reason,
            next_review_on=next_review_on,
            decided_by=actor,
            decided_at=now(),
        )
        proof, blobs_removed = None, []
        if decision == DISPOSE:
            held_blobs = keeping.blobs(record_id) if keeping.blobs else []
            proof = keeping.dispose(record_id)
            blobs_removed = _blobs_release(held_blobs, record_id)
        event = audit_record(
            action=f"retention.{decision}",
            object_type=record_type,
            object_id=record_id,
            actor=actor,
            device=device,
            justification=reason,
            detail={
                "decision_id": str(row.pk),
                "next_review_on": next_review_on.isoformat() if next_review_on else None,
                **({"proof": proof} if proof else {}),
                **({"blobs_removed": blobs_removed} if blobs_removed else {}),
            },
        )
        if decision == DISPOSE:
            Disposal.objects.create(
                id=uuid7(),
                record_type=record_type,
                record_id=record_id,
                decision_id=row.pk,
                disposed_at=row.decided_at,
                disposed_by=actor,
                proof=canonical_json(proof or {}),
                audit_seq=event.seq,
            )
    return row


def _blobs_release(hashes: list[str], record_id: UUID) -> list[str]:
    """Remove the files a disposed record held (photos, a signature image), except bytes that a
    record still kept uses too: blobs are shared by content. Files go when the decision commits."""
    if not hashes:
        return []
    in_use: set[str] = set()
    for keeping in record_keeping_all():
        if keeping.blobs_in_use is not None:
            in_use |= keeping.blobs_in_use(hashes, record_id)
    return blobs_discard(hashes=[sha256 for sha256 in hashes if sha256 not in in_use])


def decisions_for(*, record_type: str, record_id: UUID) -> list[ReviewDecision]:
    return list(
        ReviewDecision.objects.filter(record_type=record_type, record_id=record_id)
        .select_related("decided_by")
        .order_by("-decided_at")
    )


def _latest_decisions(
    record_types: list[str], candidates, on: date
) -> dict[tuple[str, UUID], ReviewDecision]:
    """The decision in force for each candidate, and for each record retained until `on` or
    earlier (which may be due again). Two queries, bounded by the due list, not all history."""
    retained_until = ReviewDecision.objects.filter(
        record_type__in=record_types, decision=RETAIN, next_review_on__lte=on
    ).values_list("record_id", flat=True)
    ids = {record_id for _, record_id in candidates} | set(retained_until)
    latest: dict[tuple[str, UUID], ReviewDecision] = {}
    for decision in ReviewDecision.objects.filter(
        record_type__in=record_types, record_id__in=list(ids)
    ).order_by("decided_at", "id"):
        latest[decision.record_type, decision.record_id] = decision
    return latest


def _years_before(moment: datetime, years: int) -> datetime:
    return _years_shift(moment, -years)


def _years_after(moment: datetime, years: int) -> date:
    return _years_shift(moment.astimezone(LONDON), years).date()


def _years_shift(moment: datetime, years: int) -> datetime:
    try:
        return moment.replace(year=moment.year + years)
    except ValueError:  # 29 February in a year without one: the day before
        return moment.replace(year=moment.year + years, day=28)
