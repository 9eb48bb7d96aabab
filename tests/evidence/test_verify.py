"""Tamper detection: change any stored field of an item or a custody event and `frontline
verify` exits 1 naming the row; restore it and the chain is intact again."""

import uuid

import pytest
from django.db import connection, transaction

from frontline.evidence import selectors, services
from frontline.evidence.models import CustodyEvent, EvidenceHead, EvidenceItem
from tests.evidence.helpers import REASON
from tests.test_verify import raw_delete, raw_update, run_verify, tampered

EVENT_FIELDS = ["seq", "action", "at", "actor", "device", "reason", "detail", "prev_hash", "hash"]
ITEM_FIELDS = [
    "officer",
    "device",
    "sha256",
    "media_type",
    "size",
    "filename",
    "captured_at",
    "received_at",
    "description",
    "record_type",
    "record_id",
    "app_version",
    "hash",
]


@pytest.fixture
def chain(item, supervisor):
    """capture → receive → upload → view (with a reason) → export."""
    services.evidence_view_record(viewer=supervisor, item=item, reason=REASON)
    services.evidence_export(viewer=supervisor, item=item, reason=REASON, recipient="CPS London")
    return selectors.evidence_custody_list(item_id=item.pk)


def test_an_intact_custody_chain_verifies(chain, capsys):
    code, out = run_verify(capsys)

    assert code == 0, out
    assert "evidence: 6 rows in 1 chain(s): intact" in out


@pytest.mark.parametrize("column", EVENT_FIELDS)
def test_changing_any_custody_event_field_is_detected_and_named(
    chain, item, team_mate, handset, column, capsys
):
    target = chain[3]  # the supervisor's view, with a reason, actor and detail-free
    field = CustodyEvent._meta.get_field(column)
    original = getattr(target, field.attname)
    other = {"actor": team_mate.pk, "device": handset.pk}.get(column)
    raw_update(CustodyEvent, target.pk, column, tampered(original, other))

    code, out = run_verify(capsys)

    assert code == 1, out
    assert f"evidence:{item.pk.hex}: custody event {item.pk.hex} seq " in out
    raw_update(CustodyEvent, target.pk, column, original)
    assert run_verify(capsys)[0] == 0


@pytest.mark.parametrize("column", ITEM_FIELDS)
def test_changing_any_item_field_is_detected_and_named(
    chain, item, team_mate, handset, column, capsys
):
    field = EvidenceItem._meta.get_field(column)
    original = getattr(item, field.attname)
    other = {"officer": team_mate.pk, "device": None, "record_id": uuid.uuid4()}.get(column)
    if column == "device":
        original, other = item.device_id, None
    raw_update(EvidenceItem, item.pk, column, tampered(original, other))

    code, out = run_verify(capsys)

    assert code == 1, out
    assert f"evidence:{item.pk.hex}: " in out
    raw_update(EvidenceItem, item.pk, column, original)
    assert run_verify(capsys)[0] == 0


def test_removing_the_last_custody_event_is_detected(chain, item, capsys):
    raw_delete(CustodyEvent, chain[-1].pk)

    code, out = run_verify(capsys)

    assert code == 1, out
    assert f"evidence:{item.pk.hex}: seq 5: the chain head records seq 5" in out


def test_removing_a_middle_custody_event_is_detected(chain, item, capsys):
    raw_delete(CustodyEvent, chain[2].pk)

    code, out = run_verify(capsys)

    assert code == 1, out
    assert f"custody event {item.pk.hex} seq 4: expected seq 3" in out


def test_the_orm_refuses_to_change_custody(chain):
    from frontline.common.appendonly import AppendOnlyError

    with pytest.raises(AppendOnlyError):
        CustodyEvent.objects.filter(pk=chain[0].pk).update(reason="changed")
    with pytest.raises(AppendOnlyError):
        chain[0].delete()
    assert EvidenceHead.objects.get(pk=chain[0].item_id).seq == 5


@pytest.mark.usefixtures("postgres_only")
@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE evidence_custodyevent SET reason = 'changed'",
        "DELETE FROM evidence_custodyevent",
        "UPDATE evidence_evidenceitem SET description = 'changed'",
        "DELETE FROM evidence_evidenceitem",
    ],
)
def test_postgres_trigger_refuses_direct_changes(chain, sql):
    with (
        pytest.raises(Exception, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(sql)
    assert [
        event.reason for event in selectors.evidence_custody_list(item_id=chain[0].item_id)
    ] == [event.reason for event in chain]
