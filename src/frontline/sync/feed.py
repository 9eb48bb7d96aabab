"""The change feed devices pull: appended in commit order, inside the transaction of the change.

`change_record` takes (or, on PostgreSQL, moves) the feed's head row and holds its lock to
commit, so seq order is commit order and a pull's cursor never skips a change that committed
late (decision 4). Lock order: a record's own locks, then this head, then the audit head.
"""

import functools
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Max

from frontline.common.clock import now
from frontline.common.headrow import head_lock
from frontline.common.insert import rows_convert, rows_insert, value_convert
from frontline.sync.models import Change, ChangeHead

FEED = "main"
HEAD_COLUMNS = ("seq", "pruned_through")
# Only the model's own table name goes into the text.
CHANGE_COLUMNS = (
    "seq",
    "type",
    "record_id",
    "op",
    "version",
    "owner_id",
    "team_id",
    "scope",
    "committed_at",
)


def change_record(
    *,
    type: str,
    record_id,
    owner_id,
    team_id=None,
    scope: str = "owner",
    op: str = "upsert",
    version: int = 1,
) -> Change:
    """Append to the change feed, inside the transaction of the change itself.

    The head row is locked until commit, so a change can only take seq N + 1 after the change
    holding N has committed: seq order is commit order, and a cursor never skips a late commit.
    Lock order: a record's own locks, then this head, then the audit head.
    """
    values = _change_values(
        type=type,
        record_id=record_id,
        owner_id=owner_id,
        team_id=team_id,
        scope=scope,
        op=op,
        version=version,
    )
    committed_at = now()
    [seq] = _changes_append(rows_convert(Change, _VALUE_COLUMNS, [values]), committed_at)
    return Change.from_db(connection.alias, CHANGE_COLUMNS, (seq, *values, committed_at))


def changes_record_many(*, changes: list[dict]) -> list[int]:
    """Append several changes (dicts of `change_record`'s arguments) in the order given: one
    head lock, one INSERT, one head update. Returns their seqs."""
    return changes_record_prepared(changes_prepare(changes))


@dataclass(frozen=True)
class ChangesPrepared:
    """Changes checked and made ready for the database (`changes_prepare`), to append later."""

    rows: list[tuple]  # _VALUE_COLUMNS' values, converted as `rows_insert` would convert them


def changes_prepare(changes: list[dict]) -> ChangesPrepared:
    """The work of appending `changes` that needs no lock: their values made ready for the
    database. A batch does this before its transaction: on SQLite, while another writer
    holds the single write lock instead of while every other writer waits."""
    return ChangesPrepared(
        rows_convert(Change, _VALUE_COLUMNS, [_change_values(**change) for change in changes])
    )


def changes_record_prepared(*prepared: ChangesPrepared) -> list[int]:
    """Append prepared changes in the order given, inside the transaction of the change:
    one head lock, one INSERT, one head update. Returns their seqs."""
    rows = [row for part in prepared for row in part.rows]
    return _changes_append(rows, now()) if rows else []


def changes_prune_tombstones(*, through_seq: int) -> int:
    """Remove tombstones at or below a seq; cursors older than it must reset."""
    with transaction.atomic():
        head = _feed_head_for_update()
        removed, _ = Change.objects.filter(op="delete", seq__lte=through_seq).delete()
        ChangeHead.objects.filter(pk=FEED).update(
            pruned_through=max(head.pruned_through, min(through_seq, head.seq))
        )
    return removed


def tombstones_prune_expired() -> int:
    """Prune tombstones older than FRONTLINE_TOMBSTONE_RETENTION_DAYS (run daily)."""
    cutoff = now() - timedelta(days=settings.FRONTLINE["TOMBSTONE_RETENTION_DAYS"])
    through = Change.objects.filter(op="delete", committed_at__lt=cutoff).aggregate(top=Max("seq"))[
        "top"
    ]
    return changes_prune_tombstones(through_seq=through) if through else 0


def _changes_append(values: list[tuple], committed_at) -> list[int]:
    # `values`: _VALUE_COLUMNS' values, ready for the database. Returns the changes' seqs.
    if connection.vendor == "postgresql":
        first = _feed_append_one_statement(values, committed_at)
        if first is not None:
            return list(range(first, first + len(values)))
    head = _feed_head_for_update()
    committed = value_convert(Change, "committed_at", committed_at)
    rows = [
        (head.seq + offset, *change, committed) for offset, change in enumerate(values, start=1)
    ]
    rows_insert(
        Change,
        CHANGE_COLUMNS,
        rows,
        head=(ChangeHead, FEED, {"seq": rows[-1][0]}),
        converted=CHANGE_COLUMNS,
    )
    return [row[0] for row in rows]


def _feed_append_one_statement(values: list[tuple], committed_at) -> int | None:
    """PostgreSQL: move the feed head on by len(values) and insert the changes numbered after
    its old seq, in one statement; returns the first seq, or None when there is no head yet.

    The UPDATE takes the head's row lock and holds it to commit, as `FOR UPDATE` does; under
    READ COMMITTED, an UPDATE that waited for another writer works from that writer's committed
    seq, so numbers are still handed out in commit order. One round trip instead of three
    while every other push waits on this lock.
    """
    with connection.cursor() as cursor:
        columns = [list(column) for column in zip(*values, strict=True)]
        cursor.execute(_feed_append_sql(), [len(values), FEED, len(values), committed_at, *columns])
        seqs = [row[0] for row in cursor.fetchall()]
    return min(seqs) if seqs else None


@functools.cache
def _feed_append_sql() -> str:
    fields = [Change._meta.get_field(name) for name in ("type", "record_id", "op", "version")]
    fields += [Change._meta.get_field(name) for name in ("owner", "team", "scope")]
    columns = [field.column for field in fields]
    arrays = ", ".join(f"%s::{field.db_type(connection).split('(')[0]}[]" for field in fields)
    # Only the models' own table and column names go into the text; values are parameters.
    return (
        f"WITH head AS (UPDATE {ChangeHead._meta.db_table} SET seq = seq + %s "  # noqa: S608
        "WHERE name = %s RETURNING seq) "
        f"INSERT INTO {Change._meta.db_table} (seq, {', '.join(columns)}, committed_at) "
        f"SELECT head.seq - %s + t.n, {', '.join('t.' + c for c in columns)}, %s "
        "FROM head, unnest(" + arrays + ") WITH ORDINALITY AS t(" + ", ".join(columns) + ", n) "
        "RETURNING seq"
    )


# The columns a change brings; seq and committed_at are given under the feed head's lock.
_VALUE_COLUMNS = CHANGE_COLUMNS[1:-1]


def _change_values(
    *,
    type: str,
    record_id,
    owner_id,
    team_id=None,
    scope: str = "owner",
    op: str = "upsert",
    version: int = 1,
) -> tuple:
    # In the order of CHANGE_COLUMNS, between seq and committed_at.
    return (type, record_id, op, version, owner_id, team_id, scope)


def _feed_head_for_update() -> ChangeHead:
    # Lock the head; only a database that has never recorded a change inserts it first (the
    # insert is idempotent, and the lock that follows serialises two first writers). Locking
    # first spares every other change an INSERT ... ON CONFLICT that waits on the same lock.
    head = head_lock(ChangeHead, FEED, HEAD_COLUMNS)
    if head is None:
        ChangeHead.objects.bulk_create([ChangeHead(name=FEED)], ignore_conflicts=True)
        head = head_lock(ChangeHead, FEED, HEAD_COLUMNS)
    return head
