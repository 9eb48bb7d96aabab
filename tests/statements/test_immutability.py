"""A signed statement is never changed or removed: not by the ORM, not by the database, and
no endpoint offers to."""

import pytest
from django.db import DatabaseError, connection, transaction

from frontline.api import api
from frontline.common.appendonly import AppendOnlyError
from frontline.statements.models import Statement
from tests.statements.helpers import take_statement


def test_the_orm_refuses_to_change_a_statement(officer):
    statement = take_statement(officer)
    statement.text = "A different account."

    with pytest.raises(AppendOnlyError):
        statement.save()
    with pytest.raises(AppendOnlyError):
        Statement.objects.filter(pk=statement.pk).update(text="Changed.")
    with pytest.raises(AppendOnlyError):
        Statement.objects.bulk_update([statement], ["text"])

    assert Statement.objects.get().text != "A different account."


def test_the_orm_refuses_to_delete_a_statement(officer):
    statement = take_statement(officer)

    with pytest.raises(AppendOnlyError):
        statement.delete()
    with pytest.raises(AppendOnlyError):
        Statement.objects.all().delete()

    assert Statement.objects.count() == 1


def test_the_database_refuses_raw_updates_and_deletes(officer, postgres_only):
    statement = take_statement(officer)
    for sql in (
        "UPDATE statements_statement SET text = 'Changed.' WHERE id = %s",
        "DELETE FROM statements_statement WHERE id = %s",
    ):
        with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql, [statement.pk])
    assert Statement.objects.get().text == statement.text


def test_no_endpoint_edits_or_deletes_a_statement():
    paths = api.get_openapi_schema()["paths"]
    methods = {
        method.upper()
        for path, item in paths.items()
        if path.startswith("/api/v1/statements")
        for method in item
    }
    assert methods == {"GET", "POST"}
    assert [
        path
        for path, item in paths.items()
        if path.startswith("/api/v1/statements") and "post" in item
    ] == ["/api/v1/statements"]
