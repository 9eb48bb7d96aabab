"""Statements through sync, as the officer app sends them: one create-only `statement.mg11`
mutation per signed statement, exactly once, waiting for its signature PNG if need be."""

from uuid import uuid4

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from frontline.audit.models import AuditEvent
from frontline.statements.models import Statement
from frontline.sync.blobs import upload_append, upload_start
from tests.statements.helpers import SIGNATURE, SIGNATURE_SHA, payload, upload_signature
from tests.sync.helpers import Device

TYPE = "statement.mg11"


@pytest.fixture
def device(api_factory, officer):
    return Device(api_factory(officer))


def statement_mutation(device, record_id=None, **overrides):
    return device.mutation(payload(**overrides), type=TYPE, record_id=record_id or uuid4())


def test_a_statement_pushed_twice_is_stored_once(device, officer):
    # Given a signed statement, its signature already uploaded
    upload_signature()
    mutation = statement_mutation(device)

    # When the device pushes it, loses the answer, and pushes it again
    first = device.push(mutation).json()["results"][0]
    again = device.push(mutation).json()["results"][0]

    # Then it is stored once, the replay gets the same answer, and signing is audited once
    assert first["status"] == "applied"
    assert "awaiting_media" not in first
    assert again == first
    assert Statement.objects.filter(pk=mutation["id"], author=officer).count() == 1
    assert AuditEvent.objects.filter(action="statement.signed").count() == 1


def test_a_statement_may_arrive_before_its_signature_and_is_pulled_again_when_it_lands(
    device, officer
):
    # Given a statement pushed before its signature PNG
    mutation = statement_mutation(device)
    result = device.push(mutation).json()["results"][0]
    assert result["status"] == "applied"
    assert result["awaiting_media"] == [SIGNATURE_SHA]
    changes, cursor = device.pull_all()
    assert [(c["id"], c["data"]["signature_received"]) for c in changes] == [
        (mutation["id"], False)
    ]

    # When the device uploads the signature
    upload_start(
        device=device.api.device, sha256=SIGNATURE_SHA, size=len(SIGNATURE), media_type="image/png"
    )
    upload_append(device=device.api.device, sha256=SIGNATURE_SHA, offset=0, chunk=SIGNATURE)

    # Then the statement comes down again, now with its signature, and the arrival is audited
    later, _ = device.pull_all(cursor)
    assert [(c["id"], c["data"]["signature_received"]) for c in later] == [(mutation["id"], True)]
    assert AuditEvent.objects.filter(action="statement.signature_received").count() == 1
    assert Statement.objects.count() == 1


def test_the_author_pulls_the_whole_statement_rear_page_included(device, officer):
    upload_signature()
    mutation = statement_mutation(device, witness_age=None)
    device.push(mutation)

    changes, _ = device.pull_all()

    data = changes[0]["data"]
    assert changes[0]["type"] == TYPE
    assert data["text"] == mutation["payload"]["text"]
    assert data["taken_by_collar"] == officer.collar_number
    assert data["restricted"]["address"] == mutation["payload"]["address"]
    assert data["restricted"]["birth_date"] == mutation["payload"]["birth_date"]


@pytest.mark.parametrize("reader", ["team_mate", "supervisor", "other_officer", "auditor"])
def test_nobody_else_pulls_the_statement(request, api_factory, device, reader):
    upload_signature()
    mutation = statement_mutation(device)
    device.push(mutation)

    changes, _ = Device(api_factory(request.getfixturevalue(reader))).pull_all()

    assert mutation["id"] not in [change["id"] for change in changes]


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"text": ""}, "payload.text"),
        ({"witness_age": 18}, "payload.witness_age"),
        ({"email": "nobody"}, "payload.email"),
        ({"phone": "call me"}, "payload.phone"),
        ({"urn": "#bad"}, "payload.urn"),
        ({"further_to": str(uuid4())}, "payload.further_to"),
    ],
)
def test_an_invalid_statement_is_rejected_by_field_and_may_be_sent_again(device, overrides, field):
    upload_signature()
    mutation = statement_mutation(device, **overrides)

    result = device.push(mutation).json()["results"][0]

    assert result["status"] == "rejected"
    assert result["error"]["field"] == field
    assert not Statement.objects.exists()
    assert not AuditEvent.objects.filter(action="statement.signed").exists()


def test_a_statement_cannot_be_updated_or_deleted_through_sync(device):
    upload_signature()
    mutation = statement_mutation(device)
    device.push(mutation)

    results = [
        device.push(
            device.mutation(payload(text="Changed."), type=TYPE, op=op, record_id=mutation["id"])
        ).json()["results"][0]
        for op in ("update", "delete")
    ]

    assert [(r["status"], r["error"]["field"]) for r in results] == [("rejected", "op")] * 2
    assert Statement.objects.get().text == mutation["payload"]["text"]


def test_a_further_statement_pushed_in_the_same_batch_follows_the_first(device):
    upload_signature()
    first = statement_mutation(device)
    further = statement_mutation(device, further_to=first["id"])

    results = device.push(first, further).json()["results"]

    assert [r["status"] for r in results] == ["applied", "applied"]
    assert str(Statement.objects.get(pk=further["id"]).further_to_id) == first["id"]


def test_pulling_costs_the_same_queries_for_one_statement_or_ten(device):
    upload_signature()
    device.push(statement_mutation(device))

    with CaptureQueriesContext(connection) as one:
        assert len(device.pull_all()[0]) == 1
    device.push(*[statement_mutation(device) for _ in range(9)])
    with CaptureQueriesContext(connection) as ten:
        assert len(device.pull_all()[0]) == 10
    assert len(ten) == len(one)
