"""Integrity verification of every hash chain: the audit trail, and chains registered by apps.

Each verifier walks its chain(s) in order and reports the first broken link of each chain. The
`frontline verify` command runs them all.
"""

import contextlib
import hashlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from django.db import connection, transaction

from frontline.audit.models import AuditHead
from frontline.common.hashing import GENESIS_HASH, SEPARATOR
from frontline.common.sqlcanon import sql_time, sql_uuid


@dataclass(frozen=True)
class ChainBreak:
    chain: str  # e.g. "audit" or "notebook:<officer id>"
    row: str  # which row, e.g. "audit seq 42" or "entry <uuid> (seq 7)"
    reason: str

    def __str__(self) -> str:
        return f"{self.chain}: {self.row}: {self.reason}"


@dataclass
class ChainReport:
    name: str
    rows: int
    chains: int
    breaks: list[ChainBreak]


Verifier = Callable[[Callable[[int], None] | None], ChainReport]
_verifiers: dict[str, Verifier] = {}


def chain_register(name: str, verifier: Verifier) -> None:
    """Record apps call this from AppConfig.ready() to have their chains verified."""
    _verifiers[name] = verifier


def chains_verify_all(progress: Callable[[int], None] | None = None) -> list[ChainReport]:
    return [verifier(progress) for _, verifier in sorted(_verifiers.items())]


@contextlib.contextmanager
def read_snapshot() -> Iterator[None]:
    """Read a chain and its head row from one consistent snapshot of the database.

    Otherwise a row appended between the two reads would look like a break. On PostgreSQL this is
    a REPEATABLE READ, READ ONLY transaction, in which a server-side cursor streams rather than
    being materialised in full first (WITH HOLD, as it must be outside a transaction). On SQLite
    it is a deferred transaction: a snapshot in WAL mode, without taking the write lock. Inside a
    caller's transaction, that transaction is the snapshot.
    """
    connection.ensure_connection()
    if connection.in_atomic_block or (
        connection.vendor == "sqlite" and connection.connection.in_transaction
    ):
        yield
    elif connection.vendor == "postgresql":
        with transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            yield
    else:
        with connection.cursor() as cursor:
            cursor.execute("BEGIN DEFERRED")
        try:
            yield
        finally:
            with connection.cursor() as cursor:
                cursor.execute("COMMIT")  # nothing was written: this ends the read snapshot


def rows_fetch(sql: str, params=(), batch: int = 20_000) -> Iterator[tuple]:
    """Stream rows with a server-side cursor on PostgreSQL, in batches everywhere."""
    with connection.chunked_cursor() as cursor:
        cursor.execute(sql, params)
        while rows := cursor.fetchmany(batch):
            yield from rows


@read_snapshot()  # the trail and its head row from one snapshot
def audit_chain_verify(progress: Callable[[int], None] | None = None) -> ChainReport:
    from frontline.audit.services import AUDIT_TAG, CHAIN

    vendor = connection.vendor
    # Built only from constant column names, never from input.
    sql = (
        "SELECT seq, "
        f"{sql_time('at', vendor)}, {sql_uuid('actor_id', vendor)}, "
        f"{sql_uuid('device_id', vendor)}, action, object_type, object_id, justification, "
        f"detail, prev_hash, hash FROM audit_auditevent ORDER BY seq"
    )
    expected_prev = GENESIS_HASH
    expected_seq = 1
    count = 0
    breaks: list[ChainBreak] = []
    prefix = AUDIT_TAG + SEPARATOR
    sha256 = hashlib.sha256
    link_broken = tampered = False
    for row in rows_fetch(sql):
        count += 1
        if progress and count % 100_000 == 0:
            progress(count)
        seq = row[0]
        where = f"audit seq {seq}"
        if not tampered:
            digest = sha256((prefix + SEPARATOR.join((str(seq), *row[1:10]))).encode()).hexdigest()
            if digest != row[10]:
                # The row itself was altered: name it, whatever the links around it say.
                tampered = True
                breaks.append(ChainBreak("audit", where, "hash does not match the row's contents"))
        if not link_broken and not tampered:
            if seq != expected_seq:
                link_broken = True
                breaks.append(
                    ChainBreak("audit", where, f"expected seq {expected_seq}: rows missing")
                )
            elif row[9] != expected_prev:
                link_broken = True
                breaks.append(
                    ChainBreak("audit", where, "prev_hash does not match the previous row")
                )
        expected_prev = row[10]
        expected_seq = seq + 1
    if not breaks:
        head = AuditHead.objects.filter(pk=CHAIN).first()
        head_seq, head_hash = (head.seq, head.hash) if head else (0, GENESIS_HASH)
        if head_seq != expected_seq - 1 or head_hash != expected_prev:
            breaks.append(
                ChainBreak(
                    "audit",
                    f"audit seq {head_seq}",
                    f"chain head records seq {head_seq} but the trail ends at {expected_seq - 1}: "
                    "rows removed from the end",
                )
            )
    return ChainReport(name="audit", rows=count, chains=1, breaks=breaks)


__all__ = [
    "ChainBreak",
    "ChainReport",
    "chain_register",
    "chains_verify_all",
    "read_snapshot",
]
