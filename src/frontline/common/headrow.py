"""Locking and moving the head row of an append-only chain or feed, with prepared SQL.

Every sync push locks and updates three head rows (the officer's notebook, the change feed,
the audit trail). Through the ORM each of those six statements cost more CPU to build than to
run; here the text is built once per model and database vendor. The lock is the ORM's
`select_for_update()`: `FOR UPDATE` on PostgreSQL; SQLite's IMMEDIATE transactions already
hold the single write lock.
"""

from django.db import connection

from frontline.common.prepared import rows_fetch, statement_run
from frontline.common.sqltext import uuid_param

_texts: dict[tuple, str] = {}


def head_lock(model, pk, columns: tuple[str, ...]):
    """The head row `pk` of `model` with `columns` loaded, locked until commit; None if absent.
    Columns must hold plain integers and text (no conversion is applied)."""
    key = ("lock", model, columns, connection.vendor)
    if key not in _texts:
        quote = connection.ops.quote_name
        lock = " FOR UPDATE" if connection.features.has_select_for_update else ""
        # Only the model's own table and column names go into the text.
        _texts[key] = (
            f"SELECT {', '.join(quote(c) for c in columns)} "  # noqa: S608
            f"FROM {quote(model._meta.db_table)} WHERE {quote(model._meta.pk.column)} = %s{lock}"
        )
    rows = rows_fetch(_texts[key], [_pk_param(model, pk)])
    if not rows:
        return None
    return model.from_db(connection.alias, [model._meta.pk.attname, *columns], [pk, *rows[0]])


def head_move(model, pk, **values) -> None:
    """Set plain integer and text columns of the head row `pk` (locked by `head_lock`)."""
    statement_run(*head_move_sql(model, pk, values))


def head_move_sql(model, pk, values: dict) -> tuple[str, list]:
    """The UPDATE of `head_move` as (text, parameters), for a statement that carries it along
    (see common.insert.rows_insert)."""
    columns = tuple(values)
    key = ("move", model, columns, connection.vendor)
    if key not in _texts:
        quote = connection.ops.quote_name
        assignments = ", ".join(f"{quote(column)} = %s" for column in columns)
        _texts[key] = (
            f"UPDATE {quote(model._meta.db_table)} SET {assignments} "  # noqa: S608
            f"WHERE {quote(model._meta.pk.column)} = %s"
        )
    return _texts[key], [*values.values(), _pk_param(model, pk)]


def _pk_param(model, pk):
    field = model._meta.pk
    target = field.target_field if field.is_relation else field  # a one-to-one key: its target
    return uuid_param(pk) if target.get_internal_type() == "UUIDField" else pk
