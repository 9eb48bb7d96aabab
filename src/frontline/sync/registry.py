"""Record types register here; the sync engine knows no record type by itself.

A record app defines its `RecordType`s (name, lane, payload schema, and the functions that
apply a mutation and serialise records) in a RECORD_TYPES list in its `sync.py`, and names them
from its AppConfig.ready() with `record_types_register_lazily()`; `record_type_register()`
registers one at once.

A type may also give `prepare_many`, which applies a whole batch of its mutations with set-based
writes, in two steps. The engine calls it before the batch's transaction opens (on SQLite, before
the single write lock is taken), for a batch made only of that type's mutations that all pass
the schema: it checks the batch and does all the work that needs no lock, and returns a
`Prepared`: what applying each mutation will do, and the function the engine calls inside the
transaction to write them. Knowing the outcomes ahead lets the engine render the stored
responses before the transaction too. Either step raises
`BatchFallback` (or a `DomainError`, or lets an `IntegrityError` through) whenever any mutation
is not a plain new record; the engine then rolls the attempt back and applies the batch one
mutation at a time with `apply`, which gives every per-item result. So the batch must come out
exactly as `apply` would make it, for the batches it accepts.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import import_module
from typing import TYPE_CHECKING
from uuid import UUID

from django.core.exceptions import ImproperlyConfigured

if TYPE_CHECKING:  # only for annotations: importing pydantic costs start-up time
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


@dataclass(frozen=True)
class Prepared:
    """A batch `prepare_many` has checked: each mutation's outcome, in order, and the function
    that writes the batch inside the engine's transaction (the feed and audit appends go to
    the BatchWrites it is given)."""

    applied: list[Applied]
    write: Callable[[BatchWrites], None]


class BatchFallback(Exception):
    """Raised by `prepare_many` or the function it returns: this batch needs the
    one-mutation-at-a-time path."""


@dataclass
class BatchWrites:
    """The change-feed and audit appends of a batch, written by the engine just before commit.

    Arguments are those of `sync.feed.change_record` and `audit.services.audit_record`.
    Writing them last keeps the global head rows (change feed, then audit) locked only for the
    end of the transaction, after the record's own locks: the documented lock order.
    """

    changes: list[dict] = field(default_factory=list)
    audit_events: list[dict] = field(default_factory=list)
    # Or made ready before the transaction by the type's `prepare_many`
    # (`feed.changes_prepare`, `audit.services.audit_events_prepare`): written after the
    # above, and `audit_details` in order for events prepared with `details_later`.
    changes_prepared: list = field(default_factory=list)
    audit_prepared: list = field(default_factory=list)
    audit_details: list[dict] = field(default_factory=list)

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
    # Record ids (their dashed text) -> {id: data} for those the device may still hold; a key
    # may be the UUID or its text. The pull builds each page with it.
    serialise_many: Callable[[list[str]], dict[UUID | str, dict]]
    ops: frozenset[str] = frozenset({"create"})
    scope: str = "owner"  # "owner": only the owner pulls it; "team": the owner's team too
    on_media_complete: Callable[[UUID], None] | None = None
    # Set-based apply of a batch (see the module docstring): contexts in device_seq order,
    # prepared before the transaction; the Prepared's write runs inside it.
    prepare_many: Callable[[list[ApplyContext]], Prepared] | None = None


_types: dict[str, RecordType] = {}
_lazy: dict[str, str] = {}  # type name -> the module whose RECORD_TYPES defines it


def record_type_register(record_type: RecordType) -> None:
    if record_type.lane not in {EVIDENTIAL, EDITABLE}:
        raise ValueError(f"unknown lane {record_type.lane!r}")
    _types[record_type.name] = record_type


def record_types_register_lazily(module: str, names: list[str]) -> None:
    """Register the record types `module` defines in its RECORD_TYPES list, importing it only
    when one of them is first used.

    For AppConfig.ready(): django.setup() then imports no record app's payload schemas and
    services for sync, so commands that never sync (`frontline verify`) start faster.
    """
    for name in names:
        _lazy[name] = module


def record_type_get(name: str) -> RecordType | None:
    record_type = _types.get(name)
    if record_type is None and name in _lazy:
        _load(_lazy[name])
        record_type = _types.get(name)
    return record_type


def record_type_names() -> list[str]:
    return sorted(set(_types) | set(_lazy))


def evidential_applied(
    context: ApplyContext, *, created: bool, media: list[str] | None = None
) -> Applied:
    """What applying an evidential create did: version 1, the pushing officer's, their team's."""
    return Applied(
        version=1,
        owner_id=context.officer.pk,
        team_id=context.officer.team_id,
        created=created,
        media=list(media or []),
    )


def _load(module: str) -> None:
    record_types = import_module(module).RECORD_TYPES
    declared = sorted(name for name, where in _lazy.items() if where == module)
    defined = sorted(record_type.name for record_type in record_types)
    if defined != declared:
        raise ImproperlyConfigured(f"{module} defines record types {defined}, not {declared}")
    for record_type in record_types:
        record_type_register(record_type)
