"""A multi-row INSERT of plain tuples, for the hot append paths (a sync batch).

`QuerySet.bulk_create` builds a model instance per row and prepares every value through the
field machinery; for a push of 50 entries that was most of the transaction's time, and on SQLite
the transaction holds the single write lock. Here each column's conversion is chosen once, from
the field, with the same backend adapters Django uses, so the stored values are identical.

On PostgreSQL several rows go through COPY FROM STDIN: a VALUES list of 50 rows was a new text
of hundreds of placeholders to split on every push, and an INSERT of one array per column
(unnested by the server) had psycopg dump every array element by element in Python; both were
about a third of a push's CPU. COPY writes each value with psycopg's compiled dumpers.

An append to a chain or feed ends by moving its head row, which stays locked to commit. On
PostgreSQL a single row's INSERT carries that UPDATE in its own statement (`head=`); after a
COPY it is one statement more (the change feed keeps its own one-statement append).
"""

import time
import uuid
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from datetime import UTC

from django.db import DEFAULT_DB_ALIAS, connections

from frontline.common.headrow import head_move, head_move_sql
from frontline.common.prepared import statement_run, statement_run_many


def rows_insert(
    model,
    columns: Sequence[str],
    rows: Sequence[Sequence],
    *,
    head: tuple | None = None,
    converted: Collection[str] = (),
) -> None:
    """INSERT `rows` (tuples in the order of `columns`, field attnames) in as few statements
    as the backend allows. Constraint violations raise IntegrityError.

    `head=(head_model, pk, {column: value})`: then also move that head row (locked by
    `headrow.head_lock`), in the same statement on PostgreSQL; if the INSERT fails, the head
    does not move.

    `converted`: columns whose values `rows_convert` has already made ready for the database,
    before the caller's transaction, so that work is not done while the write lock is held.
    """
    if not rows:
        if head:
            head_move(head[0], head[1], **head[2])
        return
    # This thread's connection, looked up once: each `connection.x` goes through Django's
    # per-thread proxy, and a push makes this call four times while it holds the write lock.
    db = connections[DEFAULT_DB_ALIAS]
    postgresql = db.vendor == "postgresql"
    if head and not postgresql:
        rows_insert(model, columns, rows, converted=converted)
        head_move(head[0], head[1], **head[2])
        return
    statement = _statement(db, model, tuple(columns))
    to_convert = [
        (index, _last_value_kept(convert))
        for index, convert in _converters(db, statement)
        if columns[index] not in converted
    ]
    columns_values = [list(values) for values in zip(*rows, strict=True)]
    for index, convert in to_convert:
        columns_values[index] = [
            None if value is None else convert(value) for value in columns_values[index]
        ]
    if postgresql and len(rows) > 1:
        _copy(db, statement, columns_values)
        if head:
            head_move(head[0], head[1], **head[2])
        return
    if postgresql and head:  # the head's UPDATE as a data-modifying WITH of the INSERT
        move, move_params = head_move_sql(head[0], head[1], head[2])
        statement_run(
            f"WITH moved AS ({move}) {statement.prefix}{statement.unnest}",
            move_params + columns_values,
        )
    elif len(rows) == 1:
        statement_run(statement.prefix + statement.values, [v[0] for v in columns_values])
    else:
        # One short statement stepped once a row: SQLite prepares it once and keeps it,
        # where a VALUES list of 50 rows was a long new text to rewrite and parse.
        statement_run_many(
            statement.prefix + statement.values, list(zip(*columns_values, strict=True))
        )


def rows_convert(model, columns: Sequence[str], rows: Sequence[Sequence]) -> list[tuple]:
    """`rows` with every value made ready for the database as `rows_insert` would make it
    (UUIDs as SQLite stores them, times adapted, JSON encoded): for `rows_insert(...,
    converted=columns)` later, inside a transaction that should hold its locks briefly."""
    if not rows:
        return []
    db = connections[DEFAULT_DB_ALIAS]
    statement = _statement(db, model, tuple(columns))
    columns_values = [list(values) for values in zip(*rows, strict=True)]
    for index, convert in _converters(db, statement):
        convert = _last_value_kept(convert)
        columns_values[index] = [
            None if value is None else convert(value) for value in columns_values[index]
        ]
    return list(zip(*columns_values, strict=True))


def value_convert(model, column: str, value):
    """One value made ready for the database, as `rows_convert` makes it."""
    return rows_convert(model, [column], [(value,)])[0][0]


