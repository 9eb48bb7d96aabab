"""rows_fetch and statement_run: a sync's hot statements, kept prepared on PostgreSQL and run
straight on the connection on SQLite, with the same rows and errors as Django's cursor."""

import pytest
from django.db import DatabaseError, IntegrityError, connection, connections, transaction
from django.db.transaction import TransactionManagementError
from django.test.utils import CaptureQueriesContext

from frontline.common.prepared import rows_fetch, statement_run, statement_run_many

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


# ---- SQLite: the statements of a push's write transaction run straight on the connection ----


def _scratch_table() -> None:
    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE TEMPORARY TABLE frontline_prepared_scratch (id INTEGER PRIMARY KEY, note TEXT)"
        )


def _scratch() -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT id, note FROM frontline_prepared_scratch ORDER BY id")
        return cursor.fetchall()


def test_on_sqlite_statements_bypass_djangos_cursor_unless_django_logs_them(monkeypatch):
    if connection.vendor != "sqlite":
        pytest.skip("SQLite only: PostgreSQL's statements go through Django's cursor")
    _scratch_table()
    db = connections["default"]

    def no_cursor(*args, **kwargs):
        raise AssertionError("went through Django's cursor")

    monkeypatch.setattr(db, "cursor", no_cursor)
    statement_run("INSERT INTO frontline_prepared_scratch VALUES (%s, %s)", [1, "one"])
    statement_run_many(
        "INSERT INTO frontline_prepared_scratch VALUES (%s, %s)", [(2, "two"), (3, "three")]
    )
    assert rows_fetch("SELECT note FROM frontline_prepared_scratch WHERE id > %s", [1]) == [
        ("two",),
        ("three",),
    ]
    monkeypatch.undo()
    # Counted or logged (DEBUG, assertNumQueries): through Django's cursor, as before.
    with CaptureQueriesContext(connection) as queries:
        statement_run("INSERT INTO frontline_prepared_scratch VALUES (%s, %s)", [4, "four"])
        statement_run_many("INSERT INTO frontline_prepared_scratch VALUES (%s, %s)", [(5, "5")])
        rows_fetch("SELECT count(*) FROM frontline_prepared_scratch", [])
    assert len(queries.captured_queries) == 3
    assert [row[0] for row in _scratch()] == [1, 2, 3, 4, 5]


def test_a_constraint_raises_djangos_integrity_error_and_the_rows_stay_out():
    _scratch_table()
    statement_run("INSERT INTO frontline_prepared_scratch VALUES (%s, %s)", [1, "kept"])
    with pytest.raises(IntegrityError), transaction.atomic():
        statement_run("INSERT INTO frontline_prepared_scratch VALUES (%s, %s)", [1, "again"])
    with pytest.raises(IntegrityError), transaction.atomic():
        statement_run_many(
            "INSERT INTO frontline_prepared_scratch VALUES (%s, %s)", [(2, "new"), (1, "again")]
        )
    assert _scratch() == [(1, "kept")]


def test_nothing_runs_in_a_transaction_already_marked_for_rollback():
    _scratch_table()
    with transaction.atomic():
        transaction.set_rollback(True)
        for run in (
            lambda: statement_run(
                "INSERT INTO frontline_prepared_scratch VALUES (%s, %s)", [1, "x"]
            ),
            lambda: statement_run_many(
                "INSERT INTO frontline_prepared_scratch VALUES (%s, %s)", [(1, "x")]
            ),
            lambda: rows_fetch("SELECT 1 WHERE 1 = %s", [1]),
        ):
            with pytest.raises(TransactionManagementError):
                run()
    assert _scratch() == []


def test_a_literal_percent_sign_reads_as_through_djangos_cursor():
    assert rows_fetch("SELECT '100%%' || CAST(%s AS TEXT)", ["x"]) == [("100%x",)]
    # No parameters at all: Django runs the text as it is, percent signs and all.
    assert rows_fetch("SELECT '100%'", None) == [("100%",)]


def test_values_go_in_and_come_out_as_through_djangos_cursor():
    # Django's SQLite adapters and converters belong to the connection, so the direct path
    # must give back exactly what Django's cursor gives for times, dates, decimals, flags,
    # bytes, NULL and text.
    from datetime import UTC, date, datetime
    from decimal import Decimal

    if connection.vendor != "sqlite":
        pytest.skip("SQLite only: PostgreSQL's statements go through Django's cursor")
    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE TEMPORARY TABLE frontline_prepared_values (at timestamp, day date, "
            "amount decimal, flag bool, data blob, note text)"
        )
    values = [
        datetime(2026, 11, 30, 3, 40, 1, 250000, tzinfo=UTC),
        date(2026, 11, 30),
        Decimal("12.50"),
        True,
        b"\x00\xff",
        None,
    ]
    statement_run("INSERT INTO frontline_prepared_values VALUES (%s, %s, %s, %s, %s, %s)", values)
    sql = "SELECT at, day, amount, flag, data, note FROM frontline_prepared_values WHERE flag = %s"
    with connection.cursor() as cursor:
        cursor.execute(sql, [True])
        expected = cursor.fetchall()
    got = rows_fetch(sql, [True])
    assert got == expected and len(got) == 1
    assert [type(value) for value in got[0]] == [type(value) for value in expected[0]]


def test_statements_under_an_execute_wrapper_go_through_djangos_cursor():
    _scratch_table()
    seen = []

    def spy(execute, sql, params, many, context):
        seen.append((sql, many))
        return execute(sql, params, many, context)

    insert = "INSERT INTO frontline_prepared_scratch VALUES (%s, %s)"
    with connection.execute_wrapper(spy):
        statement_run(insert, [1, "one"])
        statement_run_many(insert, [(2, "two")])
    assert seen == [(insert, False), (insert, True)]
    assert _scratch() == [(1, "one"), (2, "two")]
