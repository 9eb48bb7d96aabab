"""A sync's hot statements: reads prepared on PostgreSQL, and run straight on SQLite's connection.

Django binds parameters on the client: every statement reaches PostgreSQL as new text, which
the server parses and plans again. A device's pull runs two statements of the same shape on
every page (the feed page and its records), hundreds of times a second at force scale, and
planning them took a large part of PostgreSQL's time for a page. Here they go through a
psycopg cursor that binds on the server and keeps each statement prepared on its connection
(psycopg names and caches them), so each is parsed and planned once per connection.

The session lookup behind every API request goes this way too. psycopg forgets a connection's
prepared statements after a rollback (and sends `DEALLOCATE ALL`); they are prepared again on
next use. `FRONTLINE_PG_PREPARED=0` turns all this off, for a transaction-pooling PgBouncer that
does not track prepared statements (before 1.22, or without `max_prepared_statements`).

SQLite caches its own compiled statements per connection, so there a statement just runs, but
straight on the sqlite3 connection (`statement_run`, `statement_run_many` and `rows_fetch`):
a sync push runs about a dozen short statements while it holds SQLite's single write lock
(three head rows read and moved, four inserts, the acknowledged seq), and through Django's
cursor each one passed the per-thread connection proxy, a new cursor wrapper, the execute
wrappers and a rewrite of its placeholders, which for the head rows cost more CPU than SQLite
took to run them. Django's checks before a statement and its error translation are kept (a
constraint still raises Django's IntegrityError). Whenever Django would log or wrap the
statement (DEBUG, a test counting queries, an execute wrapper), it goes through Django's
cursor as before, as does a text holding a literal `%` or no parameters. Tools that hook
Django's cursor itself (an APM integration, say) do not see the statements run directly.
"""

import time

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connection, connections


def rows_fetch(sql: str, params: list | tuple = ()) -> list[tuple]:
    """All rows of one read statement (Django's `%s` placeholders; values always parameters)."""
    direct = _sqlite_direct(sql, params)
    if direct is not None:
        db, text = direct
        with db.wrap_database_errors:
            return db.connection.execute(text, params).fetchall()
    if connection.vendor != "postgresql" or not settings.PG_PREPARED:
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()
    import psycopg  # PostgreSQL only

    # What Django's own cursor() does first: a connection found dead is replaced, not used.
    connection.validate_thread_sharing()
    connection.validate_no_broken_transaction()
    connection.close_if_health_check_failed()
    connection.ensure_connection()
    started = time.monotonic()
    with connection.wrap_database_errors, psycopg.Cursor(connection.connection) as cursor:
        cursor.execute(sql, params, prepare=True)
        rows = cursor.fetchall()
    if connection.queries_logged:  # as Django's debug cursor logs a statement
        connection.queries_log.append({"sql": sql, "time": f"{time.monotonic() - started:.3f}"})
    return rows


def statement_run(sql: str, params: list | tuple = ()) -> None:
    """Run one statement that returns no rows (Django's `%s` placeholders)."""
    _run(sql, params, many=False)


def statement_run_many(sql: str, rows: list) -> None:
    """Run one statement once for each row of parameters, as `executemany` does."""
    _run(sql, rows, many=True)


def _run(sql: str, params, *, many: bool) -> None:
    direct = _sqlite_direct(sql, params)
    if direct is None:
        with connection.cursor() as cursor:
            (cursor.executemany if many else cursor.execute)(sql, params)
        return
    db, text = direct
    with db.wrap_database_errors:
        (db.connection.executemany if many else db.connection.execute)(text, params)


def _sqlite_direct(sql: str, params):
    """(connection, text with sqlite3's `?` placeholders) when the statement may run straight
    on this thread's SQLite connection, open and checked as Django's `cursor()` and `execute()`
    leave it; None when it must go through Django's cursor."""
    db = connections[DEFAULT_DB_ALIAS]
    if db.vendor != "sqlite" or db.queries_logged or db.execute_wrappers or params is None:
        return None
    if "%" in sql.replace("%s", ""):
        return None  # a literal percent sign: Django's own rewriting handles `%%`
    db.validate_thread_sharing()
    db.validate_no_broken_transaction()
    db.close_if_health_check_failed()
    db.ensure_connection()
    return db, sql.replace("%s", "?")
