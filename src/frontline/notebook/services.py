"""Writing to the pocket notebook. Entries are only ever created; nothing here edits or deletes."""

import hashlib
from dataclasses import dataclass
from datetime import UTC, datetime

from django.conf import settings
from django.db import IntegrityError, transaction

from frontline.audit.services import (
    EventsPrepared,
    audit_events_prepare,
    audit_record,
    audit_record_prepared,
)
from frontline.common.clock import is_far_future, now
from frontline.common.errors import Conflict, InvalidInput, NotFound, PermissionDenied
from frontline.common.hashing import (
    GENESIS_HASH,
    SLOT,
    canonical_filled,
    canonical_template,
    canonical_time,
    chain_hash,
)
from frontline.common.headrow import head_lock, head_move
from frontline.common.insert import rows_convert, rows_insert, value_convert
from frontline.common.text import has_control_characters
from frontline.notebook import access
from frontline.notebook.models import (
    INSPECTION,
    LINKED_KINDS,
    OFFICER_KINDS,
    NotebookEntry,
    NotebookHead,
)
from frontline.sync.feed import (
    ChangesPrepared,
    change_record,
    changes_prepare,
    changes_record_prepared,
)
from frontline.sync.registry import BatchFallback, BatchWrites

NOTEBOOK_TAG = "frontline-notebook-v1"
HEAD_COLUMNS = ("seq", "hash")
SYNC_TYPE = "notebook.entry"
EARLIEST = datetime(2000, 1, 1, tzinfo=UTC)
ENTRY_COLUMNS = (
    "id",
    "officer_id",
    "author_id",
    "seq",
    "kind",
    "occurred_at",
    "recorded_at",
    "text",
    "supersedes_id",
    "device_id",
    "app_version",
    "prev_hash",
    "hash",
)


@dataclass(frozen=True)
class EntryResult:
    entry: NotebookEntry
    created: bool  # False when the same entry had already been received


def notebook_entry_fields(
    *,
    entry_id,
    officer_id,
    author_id,
    seq,
    kind,
    occurred_at,
    recorded_at,
    supersedes_id,
    device_id,
    app_version,
    text,
    prev_hash,
) -> list[str]:
    """The hashed fields of an entry, in their documented order (docs/integrity.md). A field
    given as SLOT stays one (`notebook_entries_prepare`)."""
    return [
        entry_id.hex,
        officer_id.hex,
        author_id.hex,
        seq if seq is SLOT else str(seq),
        kind,
        canonical_time(occurred_at),
        recorded_at if recorded_at is SLOT else canonical_time(recorded_at),
        supersedes_id.hex if supersedes_id else "",
        device_id.hex if device_id else "",
        app_version,
        text,
        prev_hash,
    ]


def notebook_entry_create(
    *,
    officer,
    entry_id,
    kind: str,
    occurred_at: datetime,
    text: str,
    supersedes_id=None,
    device=None,
    app_version: str = "",
) -> EntryResult:
    """An officer writes in their own notebook. Idempotent by entry id."""
    if not access.notebook_can_write(officer):
        raise PermissionDenied("not_an_officer", "only officers keep a pocket notebook")
    if kind not in OFFICER_KINDS:
        raise InvalidInput(
            "invalid_kind", f"kind must be one of {', '.join(sorted(OFFICER_KINDS))}", field="kind"
        )
    return _entry_append(
        officer=officer,
        author=officer,
        entry_id=entry_id,
        kind=kind,
        occurred_at=occurred_at,
        text=text,
        supersedes_id=supersedes_id,
        device=device,
        app_version=app_version,
    )