@dataclass(frozen=True, eq=False)  # hashed by identity: a key of each connection's converters
class _Statement:
    prefix: str  # INSERT INTO table (columns)
    values: str  # one row's VALUES (...)
    unnest: str  # PostgreSQL: SELECT FROM unnest of one array per column
    fields: list


_statements: dict[tuple, _Statement] = {}


def _statement(db, model, columns: tuple[str, ...]) -> _Statement:
    key = (model, columns, db.vendor)
    if key not in _statements:
        fields = [model._meta.get_field(_field_name(model, column)) for column in columns]
        quote = db.ops.quote_name
        # Only the model's own table and column names go into the text, quoted; values are
        # always parameters.
        names = ", ".join(quote(field.column) for field in fields)
        _statements[key] = _Statement(
            prefix=f"INSERT INTO {quote(model._meta.db_table)} ({names}) ",
            values="VALUES (" + ", ".join(["%s"] * len(fields)) + ")",
            unnest=_unnest_select(db, fields) if db.vendor == "postgresql" else "",
            fields=fields,
        )
    return _statements[key]


def _converters(db, statement: _Statement) -> list[tuple[int, Callable]]:
    # Kept on the connection (a DatabaseWrapper of each thread's own), not with the text: the
    # adapters are bound to it, and they are dropped with it. A cache keyed by the connection
    # elsewhere would hold it alive through those same adapters.
    kept = db.__dict__.get(_KEPT)
    if kept is None:
        kept = db.__dict__[_KEPT] = {}
    converters = kept.get(statement)
    if converters is None:
        converters = kept[statement] = [
            (index, convert)
            for index, convert in enumerate(_converter(db, field) for field in statement.fields)
            if convert
        ]
    return converters


_KEPT = "_frontline_insert_converters"


def _unnest_select(db, fields) -> str:
    # Each column's array is cast to the column's type without its length modifier (varchar,
    # not varchar(60)), so an over-long value is refused by the column as with VALUES, not cut.
    arrays = ", ".join(f"%s::{field.db_type(db).split('(')[0]}[]" for field in fields)
    return f"SELECT * FROM unnest({arrays})"  # noqa: S608


def _field_name(model, column: str) -> str:
    for field in model._meta.concrete_fields:
        if field.attname == column:
            return field.name
    raise ValueError(f"{model.__name__} has no column {column!r}")


def _converter(db, field) -> Callable | None:
    target = field.target_field if field.is_relation else field
    kind = target.get_internal_type()
    if kind == "UUIDField":
        return None if db.features.has_native_uuid_field else _uuid_hex
    if kind == "DateTimeField":
        return db.ops.adapt_datetimefield_value
    if kind == "JSONField":
        return lambda value: field.get_db_prep_save(value, db)
    return None


def _last_value_kept(convert: Callable) -> Callable:
    # A batch's rows share their timestamps (received, recorded, committed): convert each once.
    last = [None, None]

    def converted(value):
        if value is not last[0]:
            last[0], last[1] = value, convert(value)
        return last[1]

    return converted


def _uuid_hex(value) -> str:
    return value.hex if isinstance(value, uuid.UUID) else uuid.UUID(str(value)).hex


def _copy(db, statement: _Statement, columns_values: list[list]) -> None:
    """PostgreSQL: the rows through COPY FROM STDIN, whose rows psycopg writes with its
    compiled per-value dumpers. The arrays of an unnest INSERT were dumped element by element
    in Python (a third of a push's CPU on PostgreSQL); COPY checks the same constraints and
    keys, and a violation raises IntegrityError as an INSERT's would."""
    for index, field in enumerate(statement.fields):
        if field.get_internal_type() == "DateTimeField":
            columns_values[index] = list(
                map(_last_value_kept(_pg_time_text), columns_values[index])
            )
    text = f"COPY {statement.prefix[len('INSERT INTO ') :]}FROM STDIN"
    started = time.monotonic()
    with (
        db.cursor() as cursor,
        db.wrap_database_errors,
        cursor.cursor.copy(text) as copy,
    ):
        for row in zip(*columns_values, strict=True):
            copy.write_row(row)
    if db.queries_logged:  # as Django's debug cursor logs a statement
        db.queries_log.append({"sql": text, "time": f"{time.monotonic() - started:.3f}"})


def _pg_time_text(value):
    # An aware time as UTC text: what common.pgtime's dumper sends, without a Python dumper
    # call per value. Within a day of year 1 or 9999 the conversion overflows: the server
    # is left to refuse or take it, as there.
    if value is None:
        return None
    try:
        return value.astimezone(UTC).isoformat()
    except OverflowError:
        return value
