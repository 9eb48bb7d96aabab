"""Verifying every officer's notebook chain straight from the database rows.

For each officer's chain, taken in seq order: every entry's hash is recomputed from its stored
fields and the first altered entry is named; each entry must follow the one before it (the next
seq, and prev_hash equal to that entry's hash) until the first broken link, which is named; and
the last entry must match the officer's NotebookHead (entries removed from the end). An entry
whose text was blanked by a disposal is accepted only when a disposal tombstone (audit.Disposal,
written with its retention decision) holds that entry's hash; its links are checked as any other.

Speed: the database renders each entry in its canonical form (`frontline.common.sqlcanon`), so
Python does little more per entry than one SHA-256. Rows are read in storage order rather than
sorted by officer and seq, which on a large table costs a random read per row; entries almost
always sit in their chain's order, and the few that arrive early wait until their predecessor
has been seen. If too many would have to wait (a table rewritten in another order, or a chain
with an early gap), that part is read again sorted. Large tables are split by officer across
processes, each reading its officers' entries and heads in one consistent snapshot.
"""

import contextlib
import hashlib
import itertools
import multiprocessing
import os
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from uuid import UUID

from django.db import connection, connections, transaction

from frontline.audit.integrity import ChainBreak, ChainReport, read_snapshot
from frontline.audit.selectors import disposed_proofs
from frontline.common.hashing import GENESIS_HASH
from frontline.common.sqlcanon import canonical_format, sql_canonical, sql_time, sql_uuid
from frontline.notebook.models import NotebookEntry, NotebookHead
from frontline.notebook.services import NOTEBOOK_TAG

# The hashed fields in their documented order (docs/integrity.md), rendered by the database.
HASHED_COLUMNS = [
    ("id", sql_uuid),
    ("officer_id", sql_uuid),
    ("author_id", sql_uuid),
    ("seq", None),
    ("kind", None),
    ("occurred_at", sql_time),
    ("recorded_at", sql_time),
    ("supersedes_id", sql_uuid),
    ("device_id", sql_uuid),
    ("app_version", None),
    ("text", None),
    ("prev_hash", None),
]
BATCH = 200  # rows handed to the walk at a time: few enough to stay in the CPU cache
STREAM_CHUNK = 5_000  # rows per message from PostgreSQL
SQLITE_MMAP_BYTES = 1 << 40  # read the file through a memory map (SQLite caps it at its limit)
MAX_WAITING = 50_000  # entries held back for their predecessor before reading in seq order
PARALLEL_MIN_ENTRIES = 200_000  # below this, one process is quicker than starting more
MAX_PROCESSES = 4

# Officer id bounds of one part of the work: low <= officer_id < high; None is unbounded.
Bounds = tuple[UUID | None, UUID | None]


def notebook_chains_verify(progress: Callable[[int], None] | None = None) -> ChainReport:
    heads = list(NotebookHead.objects.order_by("officer_id").values_list("officer_id", "seq"))
    parts = _officer_ranges(heads, _process_count(sum(seq for _, seq in heads)))
    if len(parts) == 1:
        results = [_part_verify(parts[0], progress)]
    else:
        results = _parts_verify_in_processes(parts, progress)
    return ChainReport(
        name="notebook",
        rows=sum(result.rows for result in results),
        chains=sum(result.chains for result in results),
        breaks=[
            *(brk for result in results for brk in result.row_breaks),
            *(brk for result in results for brk in result.missing_heads),
            *(brk for result in results for brk in result.head_mismatches),
        ],
    )


def notebook_chain_verify(officer_id: UUID) -> ChainReport:
    """One officer's chain: what `frontline verify --record` checks for a notebook entry."""
    result = _part_verify((officer_id, UUID(int=officer_id.int + 1)))
    return ChainReport(
        name="notebook",
        rows=result.rows,
        chains=result.chains,
        breaks=[*result.row_breaks, *result.missing_heads, *result.head_mismatches],
    )


