"""Record types register here; the sync engine knows no record type by itself.

A record app calls `record_type_register()` from its AppConfig.ready() with a `RecordType`:
its name, lane, payload schema, and the functions that apply a mutation and serialise records.

A type may also give `apply_many`, which applies a whole batch of its mutations with set-based
writes. The engine uses it for a batch made only of that type's mutations that all pass the
schema; `apply_many` raises `BatchFallback` (or a `DomainError`, or lets an `IntegrityError`
through) whenever any mutation is not a plain new record, and the engine then rolls the attempt
back and applies the batch one mutation at a time with `apply`, which gives every per-item
result. So `apply_many` must give exactly what `apply` would for the batches it accepts.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from uuid import UUID

from pydantic import BaseModel

EVIDENTIAL = "evidential"  # create-only and immutable; a correction is a new record
EDITABLE = "editable"  # carries base_version; stale writes become conflicts


@dataclass(frozen=True)
class ApplyContext:
    officer: object
    device: object
    app_version: str
    record_id: UUID
    op: str
    base_version: int | None
    payload: BaseModel


@dataclass(frozen=True)
class Applied:
    """What applying a mutation did. `created` False means the same record was already held."""

    version: int
    owner_id: UUID
    team_id: UUID | None = None
    created: bool = True
    conflict: bool = False
    server_version: int | None = None
    media: list[str] = field(default_factory=list)  # blob hashes the record refers to


class BatchFallback(Exception):
    """Raised by `apply_many`: this batch needs the one-mutation-at-a-time path."""


@dataclass
class BatchWrites:
    """The change-feed and audit appends of a batch, written by the engine just before commit.

    Arguments are those of `sync.services.change_record` and `audit.services.audit_record`.
    Writing them last keeps the global head rows (change feed, then audit) locked only for the
    end of the transaction, after the record's own locks: the documented lock order.
    """

    changes: list[dict] = field(default_factory=list)
    audit_events: list[dict] = field(default_factory=list)

    def change_record(self, **change) -> None:
        self.changes.append(change)

    def audit_record(self, **event) -> None:
        self.audit_events.append(event)


@dataclass(frozen=True)
class RecordType:
    name: str
    lane: str
    schema: type[BaseModel]
    apply: Callable[[ApplyContext], Applied]
    serialise_many: Callable[[list[UUID]], dict[UUID, dict]]
    ops: frozenset[str] = frozenset({"create"})
    scope: str = "owner"  # "owner": only the owner pulls it; "team": the owner's team too
    on_media_complete: Callable[[UUID], None] | None = None
    # Set-based apply of a batch (see the module docstring): contexts in device_seq order.
    apply_many: Callable[[list[ApplyContext], BatchWrites], list[Applied]] | None = None


_types: dict[str, RecordType] = {}


def record_type_register(record_type: RecordType) -> None:
    if record_type.lane not in {EVIDENTIAL, EDITABLE}:
        raise ValueError(f"unknown lane {record_type.lane!r}")
    _types[record_type.name] = record_type


def record_type_get(name: str) -> RecordType | None:
    return _types.get(name)


def record_type_names() -> list[str]:
    return sorted(_types)
