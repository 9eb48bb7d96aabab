"""Record types register here; the sync engine knows no record type by itself.

A record app calls `record_type_register()` from its AppConfig.ready() with a `RecordType`:
its name, lane, payload schema, and the functions that apply a mutation and serialise records.
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


_types: dict[str, RecordType] = {}


def record_type_register(record_type: RecordType) -> None:
    if record_type.lane not in {EVIDENTIAL, EDITABLE}:
        raise ValueError(f"unknown lane {record_type.lane!r}")
    _types[record_type.name] = record_type


def record_type_get(name: str) -> RecordType | None:
    return _types.get(name)


def record_type_names() -> list[str]:
    return sorted(_types)