@dataclass
class _PartResult:
    rows: int
    chains: int
    row_breaks: list[ChainBreak]
    missing_heads: list[ChainBreak]
    head_mismatches: list[ChainBreak]


def _part_verify(bounds: Bounds, progress: Callable[[int], None] | None = None) -> _PartResult:
    """Verify the chains of the officers within bounds, from one consistent snapshot."""
    with read_snapshot():
        heads = {
            officer_id.hex: (seq, digest)
            for officer_id, seq, digest in _bounded(NotebookHead.objects, bounds).values_list(
                "officer_id", "seq", "hash"
            )
        }
        disposed = frozenset(
            proof["hash"] for proof in disposed_proofs(record_type="notebook.entry").values()
        )
        try:
            walk = _rows_walk(bounds, in_seq_order=False, progress=progress, disposed=disposed)
        except _TooFarOutOfOrder:
            walk = _rows_walk(bounds, in_seq_order=True, progress=progress, disposed=disposed)
    return _part_result(walk, heads)


def _part_result(walk: "_ChainWalk", heads: dict[str, tuple[int, str]]) -> _PartResult:
    ends = walk.chain_ends()
    broken = walk.broken_chains()
    missing = [
        ChainBreak(f"notebook:{officer}", "head", "the chain head row is missing")
        for officer in sorted(ends.keys() - heads.keys() - broken)
    ]
    mismatches = []
    for officer, (head_seq, head_hash) in sorted(heads.items()):
        if officer in broken:
            continue
        last_seq, last_hash = ends.get(officer, (0, GENESIS_HASH))
        if (last_seq, last_hash) != (head_seq, head_hash):
            mismatches.append(
                ChainBreak(
                    f"notebook:{officer}",
                    f"seq {head_seq}",
                    f"the chain head records seq {head_seq} but the notebook ends at {last_seq}: "
                    "entries removed from the end",
                )
            )
    return _PartResult(walk.rows, len(heads), walk.row_breaks(), missing, mismatches)