def notebook_entries_create(
    *,
    officer,
    entries: list[dict],
    device=None,
    app_version: str = "",
    writes: BatchWrites | None = None,
) -> list[int]:
    """An officer's batch of new entries, written set-based, in the order given; their seqs.

    Each entry is a dict of `entry_id`, `kind`, `occurred_at`, `text` and `supersedes_id`.
    All or nothing: any entry that is not a plain new one (a bad field, an id already held or
    repeated, a correction of an entry that is not theirs or not yet written) raises, and the
    caller applies the batch one entry at a time to get each result. With `writes`, the
    change-feed and audit appends are handed to the caller to write just before commit (the
    sync engine's batch); without, they are written here.
    """
    return notebook_entries_prepare(
        officer=officer, entries=entries, device=device, app_version=app_version
    ).write(writes)


def notebook_entries_prepare(
    *, officer, entries: list[dict], device=None, app_version: str = ""
) -> "EntriesBatch":
    """`notebook_entries_create`'s checks and the work that needs no lock, done before the
    transaction: every field checked, each row's values made ready for the database and each
    entry's hashed text rendered but for its seq, recorded time and previous hash. On SQLite
    the transaction holds the single write lock, so what is done here is done beside other
    writers instead of while they wait. Raises as `notebook_entries_create` does."""
    if not access.notebook_can_write(officer):
        raise PermissionDenied("not_an_officer", "only officers keep a pocket notebook")
    ids = [entry["entry_id"] for entry in entries]
    if len(set(ids)) != len(ids):
        raise BatchFallback("an entry id is repeated in the batch")
    earlier: set = set()
    linked = {}
    for entry in entries:
        if entry["kind"] not in OFFICER_KINDS:
            raise InvalidInput("invalid_kind", "kind is not one an officer writes", field="kind")
        _validate(
            kind=entry["kind"],
            occurred_at=entry["occurred_at"],
            text=entry["text"],
            supersedes_id=entry["supersedes_id"],
        )
        if entry["supersedes_id"] is not None and entry["supersedes_id"] not in earlier:
            linked[entry["supersedes_id"]] = entry["entry_id"]
        earlier.add(entry["entry_id"])
    if set(linked) & earlier:
        raise BatchFallback("a correction comes before the entry it corrects")
    if linked:
        # Read before any lock: an entry, once written, never changes owner or goes away.
        owners = dict(
            NotebookEntry.objects.filter(pk__in=list(linked)).values_list("pk", "officer_id")
        )
        if any(owners.get(pk) != officer.pk for pk in linked):
            raise BatchFallback("a correction names an entry that is missing or not theirs")
    device_id = device.pk if device is not None else None
    templates = [
        canonical_template(
            NOTEBOOK_TAG,
            notebook_entry_fields(
                entry_id=entry["entry_id"],
                officer_id=officer.pk,
                author_id=officer.pk,
                seq=SLOT,
                kind=entry["kind"],
                occurred_at=entry["occurred_at"],
                recorded_at=SLOT,
                supersedes_id=entry["supersedes_id"],
                device_id=device_id,
                app_version=app_version,
                text=entry["text"],
                prev_hash=SLOT,
            ),
        )
        for entry in entries
    ]
    rows = rows_convert(
        NotebookEntry,
        ENTRY_COLUMNS,
        [
            (
                entry["entry_id"],
                officer.pk,
                officer.pk,
                0,  # seq, known under the head's lock
                entry["kind"],
                entry["occurred_at"],
                None,  # recorded_at, likewise
                entry["text"],
                entry["supersedes_id"],
                device_id,
                app_version,
                "",
                "",
            )
            for entry in entries
        ],
    )
    changes = changes_prepare(
        [
            {
                "type": SYNC_TYPE,
                "record_id": entry["entry_id"],
                "owner_id": officer.pk,
                "team_id": officer.team_id,
            }
            for entry in entries
        ]
    )
    # Each event's detail holds the entry's seq, known under the head's lock: given in `write`.
    events = audit_events_prepare(
        [
            {
                "action": f"notebook.{entry['kind']}",
                "object_type": "notebook.entry",
                "object_id": entry["entry_id"],
                "actor": officer,
                "device": device,
            }
            for entry in entries
        ],
        details_later=True,
    )
    return EntriesBatch(officer, device, entries, templates, rows, changes, events)


