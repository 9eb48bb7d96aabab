"""Audit events prepared before the transaction (a sync batch's), appended inside it."""

import pytest
from django.db import connection, transaction

from frontline.audit.integrity import audit_chain_verify
from frontline.audit.models import AuditEvent
from frontline.audit.services import (
    audit_event_fields,
    audit_events_prepare,
    audit_record,
    audit_record_many,
    audit_record_prepared,
)
from frontline.common.errors import InvalidInput
from frontline.common.hashing import chain_hash
from tests.conftest import enrolled_device


def _events(officer, device, count, **extra):
    return [
        {
            "action": "test.prepared",
            "object_type": "t",
            "object_id": f"obj-{index}",
            "actor": officer,
            "device": device,
            **extra,
        }
        for index in range(count)
    ]


def _stored(seqs):
    fields = ("seq", "actor_id", "device_id", "action", "object_type", "object_id")
    fields += ("justification", "detail", "prev_hash", "hash")
    return list(AuditEvent.objects.filter(seq__in=seqs).order_by("seq").values_list(*fields))


def test_prepared_events_chain_as_audit_record_does(officer):
    device, _ = enrolled_device()
    with transaction.atomic():
        single = audit_record(action="test.one", object_type="t", object_id="x", actor=officer)
        prepared = audit_events_prepare(_events(officer, device, 3, detail={"n": 1}))
        seqs = audit_record_prepared(prepared)
    assert seqs == [single.seq + 1, single.seq + 2, single.seq + 3]
    rows = _stored(seqs)
    assert rows[0][8] == single.hash  # each row's prev_hash is the one before's hash
    assert [row[8] for row in rows[1:]] == [row[9] for row in rows[:-1]]
    for event in AuditEvent.objects.filter(seq__in=seqs):
        assert event.actor_id == officer.pk and event.device_id == device.pk
        assert event.detail == '{"n":1}'
        # The hash is the documented one, recomputed from the stored fields.
        fields = audit_event_fields(
            seq=event.seq,
            at=event.at,
            actor_id=event.actor_id,
            device_id=event.device_id,
            action=event.action,
            object_type=event.object_type,
            object_id=event.object_id,
            justification=event.justification,
            detail=event.detail,
            prev_hash=event.prev_hash,
        )
        assert event.hash == chain_hash("frontline-audit-v1", fields)
    assert audit_chain_verify().breaks == []


def test_details_given_later_are_stored_in_order(officer):
    device, _ = enrolled_device()
    with transaction.atomic():
        waiting = audit_events_prepare(_events(officer, device, 2), details_later=True)
        ready = audit_events_prepare(_events(officer, None, 1, detail={"ready": True}))
        seqs = audit_record_prepared(
            waiting, ready, details=[{"seq": 7, "officer": "a"}, {"seq": 8, "officer": "a"}]
        )
    details = [row[7] for row in _stored(seqs)]
    assert details == ['{"officer":"a","seq":7}', '{"officer":"a","seq":8}', '{"ready":true}']
    assert audit_chain_verify().breaks == []


@pytest.mark.parametrize("given", [[], [{"seq": 1}], [{"seq": 1}, {"seq": 2}, {"seq": 3}]])
def test_details_must_match_the_events_waiting_for_one(officer, given):
    before = AuditEvent.objects.count()
    with transaction.atomic():
        waiting = audit_events_prepare(_events(officer, None, 2), details_later=True)
        with pytest.raises(ValueError, match="2 events wait for a detail"):
            audit_record_prepared(waiting, details=given)
    assert AuditEvent.objects.count() == before


def test_a_bad_justification_is_refused_when_prepared(officer):
    with pytest.raises(InvalidInput) as caught:
        audit_events_prepare(_events(officer, None, 2, justification="why"))
    assert caught.value.field == "reason"


def test_many_and_prepared_write_the_same_rows(officer):
    device, _ = enrolled_device()
    events = _events(officer, device, 2, justification="checked the record")
    with transaction.atomic():
        many = _stored(audit_record_many(events=events))
        prepared = _stored(audit_record_prepared(audit_events_prepare(events)))
    assert [row[1:8] for row in many] == [row[1:8] for row in prepared]


@pytest.mark.django_db(transaction=True)
def test_prepared_events_refuse_to_append_outside_a_transaction(officer):
    prepared = audit_events_prepare(_events(officer, None, 1))
    with pytest.raises(RuntimeError, match="inside the transaction"):
        audit_record_prepared(prepared)
    assert not connection.in_atomic_block


def test_nothing_prepared_appends_nothing(officer):
    with transaction.atomic():
        assert audit_record_prepared(audit_events_prepare([])) == []
