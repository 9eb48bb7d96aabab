"""The record-keeping registry: what information management needs from each record type.

Record apps register a `RecordKeeping` from their AppConfig.ready(), as they register chain
verifiers. The interop app (retention review, subject access, court bundles) works only through
this registry, so it never imports a record app's models or api, and adding a record type
touches only its own app.

Record apps list and dispose of their records in one shape, so `HeldRows` builds `held` and
`held_get` from a few named fields, and `record_dispose` blanks a record and returns its proof.
"""

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from importlib import import_module
from typing import Any
from uuid import UUID

from django.db.models import QuerySet

from frontline.common.appendonly import append_only_redact


@dataclass(frozen=True)
class HeldRecord:
    """One record as a retention list shows it: no personal data, only where and when."""

    record_type: str
    record_id: UUID
    made_at: datetime  # the server's clock when it was received: the review period runs from it
    station: str  # station code, or ""
    officer: str  # collar number of the officer who made it
    summary: str  # e.g. the URN or category; never a name


@dataclass(frozen=True)
class SubjectMatch:
    """A record mentioning a person, with what it says about them."""

    record_type: str
    record_id: UUID
    made_at: datetime
    officer: str
    role: str  # e.g. "searched person", "witness", "suspect", "mentioned in text"
    content: dict  # the record's content as disclosed (JSON-ready)
    label: str = ""  # what kind of row it is, for readers; else the record type's label


@dataclass(frozen=True)
class RecordKeeping:
    """What a record type offers to retention review, subject access and court bundles.

    - `held(made_before, station, limit)`: records received before that time, oldest first.
    - `held_get(ids)`: the same rows for given ids (for records whose review was deferred).
    - `dispose(record_id)`: remove the personal content, keeping the row, its id and its
      hash-chain fields; returns the hashes that still prove what the row held, or None when
      the record is not held. Runs inside the caller's transaction.
    - `subject_find(name, birth_date)`: records that mention the person.
    - `content(record_id)`: the record's content for a bundle, JSON-ready, or None.
    - `verify(record_id)`: the record's own chain checks (empty list: intact).
    - `formats`: documents in standard shapes for outbound notification.
    """

    record_type: str
    label: str
    review_years: int  # the default review period; FRONTLINE_RETENTION_REVIEW_YEARS overrides
    held: Callable[[datetime, str | None, int], list[HeldRecord]]
    held_get: Callable[[list[UUID]], list[HeldRecord]]
    dispose: Callable[[UUID], dict | None]
    subject_find: Callable[[str, date | None], list[SubjectMatch]]
    content: Callable[[UUID], dict | None]
    verify: Callable[[UUID], list[str]] | None = None
    # Outbound formats beyond the record's own JSON, e.g. "police_uk" or "pole": id -> document.
    formats: dict[str, Callable[[UUID], dict | None]] = field(default_factory=dict)
    # For extracts over a time range (the notebook): (collar number, start, end) -> ids in order.
    made_between: Callable[[str, datetime, datetime], list[UUID]] | None = None
    # Keys of the record's own JSON (its sync serialisation) that hold restricted content, e.g.
    # an MG11's rear page: left out of outbound JSON and CSV unless a destination asks for it.
    restricted_keys: tuple[str, ...] = ()
    # Files a record holds as blobs (a photo, a signature image), by SHA-256, so a disposal can
    # remove them: `blobs(id)` before disposing, and `blobs_in_use(hashes, disposing_id)` the
    # hashes still used by a record of this type other than the one being disposed (a blob is
    # shared by content, so it goes only when no record that is kept still needs it).
    blobs: Callable[[UUID], list[str]] | None = None
    blobs_in_use: Callable[[list[str], UUID], set[str]] | None = None


@dataclass(frozen=True)
class HeldRows:
    """Where a record type's retention list comes from, so each app says only what differs.

    Every record app lists its records the same way: received before a time, at a station,
    oldest first; `held` and `held_get` are the `RecordKeeping` callables built from this.
    Relations are Django lookup paths, e.g. `officer="author"`, `station="officer__station"`.
    """

    record_type: str
    rows: Callable[[], QuerySet]  # every row `held_get` may return
    made_at: str  # the field the review period runs from: the server's clock at receipt
    officer: str  # the relation to the officer who made the record
    station: str  # the relation to the station the record is listed under (nullable)
    summary: Callable[[Any], str]  # a row's summary line; never a name
    # Rows with these values are already disposed: the due list leaves them out.
    blanked: dict[str, Any] = field(default_factory=dict)

    def held(self, made_before: datetime, station: str | None, limit: int) -> list[HeldRecord]:
        query = self.rows().filter(**{f"{self.made_at}__lt": made_before})
        if self.blanked:
            query = query.exclude(**self.blanked)
        if station:
            query = query.filter(**{f"{self.station}__code": station})
        return self._records(query.order_by(self.made_at)[:limit])

    def held_get(self, ids: list[UUID]) -> list[HeldRecord]:
        return self._records(self.rows().filter(pk__in=ids))

    def _records(self, query: QuerySet) -> list[HeldRecord]:
        """One query: the officer and station come with the rows."""
        return [
            HeldRecord(
                record_type=self.record_type,
                record_id=row.pk,
                made_at=getattr(row, self.made_at),
                station=_station_code(_related(row, self.station)),
                officer=_related(row, self.officer).collar_number,
                summary=self.summary(row),
            )
            for row in query.select_related(self.officer, self.station)
        ]