@dataclass(frozen=True)
class EntriesBatch:
    """A batch `notebook_entries_prepare` has checked; `write` appends it to the notebook."""

    officer: object
    device: object
    entries: list[dict]
    templates: list[tuple[str, ...]]  # each entry's hashed text, slots: seq, recorded_at, prev
    rows: list[tuple]  # each entry's row in ENTRY_COLUMNS' order, ready for the database
    changes: ChangesPrepared  # the entries' change-feed rows
    events: EventsPrepared  # their audit events, each waiting for its detail

    def write(self, writes: BatchWrites | None = None) -> list[int]:
        """Append the batch under the officer's notebook head, in the caller's transaction (or
        one of its own); their seqs. An id already held fails on the primary key, and nothing
        of the batch stays."""
        officer = self.officer
        defer = writes if writes is not None else BatchWrites()
        with transaction.atomic(savepoint=False):
            head = _head_for_update(officer)
            seq, prev_hash = head.seq, head.hash
            recorded_at = now()
            recorded_text = canonical_time(recorded_at)
            recorded_value = value_convert(NotebookEntry, "recorded_at", recorded_at)
            rows, seqs = [], []
            for template, row in zip(self.templates, self.rows, strict=True):
                seq += 1
                digest = hashlib.sha256(
                    canonical_filled(template, (str(seq), recorded_text, prev_hash))
                ).hexdigest()
                rows.append(
                    (*row[:3], seq, *row[4:6], recorded_value, *row[7:11], prev_hash, digest)
                )
                seqs.append(seq)
                prev_hash = digest
            rows_insert(
                NotebookEntry,
                ENTRY_COLUMNS,
                rows,
                head=(NotebookHead, officer.pk, {"seq": seq, "hash": prev_hash}),
                converted=ENTRY_COLUMNS,
            )
            defer.changes_prepared.append(self.changes)
            defer.audit_prepared.append(self.events)
            officer_hex = officer.pk.hex
            defer.audit_details.extend({"officer": officer_hex, "seq": each} for each in seqs)
            if writes is None:
                changes_record_prepared(*defer.changes_prepared)
                audit_record_prepared(*defer.audit_prepared, details=defer.audit_details)
        return seqs


def notebook_inspection_record(
    *,
    supervisor,
    officer,
    entry_id,
    text: str,
    occurred_at: datetime | None = None,
    device=None,
    app_version: str = "",
) -> EntryResult:
    """A supervisor inspects an officer's notebook; the inspection is an entry in that book."""
    if not access.notebook_can_inspect(supervisor, officer):
        raise PermissionDenied("not_supervisor", "only the officer's own supervisor may inspect")
    return _entry_append(
        officer=officer,
        author=supervisor,
        entry_id=entry_id,
        kind=INSPECTION,
        occurred_at=occurred_at or now(),
        text=text,
        supersedes_id=None,
        device=device,
        app_version=app_version,
    )


