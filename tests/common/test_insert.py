"""rows_insert stores exactly what the ORM would store for the same values."""

import uuid
from datetime import UTC, datetime

import pytest
from django.db import IntegrityError, connection, transaction

from frontline.common.insert import rows_convert, rows_insert, value_convert
from frontline.sync.models import Mutation
from frontline.sync.services import MUTATION_COLUMNS as COLUMNS


def _raw(pk) -> tuple:
    table = connection.ops.quote_name(Mutation._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT device_id, officer_id, record_id, response, received_at FROM {table} "
            "WHERE mutation_id = %s",
            [pk.hex if not connection.features.has_native_uuid_field else pk],
        )
        return cursor.fetchone()


@pytest.mark.parametrize("when", [datetime(2026, 11, 28, 9, 0, tzinfo=UTC), None])
def test_inserted_rows_are_stored_as_the_orm_stores_them(api_factory, officer, when):
    device = api_factory(officer).device
    when = when or datetime(2026, 11, 28, 9, 30, 15, 123456, tzinfo=UTC)
    common = {
        "device_id": device.pk,
        "officer_id": officer.pk,
        "type": "notebook.entry",
        "op": "create",
        "record_id": uuid.uuid4(),
        "payload_hash": "a" * 64,
        "response": {"status": "applied", "mutation_id": "x", "version": 1},
        "received_at": when,
        "app_version": "1.4.0",
    }
    by_orm = Mutation.objects.create(mutation_id=uuid.uuid4(), device_seq=1, **common)
    mine = uuid.uuid4()
    rows_insert(
        Mutation,
        COLUMNS,
        [tuple({**common, "mutation_id": mine, "device_seq": 2}[c] for c in COLUMNS)],
    )
    assert _raw(mine) == _raw(by_orm.pk)
    # Converted ahead (before a transaction) and inserted as converted: the same again, over
    # several rows (executemany on SQLite, arrays on PostgreSQL).
    ahead = [uuid.uuid4(), uuid.uuid4()]
    rows = rows_convert(
        Mutation,
        COLUMNS,
        [
            tuple({**common, "mutation_id": pk, "device_seq": 3 + i}[c] for c in COLUMNS)
            for i, pk in enumerate(ahead)
        ],
    )
    rows = [(*row[:9], value_convert(Mutation, "received_at", when), row[10]) for row in rows]
    rows_insert(Mutation, COLUMNS, rows, converted=COLUMNS)
    assert [_raw(pk) for pk in ahead] == [_raw(by_orm.pk)] * 2
    stored = Mutation.objects.get(pk=mine)
    assert (stored.response, stored.received_at, stored.record_id) == (
        common["response"],
        when,
        common["record_id"],
    )


def test_a_constraint_violation_raises_and_inserts_nothing(api_factory, officer):
    device = api_factory(officer).device
    row = (
        uuid.uuid4(),
        device.pk,
        1,
        officer.pk,
        "t",
        "create",
        uuid.uuid4(),
        "a" * 64,
        {},
        datetime.now(UTC),
        "",
    )
    clash = (uuid.uuid4(), *row[1:])  # the same device_seq
    with pytest.raises(IntegrityError), transaction.atomic():
        rows_insert(Mutation, COLUMNS, [row, clash])
    assert Mutation.objects.count() == 0


def test_many_rows_with_nulls_json_and_offsets_are_stored_as_the_orm_stores_them(
    api_factory, officer
):
    """More rows than one statement's parameter limit on SQLite; one array per column on
    PostgreSQL. Every row must read back as the ORM's own row with the same values does."""
    from datetime import timedelta, timezone

    device = api_factory(officer).device
    offset = timezone(timedelta(hours=-5))
    rows, expected = [], {}
    for n in range(1, 301):
        mutation_id = uuid.uuid4()
        response = (
            [n, None, "x"] if n % 7 == 0 else {"status": "applied", "n": n, "note": "é\u2019"}
        )
        received = datetime(2026, 11, 28, 9, 0, n % 60, n, tzinfo=UTC if n % 2 else offset)
        values = {
            "mutation_id": mutation_id,
            "device_id": device.pk,
            "device_seq": n,
            "officer_id": officer.pk,
            "type": "notebook.entry",
            "op": "create",
            "record_id": uuid.uuid4(),
            "payload_hash": f"{n:064x}",
            "response": response,
            "received_at": received,
            "app_version": "" if n % 3 else "1.4.0",
        }
        rows.append(tuple(values[c] for c in COLUMNS))
        expected[mutation_id] = values
    rows_insert(Mutation, COLUMNS, rows)
    stored = {m.pk: m for m in Mutation.objects.filter(device=device)}
    assert set(stored) == set(expected)
    for mutation_id, values in expected.items():
        row = stored[mutation_id]
        assert (row.device_seq, row.record_id, row.payload_hash, row.app_version) == (
            values["device_seq"],
            values["record_id"],
            values["payload_hash"],
            values["app_version"],
        )
        assert row.response == values["response"]
        assert row.received_at == values["received_at"]


