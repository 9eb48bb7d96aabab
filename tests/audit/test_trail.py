"""The audit trail: written with the change it records, append-only, chained."""

import pytest
from django.db import connection, transaction

from frontline.audit.models import AuditEvent
from frontline.audit.services import audit_record, consultation_record
from frontline.common.appendonly import AppendOnlyError
from frontline.common.errors import InvalidInput


def test_audit_rows_are_chained_in_order(officer):
    with transaction.atomic():
        first = audit_record(action="test.one", object_type="t", object_id="1", actor=officer)
        second = audit_record(action="test.two", object_type="t", object_id="2", actor=officer)
    assert second.seq == first.seq + 1
    assert second.prev_hash == first.hash


def test_audit_row_is_rolled_back_with_the_change_it_records(officer):
    before = AuditEvent.objects.count()
    with pytest.raises(RuntimeError), transaction.atomic():
        audit_record(action="test.fail", object_type="t", object_id="1", actor=officer)
        raise RuntimeError("the change failed")
    assert AuditEvent.objects.count() == before


@pytest.mark.django_db(transaction=True)
def test_audit_record_refuses_to_run_outside_a_transaction():
    with pytest.raises(RuntimeError, match="inside the transaction"):
        audit_record(action="test", object_type="t", object_id="1")


@pytest.mark.parametrize("reason", ["", "   ", "why", "x" * 501, "tab\x1fsep"])
def test_consultation_needs_a_proper_reason(officer, reason):
    before = AuditEvent.objects.count()
    with pytest.raises(InvalidInput) as caught:
        consultation_record(actor=officer, object_type="t", object_id="1", justification=reason)
    assert caught.value.field == "reason"
    assert AuditEvent.objects.count() == before


def test_audit_rows_cannot_be_changed_or_removed_through_the_orm(officer):
    with transaction.atomic():
        event = audit_record(action="test", object_type="t", object_id="1", actor=officer)
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.filter(pk=event.pk).update(action="other")
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.filter(pk=event.pk).delete()
    event.action = "other"
    with pytest.raises(AppendOnlyError):
        event.save()
    assert AuditEvent.objects.get(pk=event.pk).action == "test"


@pytest.mark.usefixtures("postgres_only")
@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE audit_auditevent SET justification = 'rewritten'",
        "DELETE FROM audit_auditevent",
    ],
)
def test_postgres_trigger_refuses_update_and_delete(officer, sql):
    with transaction.atomic():
        audit_record(action="test", object_type="t", object_id="1", actor=officer)
    count = AuditEvent.objects.count()
    with (
        pytest.raises(Exception, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(sql)
    assert AuditEvent.objects.count() == count
