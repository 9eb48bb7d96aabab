"""A multi-row INSERT of plain tuples, for the hot append paths (a sync batch).

`QuerySet.bulk_create` builds a model instance per row and prepares every value through the
field machinery; for a push of 50 entries that was most of the transaction's time, and on SQLite
the transaction holds the single write lock. Here each column's conversion is chosen once, from
the field, with the same backend adapters Django uses, so the stored values are identical.

On PostgreSQL several rows go as one array per column, unnested by the server: the statement's
text stays a few hundred characters whatever the number of rows, so psycopg parses it once and
keeps it, where a VALUES list of 50 rows was a new text of hundreds of placeholders to split on
every push (a third of a push's CPU), and the server plans a fixed shape.

An append to a chain or feed ends by moving its head row, which stays locked to commit. On
PostgreSQL that UPDATE rides in the INSERT's own statement (`head=`): every round trip made
while a global head is locked is time every other push waits, and a thread in a busy worker
may wait for the interpreter's lock after each one.
"""

import uuid
from collections.abc import Callable, Sequence

from django.db import connection

from frontline.common.headrow import head_move, head_move_sql


def rows_insert(
    model, columns: Sequence[str], rows: Sequence[Sequence], *, head: tuple | None = None
) -> None:
    """INSERT `rows` (tuples in the order of `columns`, field attnames) in as few statements
    as the backend's parameter limit allows. Constraint violations raise IntegrityError.

    `head=(head_model, pk, {column: value})`: then also move that head row (locked by
    `headrow.head_lock`), in the same statement on PostgreSQL; if the INSERT fails, the head
    does not move."""
    if not rows:
        if head:
            head_move(head[0], head[1], **head[2])
        return
    if head and connection.vendor != "postgresql":
        rows_insert(model, columns, rows)
        head_move(head[0], head[1], **head[2])
        return
    fields = [model._meta.get_field(_field_name(model, column)) for column in columns]
    converters = [_converter(field) for field in fields]
    converted = [
        (index, _last_value_kept(convert)) for index, convert in enumerate(converters) if convert
    ]
    quote = connection.ops.quote_name
    # Only the model's own table and column names go into the text, quoted; values are
    # always parameters.
    names = ", ".join(quote(field.column) for field in fields)
    prefix = f"INSERT INTO {quote(model._meta.db_table)} ({names}) "
    unnest = connection.vendor == "postgresql" and len(rows) > 1
    size = len(rows) if unnest else max(1, connection.ops.bulk_batch_size(fields, rows))
    if head:  # PostgreSQL: the head's UPDATE as a data-modifying WITH of the INSERT
        move, move_params = head_move_sql(head[0], head[1], head[2])
        prefix, size = f"WITH moved AS ({move}) {prefix}", len(rows)
    else:
        move_params = []
    with connection.cursor() as cursor:
        for start in range(0, len(rows), size):
            chunk = rows[start : start + size]
            # Column by column: one comprehension per converted column, then the rows again.
            columns_values = [list(values) for values in zip(*chunk, strict=True)]
            for index, convert in converted:
                columns_values[index] = [
                    None if value is None else convert(value) for value in columns_values[index]
                ]
            if unnest:
                cursor.execute(prefix + _unnest_select(fields), move_params + columns_values)
                continue
            params = [value for row in zip(*columns_values, strict=True) for value in row]
            placeholder = "(" + ", ".join(["%s"] * len(columns)) + ")"
            cursor.execute(
                prefix + "VALUES " + ", ".join([placeholder] * len(chunk)), move_params + params
            )


def _unnest_select(fields) -> str:
    # Each column's array is cast to the column's type without its length modifier (varchar,
    # not varchar(60)), so an over-long value is refused by the column as with VALUES, not cut.
    arrays = ", ".join(f"%s::{field.db_type(connection).split('(')[0]}[]" for field in fields)
    return f"SELECT * FROM unnest({arrays})"  # noqa: S608


def _field_name(model, column: str) -> str:
    for field in model._meta.concrete_fields:
        if field.attname == column:
            return field.name
    raise ValueError(f"{model.__name__} has no column {column!r}")


def _converter(field) -> Callable | None:
    target = field.target_field if field.is_relation else field
    kind = target.get_internal_type()
    if kind == "UUIDField":
        return None if connection.features.has_native_uuid_field else _uuid_hex
    if kind == "DateTimeField":
        return connection.ops.adapt_datetimefield_value
    if kind == "JSONField":
        return lambda value: field.get_db_prep_save(value, connection)
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