def _entry_append(
    *,
    officer,
    author,
    entry_id,
    kind,
    occurred_at,
    text,
    supersedes_id,
    device,
    app_version,
) -> EntryResult:
    _validate(kind=kind, occurred_at=occurred_at, text=text, supersedes_id=supersedes_id)
    with transaction.atomic():
        head = _head_for_update(officer)
        if supersedes_id is not None:
            _check_supersedes(officer, supersedes_id)
        seq = head.seq + 1
        recorded_at = now()
        device_id = device.pk if device is not None else None
        digest = chain_hash(
            NOTEBOOK_TAG,
            notebook_entry_fields(
                entry_id=entry_id,
                officer_id=officer.pk,
                author_id=author.pk,
                seq=seq,
                kind=kind,
                occurred_at=occurred_at,
                recorded_at=recorded_at,
                supersedes_id=supersedes_id,
                device_id=device_id,
                app_version=app_version,
                text=text,
                prev_hash=head.hash,
            ),
        )
        try:
            with transaction.atomic():
                entry = NotebookEntry.objects.create(
                    id=entry_id,
                    officer=officer,
                    author=author,
                    seq=seq,
                    kind=kind,
                    occurred_at=occurred_at,
                    recorded_at=recorded_at,
                    text=text,
                    supersedes_id=supersedes_id,
                    device=device,
                    app_version=app_version,
                    prev_hash=head.hash,
                    hash=digest,
                )
        except IntegrityError:
            existing = NotebookEntry.objects.filter(pk=entry_id).first()
            if existing is None:
                raise
            if _same_content(
                existing,
                officer=officer,
                author=author,
                kind=kind,
                occurred_at=occurred_at,
                text=text,
                supersedes_id=supersedes_id,
            ):
                return EntryResult(entry=existing, created=False)
            raise Conflict(
                "id_reused", "an entry with this id already exists with other content", field="id"
            ) from None
        head_move(NotebookHead, officer.pk, seq=seq, hash=digest)
        change_record(
            type=SYNC_TYPE, record_id=entry_id, owner_id=officer.pk, team_id=officer.team_id
        )
        audit_record(
            action=f"notebook.{kind}",
            object_type="notebook.entry",
            object_id=entry_id,
            actor=author,
            device=device,
            detail={"officer": officer.pk.hex, "seq": seq},
        )
    return EntryResult(entry=entry, created=True)


def _validate(*, kind, occurred_at, text, supersedes_id) -> None:
    limit = settings.FRONTLINE["NOTEBOOK_TEXT_MAX"]
    if not text or not text.strip():
        raise InvalidInput("required", "the entry text is empty", field="text")
    if len(text) > limit:
        raise InvalidInput(
            "too_long", f"the entry text may be at most {limit} characters", field="text"
        )
    if has_control_characters(text):
        raise InvalidInput(
            "control_characters", "the entry text contains control characters", field="text"
        )
    if occurred_at.tzinfo is None:
        raise InvalidInput(
            "timezone_required", "the time must include a UTC offset", field="occurred_at"
        )
    if is_far_future(occurred_at):
        raise InvalidInput(
            "in_future", "the time is in the future: check the device clock", field="occurred_at"
        )
    if occurred_at < EARLIEST:
        raise InvalidInput("too_early", "the time is before the year 2000", field="occurred_at")
    if kind in LINKED_KINDS and supersedes_id is None:
        raise InvalidInput(
            "required", f"a {kind} must name the entry it adds to", field="supersedes"
        )
    if kind not in LINKED_KINDS and supersedes_id is not None:
        raise InvalidInput(
            "not_allowed", f"a {kind} cannot supersede another entry", field="supersedes"
        )


def _check_supersedes(officer, supersedes_id) -> None:
    owner_id = (
        NotebookEntry.objects.filter(pk=supersedes_id).values_list("officer_id", flat=True).first()
    )
    if owner_id is None:
        raise NotFound(
            "not_found", "the entry to correct or supplement does not exist", field="supersedes"
        )
    if owner_id != officer.pk:
        raise InvalidInput(
            "not_own_entry", "an officer may only correct their own entries", field="supersedes"
        )


def _same_content(existing, *, officer, author, kind, occurred_at, text, supersedes_id) -> bool:
    return (
        existing.officer_id == officer.pk
        and existing.author_id == author.pk
        and existing.kind == kind
        and existing.occurred_at == occurred_at
        and existing.text == text
        and existing.supersedes_id == supersedes_id
    )


def _head_for_update(officer) -> NotebookHead:
    # Lock the tip. An officer's first entry finds none: insert-if-absent then lock, so two
    # first entries for one officer cannot both start a chain. Every later entry skips the
    # insert, which would only wait on the same lock.
    head = head_lock(NotebookHead, officer.pk, HEAD_COLUMNS)
    if head is None:
        NotebookHead.objects.bulk_create(
            [NotebookHead(officer=officer, seq=0, hash=GENESIS_HASH)], ignore_conflicts=True
        )
        head = head_lock(NotebookHead, officer.pk, HEAD_COLUMNS)
    return head