def record_dispose(
    query: QuerySet, *, blank: dict[str, Any], proof: tuple[str, ...]
) -> dict | None:
    """Blank one record's personal content (`query` selects it) and return the `proof` fields
    as they were, which the tombstone keeps; None when there is no such record. Runs inside
    the caller's transaction, as `RecordKeeping.dispose` does."""
    held = query.values(*proof).first()
    if held is None:
        return None
    append_only_redact(query, **blank)
    return held


_keepers: dict[str, RecordKeeping] = {}
_lazy: list[str] = []  # modules whose register() has not run yet
_loading = threading.RLock()


def record_keeping_register(keeping: RecordKeeping) -> None:
    _keepers[keeping.record_type] = keeping


def record_keeping_register_lazily(module: str) -> None:
    """For AppConfig.ready(): `module.register()` runs when the registry is first read, so
    django.setup() does not import the record apps' serialisers (and their API schemas).
    The module may register record keeping, subject sources or both."""
    _lazy.append(module)


def record_keeping_get(record_type: str) -> RecordKeeping | None:
    _load()
    return _keepers.get(record_type)


def record_keeping_all() -> list[RecordKeeping]:
    _load()
    return [_keepers[name] for name in sorted(_keepers)]


@dataclass(frozen=True)
class SubjectSource:
    """Somewhere other than the records where subject access must look for a person: the
    reference data checks are made against, or the log of checks made about them.

    `find(name, birth_date)` returns what mentions the person, as `SubjectMatch`es whose
    `record_type` names the kind of row (e.g. `checks.person`, `checks.check`). `section` is
    where the disclosure lists them: "reference_data" or "checks".
    """

    name: str
    section: str
    label: str
    find: Callable[[str, date | None], list[SubjectMatch]]


SUBJECT_SECTIONS = ("reference_data", "checks")
_sources: dict[str, SubjectSource] = {}


def subject_source_register(source: SubjectSource) -> None:
    if source.section not in SUBJECT_SECTIONS:
        raise ValueError(f"a subject source's section is one of {SUBJECT_SECTIONS}")
    _sources[source.name] = source


def subject_sources_all() -> list[SubjectSource]:
    _load()
    return [_sources[name] for name in sorted(_sources)]


# Evidence attached to any record, for court bundles: (record_type, record_ids) -> item dicts
# with their SHA-256, chain hash and chain of custody. The evidence app registers it.
# `bundled(record_type, record_ids, actor=, device=, bundle_id=, reason=)` adds an `exported`
# step to each attached item's chain of custody, inside the bundle's transaction.
EvidenceLister = Callable[[str, list[UUID]], list[dict]]
EvidenceBundled = Callable[..., None]
_evidence: list[tuple[EvidenceLister, EvidenceBundled]] = []


def evidence_lister_register(lister: EvidenceLister, bundled: EvidenceBundled) -> None:
    _evidence[:] = [(lister, bundled)]


def evidence_attached(record_type: str, record_ids: list[UUID]) -> list[dict]:
    _load()
    return _evidence[0][0](record_type, record_ids) if _evidence else []


def evidence_bundled(record_type: str, record_ids: list[UUID], **context) -> None:
    _load()
    if _evidence:
        _evidence[0][1](record_type, record_ids, **context)


def _load() -> None:
    if not _lazy:
        return
    with _loading:  # two first readers at once: the second waits for a full registry
        while _lazy:
            import_module(_lazy[0]).register()
            _lazy.pop(0)


def _related(row, path: str):
    """The object at the end of a lookup path (`"officer__station"`), or None past a null."""
    for name in path.split("__"):
        if row is None:
            return None
        row = getattr(row, name)
    return row


def _station_code(station) -> str:
    return station.code if station is not None else ""
