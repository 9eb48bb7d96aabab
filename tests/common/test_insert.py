"""rows_insert stores exactly what the ORM would store for the same values."""

import uuid
from datetime import UTC, datetime

import pytest
from django.db import IntegrityError, connection, transaction

from frontline.common.insert import rows_insert
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