def _rows_walk(
    bounds: Bounds,
    *,
    in_seq_order: bool,
    progress: Callable[[int], None] | None,
    disposed: frozenset[str] = frozenset(),
) -> "_ChainWalk":
    walk = _ChainWalk(in_seq_order=in_seq_order, disposed=disposed)
    # Closed at once if the walk gives up, so that the cursor is released for the sorted read.
    with contextlib.closing(_row_batches(bounds, in_seq_order=in_seq_order)) as batches:
        for batch in batches:
            walk.rows_take(batch)
            if progress and walk.rows // 100_000 != (walk.rows - len(batch)) // 100_000:
                progress(walk.rows // 100_000 * 100_000)
    walk.finish()
    return walk


class _TooFarOutOfOrder(Exception):
    """Too many entries arrived before their predecessor: read them in seq order instead."""


@dataclass(slots=True)
class _BrokenChain:
    """A chain in which a break has been named, walked one row at a time from then on."""

    officer: str
    next_seq: int
    next_prev: str
    waiting: dict[int, tuple]  # seq -> row that arrived early
    tampered: bool = False  # the first altered entry has been named
    link_broken: bool = False  # the first broken link has been named


class _ChainWalk:
    """Walks many chains at once, each strictly in seq order, whatever order the rows come in.

    A row is (officer hex, seq, prev_hash, hash, canonical bytes). The walk of a chain is the
    same as reading its rows sorted by seq: each row's hash is checked until the first altered
    row; each row's seq and prev_hash are checked against the row before until the first broken
    link or altered row. A row that arrives before the row it follows waits for it; at the end,
    a chain still holding waiting rows has a gap, and those rows are walked in seq order.
    """

    def __init__(self, *, in_seq_order: bool, disposed: frozenset[str] = frozenset()) -> None:
        self.in_seq_order = in_seq_order
        self.disposed = disposed  # hashes of entries whose text a recorded disposal blanked
        self.rows = 0
        # Chains without a break so far: officer -> (next seq, next prev_hash).
        self.intact: dict[str, tuple[int, str]] = {}
        self.intact_waiting: dict[str, dict[int, tuple]] = {}  # officer -> seq -> early row
        self.broken: dict[str, _BrokenChain] = {}
        self.waiting = 0
        self._breaks: list[tuple[str, int, ChainBreak]] = []

    def rows_take(self, rows: list[tuple]) -> None:
        intact = self.intact
        waiting = self.intact_waiting
        sha256 = hashlib.sha256
        for row in rows:
            officer, seq, prev_hash, digest, data = row
            expected = intact.get(officer)
            if (
                expected is not None
                and seq == expected[0]
                and prev_hash == expected[1]
                and sha256(data).hexdigest() == digest
            ):
                intact[officer] = (seq + 1, digest)
                if officer in waiting:
                    self._waiting_walk(officer)
            else:
                self._row_other(row)
        self.rows += len(rows)

    def _row_other(self, row: tuple) -> None:
        """A row that is not simply the next, intact one of an intact chain."""
        officer, seq, prev_hash, digest, data = row
        chain = self.broken.get(officer)
        if chain is not None:
            self._broken_row(chain, row)
            return
        next_seq, next_prev = self.intact.setdefault(officer, (1, GENESIS_HASH))
        if seq == next_seq and prev_hash == next_prev and self._content_ok(data, digest):
            # The first row of a chain not seen before.
            self.intact[officer] = (seq + 1, digest)
            if officer in self.intact_waiting:
                self._waiting_walk(officer)
        elif seq == next_seq or self.in_seq_order:
            # Its link or its hash is wrong (or, read in seq order, entries are missing).
            chain = self._broken_from_intact(officer)
            self._step(chain, row)
            self._broken_waiting_walk(chain)
        else:
            self._row_wait(self.intact_waiting.setdefault(officer, {}), row, next_seq)

    def _row_wait(self, waiting: dict[int, tuple], row: tuple, next_seq: int) -> None:
        seq = row[1]
        if seq < next_seq or seq in waiting:
            raise _TooFarOutOfOrder  # a repeated or backward seq: only a sorted read orders it
        waiting[seq] = row
        self.waiting += 1
        if self.waiting > MAX_WAITING:
            raise _TooFarOutOfOrder

    def _waiting_walk(self, officer: str) -> None:
        """Take the rows that were waiting for the intact chain's latest row."""
        waiting = self.intact_waiting[officer]
        while True:
            next_seq, next_prev = self.intact[officer]
            row = waiting.pop(next_seq, None)
            if row is None:
                break
            self.waiting -= 1
            if row[2] == next_prev and self._content_ok(row[4], row[3]):
                self.intact[officer] = (next_seq + 1, row[3])
            else:
                chain = self._broken_from_intact(officer)
                self._step(chain, row)
                self._broken_waiting_walk(chain)
                return
        if not waiting:
            del self.intact_waiting[officer]

    def _broken_from_intact(self, officer: str) -> _BrokenChain:
        next_seq, next_prev = self.intact.pop(officer)
        waiting = self.intact_waiting.pop(officer, {})
        chain = self.broken[officer] = _BrokenChain(officer, next_seq, next_prev, waiting)
        return chain

    def _broken_row(self, chain: _BrokenChain, row: tuple) -> None:
        if chain.tampered:
            return  # after a chain's first altered entry, nothing more is checked in it
        if row[1] == chain.next_seq or self.in_seq_order:
            self._step(chain, row)
            self._broken_waiting_walk(chain)
        else:
            self._row_wait(chain.waiting, row, chain.next_seq)

    def _broken_waiting_walk(self, chain: _BrokenChain) -> None:
        while (row := chain.waiting.pop(chain.next_seq, None)) is not None:
            self.waiting -= 1
            self._step(chain, row)

    def _step(self, chain: _BrokenChain, row: tuple) -> None:
        """The next row of the chain in seq order."""
        _, seq, prev_hash, digest, data = row
        if not chain.tampered and not self._content_ok(data, digest):
            # The row itself was altered: name it, whatever the links around it say.
            chain.tampered = True
            self._break(chain, row, "hash does not match the entry's contents")
        elif not chain.link_broken and not chain.tampered:
            if seq != chain.next_seq:
                chain.link_broken = True
                self._break(chain, row, f"expected seq {chain.next_seq}: entries missing")
            elif prev_hash != chain.next_prev:
                chain.link_broken = True
                self._break(chain, row, "prev_hash does not match the previous entry")
        chain.next_seq, chain.next_prev = seq + 1, digest

    def _content_ok(self, data: bytes, digest: str) -> bool:
        # The fast path in rows_take hashes first; a disposed entry only ever reaches here.
        return hashlib.sha256(data).hexdigest() == digest or digest in self.disposed

    def _break(self, chain: _BrokenChain, row: tuple, reason: str) -> None:
        entry_id = bytes(row[4]).split(b"\x1f", 2)[1].decode()
        where = f"entry {entry_id} (seq {row[1]})"
        brk = ChainBreak(f"notebook:{chain.officer}", where, reason)
        self._breaks.append((chain.officer, row[1], brk))

    def finish(self) -> None:
        """Walk the rows still waiting: each such chain has a gap before its first waiting row."""
        for officer in list(self.intact_waiting):
            self._broken_from_intact(officer)
        for chain in self.broken.values():
            for seq in sorted(chain.waiting):
                if not chain.tampered:
                    self._step(chain, chain.waiting[seq])
            self.waiting -= len(chain.waiting)
            chain.waiting.clear()

    def chain_ends(self) -> dict[str, tuple[int, str]]:
        """Officer -> (seq, hash) of the last row of every intact chain."""
        return {officer: (seq - 1, prev) for officer, (seq, prev) in self.intact.items()}

    def broken_chains(self) -> set[str]:
        return set(self.broken)

    def row_breaks(self) -> list[ChainBreak]:
        return [brk for _, _, brk in sorted(self._breaks, key=lambda item: item[:2])]


def _row_batches(bounds: Bounds, *, in_seq_order: bool) -> Iterator[list[tuple]]:
    """Rows of (officer hex, seq, prev_hash, hash, canonical bytes), in batches."""
    vendor = connection.vendor
    canonical = sql_canonical(
        [render(column, vendor) if render else column for column, render in HASHED_COLUMNS],
        vendor,
    )
    where, bound_params = _bounds_sql(bounds)
    officer = sql_uuid("officer_id", vendor)
    if vendor == "postgresql":
        officer = f"CAST({officer} AS varchar)"  # text is read as bytes there: keep this a str
    # Built only from constant column names, never from input.
    sql = (
        f"SELECT {officer}, seq, prev_hash, hash, {canonical} "
        f"FROM notebook_notebookentry{'' if in_seq_order or vendor != 'sqlite' else ' NOT INDEXED'}"
        f"{where}{' ORDER BY officer_id, seq' if in_seq_order else ''}"
    )
    params = [canonical_format(NOTEBOOK_TAG, len(HASHED_COLUMNS)), *bound_params]
    if vendor == "postgresql":
        yield from _postgresql_batches(sql, params, in_seq_order=in_seq_order)
    else:
        yield from _sqlite_batches(sql, params)


def _sqlite_batches(sql: str, params: list) -> Iterator[list[tuple]]:
    # A memory map saves a read() system call per page; the connection's setting is restored.
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA mmap_size")
        (mmap_size,) = cursor.fetchone()
        cursor.execute(f"PRAGMA mmap_size = {SQLITE_MMAP_BYTES}")
        try:
            cursor.execute(sql, params)
            while batch := cursor.fetchmany(BATCH):
                yield batch
        finally:
            cursor.execute(f"PRAGMA mmap_size = {int(mmap_size)}")


def _postgresql_batches(sql: str, params: list, *, in_seq_order: bool) -> Iterator[list[tuple]]:
    """Stream the rows as the server produces them, the canonical form arriving as bytes.

    A server-side cursor would gather each FETCH into a tuplestore first, spilling to disk;
    libpq's chunked-rows mode streams instead, the server producing while this process hashes.
    """
    import psycopg
    from psycopg.types.string import ByteaBinaryLoader

    raw = connection.connection
    size = STREAM_CHUNK if psycopg.capabilities.has_stream_chunked() else 1
    # A stream left early is cancelled, which aborts the transaction: a savepoint contains that,
    # so that the same snapshot can still be read again in seq order.
    with transaction.atomic(), psycopg.Cursor(raw) as cursor:
        # Text comes as it is sent, UTF-8 (Django's client encoding): the very bytes to hash,
        # without decoding them to str and encoding them back.
        cursor.adapters.register_loader("text", ByteaBinaryLoader)
        if not in_seq_order:
            # Start at the table's first page even if another scan of it is under way.
            cursor.execute("SET LOCAL synchronize_seqscans = off")
        with contextlib.closing(cursor.stream(sql, params, binary=True, size=size)) as rows:
            while batch := list(itertools.islice(rows, BATCH)):
                yield batch


def _bounds_sql(bounds: Bounds) -> tuple[str, list]:
    officer_field = NotebookEntry._meta.get_field("officer").target_field
    clauses, params = [], []
    for operator, value in zip((">=", "<"), bounds, strict=True):
        if value is not None:
            clauses.append(f"officer_id {operator} %s")
            params.append(officer_field.get_db_prep_value(value, connection))
    return (" WHERE " + " AND ".join(clauses) if clauses else ""), params


def _bounded(queryset, bounds: Bounds):
    low, high = bounds
    if low is not None:
        queryset = queryset.filter(officer_id__gte=low)
    if high is not None:
        queryset = queryset.filter(officer_id__lt=high)
    return queryset


def _officer_ranges(heads: list[tuple[UUID, int]], parts: int) -> list[Bounds]:
    """Split the officers into ranges holding about the same number of entries each.

    The ranges cover every possible officer id, so no entry is left out whatever the heads say;
    the heads' counts only balance the work.
    """
    total = sum(seq for _, seq in heads)
    cuts: list[UUID] = []
    running = 0
    for officer_id, seq in heads:
        if len(cuts) < parts - 1 and running >= total * (len(cuts) + 1) / parts:
            cuts.append(officer_id)
        running += seq
    edges = [None, *cuts, None]
    return list(itertools.pairwise(edges))


def _process_count(entries: int) -> int:
    if entries < PARALLEL_MIN_ENTRIES or connection.in_atomic_block:
        return 1  # a caller's open transaction may hold rows other connections cannot see
    if "fork" not in multiprocessing.get_all_start_methods() or threading.active_count() > 1:
        return 1  # the workers inherit the set-up Django by fork, which needs a lone thread
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:
        cores = os.cpu_count() or 1
    return max(1, min(cores, MAX_PROCESSES))


def _parts_verify_in_processes(
    parts: list[Bounds], progress: Callable[[int], None] | None
) -> list[_PartResult]:
    connections.close_all()  # each process opens its own connection
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(max_workers=len(parts), mp_context=context) as pool:
        futures = [pool.submit(_part_verify_in_process, bounds) for bounds in parts]
        results = []
        for future in futures:
            results.append(future.result())
            if progress:
                progress(sum(result.rows for result in results))
    return results


def _part_verify_in_process(bounds: Bounds) -> _PartResult:
    try:
        return _part_verify(bounds)
    finally:
        connections.close_all()
