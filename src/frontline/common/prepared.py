"""The hot read statements of a sync, run as prepared statements on PostgreSQL.

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
SQLite caches its own compiled statements per connection, so there the statement just runs.
"""

import time

from django.conf import settings
from django.db import connection


def rows_fetch(sql: str, params: list) -> list[tuple]:
    """All rows of one read statement (Django's `%s` placeholders; values always parameters)."""
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
