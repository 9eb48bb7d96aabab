"""uuid_params gives the same parameters as uuid_param, one by one, and they find the rows."""

import uuid

import pytest
from django.db import connection

from frontline.common.sqltext import placeholders, uuid_param, uuid_params


def test_many_ids_as_text_or_uuids_become_the_same_parameters_as_one_by_one():
    ids = [uuid.uuid4() for _ in range(5)]
    values = [str(ids[0]), ids[1], str(ids[2]).upper(), ids[3], str(ids[4])]
    assert uuid_params(values) == [uuid_param(value) for value in values]


@pytest.mark.django_db
def test_text_ids_from_the_database_find_their_rows(officer, team_mate):
    from frontline.accounts.models import Officer

    table = connection.ops.quote_name(Officer._meta.db_table)
    wanted = [str(officer.pk), str(team_mate.pk), str(uuid.uuid4())]
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT collar_number FROM {table} WHERE id IN ({placeholders(3)})",
            uuid_params(wanted),
        )
        found = sorted(row[0] for row in cursor.fetchall())
    assert found == sorted([officer.collar_number, team_mate.collar_number])
