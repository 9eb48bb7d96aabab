"""No endpoint, admin action or service changes or removes a notebook entry."""

import uuid
from datetime import UTC, datetime

import pytest
from django.contrib import admin
from django.db import connection, transaction
from django.test import RequestFactory

from frontline.api import api
from frontline.common.appendonly import AppendOnlyError
from frontline.notebook import services
from frontline.notebook.models import NotebookEntry


@pytest.fixture
def entry(officer):
    return services.notebook_entry_create(
        officer=officer,
        entry_id=uuid.uuid4(),
        kind="entry",
        occurred_at=datetime.now(UTC),
        text="Original text.",
    ).entry


def test_no_api_operation_changes_or_removes_entries():
    schema = api.get_openapi_schema()
    for path, operations in schema["paths"].items():
        if "/notebook/" in path:
            assert set(operations) <= {"get", "post"}, path


@pytest.mark.parametrize("method", ["PUT", "PATCH", "DELETE"])
def test_changing_an_entry_over_http_is_not_allowed(api_factory, officer, entry, method):
    response = api_factory(officer).request(
        method, f"/api/v1/notebook/entries/{entry.pk}", {"text": "changed"}
    )
    assert response.status_code == 405
    entry.refresh_from_db()
    assert entry.text == "Original text."


def test_admin_cannot_add_change_or_delete_entries(admin_officer, entry):
    model_admin = admin.site._registry[NotebookEntry]
    request = RequestFactory().get("/admin/")
    request.user = admin_officer
    assert not model_admin.has_add_permission(request)
    assert not model_admin.has_change_permission(request, entry)
    assert not model_admin.has_delete_permission(request, entry)


def test_services_offer_no_edit_or_delete():
    public = [name for name in dir(services) if name.startswith("notebook_")]
    assert not [name for name in public if any(v in name for v in ("update", "edit", "delete"))]


def test_orm_refuses_to_save_delete_or_update_an_entry(entry):
    entry.text = "changed"
    with pytest.raises(AppendOnlyError):
        entry.save()
    with pytest.raises(AppendOnlyError):
        entry.delete()
    with pytest.raises(AppendOnlyError):
        NotebookEntry.objects.filter(pk=entry.pk).update(text="changed")
    with pytest.raises(AppendOnlyError):
        NotebookEntry.objects.filter(pk=entry.pk).delete()
    assert NotebookEntry.objects.get(pk=entry.pk).text == "Original text."


@pytest.mark.usefixtures("postgres_only")
@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE notebook_notebookentry SET text = 'changed'",
        "DELETE FROM notebook_notebookentry",
    ],
)
def test_postgres_trigger_refuses_direct_changes(entry, sql):
    with (
        pytest.raises(Exception, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(sql)
    assert NotebookEntry.objects.get(pk=entry.pk).text == "Original text."
