"""rows_fetch: a sync's hot reads, kept prepared on PostgreSQL, with the same rows as Django's."""

import pytest
from django.db import DatabaseError, connection
from django.test.utils import CaptureQueriesContext

from frontline.common.prepared import rows_fetch

PROBE = "SELECT CAST(%s AS INTEGER) + 1 AS frontline_prepared_probe, CAST(%s AS TEXT)"


def _probe(name: str) -> str:
    return PROBE.replace("frontline_prepared_probe", f"frontline_prepared_{name}")


pytestmark = pytest.mark.django_db


def _prepared(name: str) -> int:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_prepared_statements WHERE statement LIKE %s AND NOT from_sql",
            [f"%frontline_prepared_{name}%"],
        )
        return cursor.fetchone()[0]


def test_rows_are_those_of_a_django_cursor():
    with connection.cursor() as cursor:
        cursor.execute(PROBE, [41, "café"])
        expected = cursor.fetchall()
    assert rows_fetch(PROBE, [41, "café"]) == expected == [(42, "café")]


def test_on_postgresql_a_statement_is_prepared_once_per_connection(settings):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: runs in the PostgreSQL pass of `make test`")
    settings.PG_PREPARED = True
    assert _prepared("once") == 0
    for value in range(5):
        assert rows_fetch(_probe("once"), [value, "x"]) == [(value + 1, "x")]
    assert _prepared("once") == 1


def test_turned_off_nothing_is_prepared(settings):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: runs in the PostgreSQL pass of `make test`")
    settings.PG_PREPARED = False
    for value in range(3):
        assert rows_fetch(_probe("off"), [value, "x"]) == [(value + 1, "x")]
    assert _prepared("off") == 0


def test_a_failing_statement_raises_djangos_error_and_is_logged():
    with CaptureQueriesContext(connection) as queries:
        assert rows_fetch(PROBE, [1, "y"]) == [(2, "y")]
    assert any("frontline_prepared_probe" in query["sql"] for query in queries.captured_queries)
    with pytest.raises(DatabaseError):
        rows_fetch("SELECT no_such_column FROM frontline_no_such_table WHERE 1 = %s", [1])
