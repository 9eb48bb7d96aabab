"""Audit events prepared before the transaction (a sync batch's), appended inside it."""

import uuid

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
        assert event.hash == chain_hash("frontline-audit-v1", _fields_of(event))
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


@pytest.mark.parametrize(
    ("actor", "object_id", "justification"),
    [(True, uuid.uuid4(), "checked the record"), (False, 42, ""), (True, "x\u00e9y", "")],
)
def test_every_stored_hash_is_the_documented_one(officer, actor, object_id, justification):
    device, _ = enrolled_device()
    event = {
        "action": "test.hashed",
        "object_type": "t",
        "object_id": object_id,
        "actor": officer if actor else None,
        "device": device if actor else None,
        "justification": justification,
    }
    with transaction.atomic():
        seqs = audit_record_many(events=[event, {**event, "detail": {"k": [1, "two"]}}])
        seqs += audit_record_prepared(
            audit_events_prepare([event, event], details_later=True), details=[{}, {"n": 3}]
        )
    stored = AuditEvent.objects.filter(seq__in=seqs).order_by("seq")
    assert [e.detail for e in stored] == ["", '{"k":[1,"two"]}', "", '{"n":3}']
    for stored_event in stored:
        assert stored_event.object_id == str(object_id)
        assert stored_event.justification == justification
        assert stored_event.hash == chain_hash("frontline-audit-v1", _fields_of(stored_event))
    assert audit_chain_verify().breaks == []


def _fields_of(event):
    return audit_event_fields(
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


def test_audit_record_returns_the_stored_event(officer):
    device, _ = enrolled_device()
    with transaction.atomic():
        returned = audit_record(
            action="test.returned",
            object_type="t",
            object_id=uuid.uuid4(),
            actor=officer,
            device=device,
            justification="looked at the record",
            detail={"a": 1},
        )
    stored = AuditEvent.objects.get(seq=returned.seq)
    for field in AuditEvent._meta.concrete_fields:
        assert getattr(returned, field.attname) == getattr(stored, field.attname), field.name


def test_an_event_waiting_for_its_detail_may_not_bring_one(officer):
    with pytest.raises(ValueError, match="details_later"):
        audit_events_prepare(_events(officer, None, 1, detail={"n": 1}), details_later=True)


@pytest.mark.django_db(transaction=True)
def test_prepared_events_refuse_to_append_outside_a_transaction(officer):
    prepared = audit_events_prepare(_events(officer, None, 1))
    with pytest.raises(RuntimeError, match="inside the transaction"):
        audit_record_prepared(prepared)
    assert not connection.in_atomic_block


def test_nothing_prepared_appends_nothing(officer):
    with transaction.atomic():
        assert audit_record_prepared(audit_events_prepare([])) == []