def test_an_over_long_value_in_many_rows_is_refused_not_cut(api_factory, officer):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite does not enforce a varchar's length")
    from django.db import DataError

    device = api_factory(officer).device
    rows = [
        (uuid.uuid4(), device.pk, n, officer.pk, "t" * (61 if n == 2 else 5), "create",
         uuid.uuid4(), "a" * 64, {}, datetime.now(UTC), "")
        for n in (1, 2)
    ]  # fmt: skip
    with pytest.raises(DataError), transaction.atomic():
        rows_insert(Mutation, COLUMNS, rows)
    assert Mutation.objects.count() == 0


def test_many_rows_with_null_foreign_keys_are_stored_as_nulls(officer):
    from frontline.sync.feed import CHANGE_COLUMNS
    from frontline.sync.models import Change

    when = datetime(2026, 11, 28, 9, 0, tzinfo=UTC)
    values = {"type": "notebook.entry", "op": "upsert", "version": 1, "owner_id": officer.pk,
              "scope": "owner", "committed_at": when}  # fmt: skip
    rows = [
        tuple(
            {
                **values,
                "seq": 10_000 + n,
                "record_id": uuid.uuid4(),
                "team_id": None if n % 2 else officer.team_id,
            }[c]
            for c in CHANGE_COLUMNS
        )
        for n in range(40)
    ]
    rows_insert(Change, CHANGE_COLUMNS, rows)
    stored = dict(Change.objects.filter(seq__gte=10_000).values_list("seq", "team_id"))
    assert stored == {10_000 + n: None if n % 2 else officer.team_id for n in range(40)}


def test_many_rows_keep_tabs_newlines_backslashes_and_far_offsets(api_factory, officer):
    """On PostgreSQL many rows go through COPY, whose text format gives tabs, newlines,
    backslashes, `\\N` and `\\.` meanings of their own; each must read back as written. An
    offset beyond PostgreSQL's ±15:59 arrives as the same instant in UTC."""
    from datetime import timedelta, timezone

    from django.test.utils import CaptureQueriesContext

    device = api_factory(officer).device
    awkward = ["a\tb", "line\nnext\r\n", "back\\slash", "\\N", "\\.", "", "café\u2019 \\t"]
    far = timezone(timedelta(hours=23, minutes=59))
    rows = [
        (uuid.uuid4(), device.pk, n, officer.pk, text[:60] or "t", "create", uuid.uuid4(),
         "a" * 64, {"text": text, "n": n}, datetime(2026, 11, 28, 23, 30, n, tzinfo=far), text)
        for n, text in enumerate(awkward, start=1)
    ]  # fmt: skip
    with CaptureQueriesContext(connection) as queries, transaction.atomic():
        rows_insert(Mutation, COLUMNS, rows)
    assert queries.captured_queries, "the insert is logged as any statement is"
    stored = {m.device_seq: m for m in Mutation.objects.filter(device=device)}
    for n, text in enumerate(awkward, start=1):
        row = stored[n]
        assert (row.type, row.app_version, row.response) == (
            text[:60] or "t",
            text,
            {"text": text, "n": n},
        )
        assert row.received_at == datetime(2026, 11, 28, 23, 30, n, tzinfo=far)


def test_a_threads_connection_is_freed_with_its_thread_not_kept_by_the_converters():
    # rows_convert keeps each statement's converters with the thread's connection; they are
    # bound to it, so a cache anywhere else would keep every thread's connection alive (and
    # open) for good. Django gives each thread a DatabaseWrapper of its own.
    import gc
    import threading
    import weakref

    from django.db import connections

    held = []

    def convert_in_a_thread():
        db = connections["default"]
        rows_convert(Mutation, ["received_at", "response"], [(datetime.now(UTC), {"a": 1})])
        held.append(weakref.ref(db))
        db.close()

    thread = threading.Thread(target=convert_in_a_thread)
    thread.start()
    thread.join()
    gc.collect()
    assert len(held) == 1
    assert held[0]() is None, "the thread's connection outlived it"


def test_no_rows_convert_to_no_rows(db):
    assert rows_convert(Mutation, COLUMNS, []) == []
