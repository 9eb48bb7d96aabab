"""Push and pull through the real views: exactly once, per-item results, commit-ordered feed."""

import uuid

import pytest

from frontline.accounts.services import device_revoke
from frontline.audit.models import AuditEvent
from frontline.notebook.models import NotebookEntry
from frontline.sync.feed import change_record, changes_prune_tombstones
from frontline.sync.models import Change, Mutation
from tests.sync.helpers import Device, entry_payload


@pytest.fixture
def device(api_factory, officer):
    return Device(api_factory(officer))


def test_push_applies_and_acknowledges(device):
    first, second = device.mutation(), device.mutation()
    response = device.push(first, second)
    assert response.status_code == 200
    body = response.json()
    assert [r["status"] for r in body["results"]] == ["applied", "applied"]
    assert [r["mutation_id"] for r in body["results"]] == [
        first["mutation_id"],
        second["mutation_id"],
    ]
    assert body["acked_device_seq"] == 2
    assert NotebookEntry.objects.count() == 2
    assert Mutation.objects.count() == 2


def test_replay_returns_the_stored_response_and_changes_nothing(device):
    mutation = device.mutation()
    first = device.push(mutation).json()
    changes, audit = Change.objects.count(), AuditEvent.objects.count()
    again = device.push(mutation).json()
    assert again == first
    assert NotebookEntry.objects.count() == 1
    assert (Change.objects.count(), AuditEvent.objects.count()) == (changes, audit)


def test_reused_mutation_id_with_another_payload_is_rejected(device):
    mutation = device.mutation()
    device.push(mutation)
    tampered = {**mutation, "payload": entry_payload("Something else")}
    result = device.push(tampered).json()["results"][0]
    assert result["status"] == "rejected"
    assert result["error"]["code"] == "mutation_id_reused"
    assert NotebookEntry.objects.get().text == "Attended King Street."


def test_reused_device_seq_is_rejected(device):
    device.push(device.mutation())
    clash = device.mutation()
    clash["device_seq"] = 1
    result = device.push(clash).json()["results"][0]
    assert result["status"] == "rejected"
    assert result["error"]["field"] == "device_seq"
    assert NotebookEntry.objects.count() == 1


def test_a_new_mutation_for_a_record_already_held_is_a_duplicate(device):
    record_id = uuid.uuid4()
    payload = entry_payload()
    device.push(device.mutation(payload, record_id=record_id))
    result = device.push(device.mutation(payload, record_id=record_id)).json()["results"][0]
    assert result["status"] == "duplicate"
    assert NotebookEntry.objects.count() == 1


def test_validation_failures_are_per_item_and_write_nothing(device):
    good = device.mutation()
    bad_text = device.mutation(entry_payload(text=""))
    unknown_field = device.mutation(entry_payload(colour="blue"))
    unknown_type = device.mutation(type="nonsense.thing")
    bad_op = device.mutation(op="delete")
    body = device.push(good, bad_text, unknown_field, unknown_type, bad_op).json()
    statuses = {r["mutation_id"]: r for r in body["results"]}
    assert statuses[good["mutation_id"]]["status"] == "applied"
    assert statuses[bad_text["mutation_id"]]["error"]["field"] == "payload.text"
    assert statuses[unknown_field["mutation_id"]]["error"]["field"] == "payload.colour"
    assert statuses[unknown_type["mutation_id"]]["error"]["field"] == "type"
    assert statuses[bad_op["mutation_id"]]["error"]["field"] == "op"
    assert NotebookEntry.objects.count() == 1
    assert Mutation.objects.count() == 1  # rejected mutations leave no trace and may be retried


def test_rejected_mutation_can_be_retried_once_its_cause_is_fixed(device, api_factory, officer):
    # A correction whose original was written on another device that has not synced yet.
    other = Device(api_factory(officer))
    original_id = uuid.uuid4()
    original = other.mutation(record_id=original_id)
    correction = device.mutation(entry_payload(kind="correction", supersedes=str(original_id)))
    first = device.push(correction).json()["results"][0]
    assert first["status"] == "rejected" and first["error"]["field"] == "payload.supersedes"
    other.push(original)
    assert device.push(correction).json()["results"][0]["status"] == "applied"


def test_mutations_apply_in_device_seq_order(device):
    original = device.mutation()
    correction = device.mutation(entry_payload(kind="correction", supersedes=original["id"]))
    body = device.push(correction, original).json()  # sent out of order
    assert {r["status"] for r in body["results"]} == {"applied"}
    entries = NotebookEntry.objects.order_by("seq")
    assert [e.kind for e in entries] == ["entry", "correction"]


def test_batch_size_is_limited(device):
    response = device.push(*[device.mutation() for _ in range(501)])
    assert response.status_code == 422
    assert NotebookEntry.objects.count() == 0


@pytest.mark.parametrize("headers", [{}, {"X-App-Version": "0.9.9"}])
def test_old_or_unknown_app_versions_must_update(device, headers):
    response = device.push(device.mutation(), headers=headers)
    assert response.status_code == 426
    assert response.json()["error"] == "client_update_required"
    assert response.json()["minimum_version"] == "1.0.0"
    assert device.pull(headers=headers).status_code == 426
    assert NotebookEntry.objects.count() == 0


def test_revoked_device_is_told_to_wipe_on_push(device, fleet_manager):
    device_revoke(device=device.api.device, actor=fleet_manager, reason="reported lost")
    response = device.push(device.mutation())
    assert response.status_code == 401
    assert response.json()["wipe"] is True
    assert NotebookEntry.objects.count() == 0


def test_pull_returns_own_changes_in_commit_order(device, api_factory, team_mate):
    mine = [device.mutation(entry_payload(f"Entry {n}")) for n in range(3)]
    device.push(*mine)
    Device(api_factory(team_mate)).push(Device(api_factory(team_mate)).mutation())
    changes, cursor = device.pull_all(limit=2)
    assert [c["id"] for c in changes] == [m["id"] for m in mine]
    assert [c["data"]["text"] for c in changes] == ["Entry 0", "Entry 1", "Entry 2"]
    assert all(c["op"] == "upsert" for c in changes)
    again = device.pull(cursor).json()
    assert again["changes"] == [] and again["more"] is False and again["cursor"] == cursor


def test_pull_brings_a_supervisors_inspection_to_the_officer(
    device, api_factory, officer, supervisor
):
    _, cursor = device.pull_all()
    api_factory(supervisor).post(
        f"/api/v1/notebook/officers/{officer.pk}/inspections",
        {"id": str(uuid.uuid4()), "text": "Inspected, all in order."},
    )
    changes, _ = device.pull_all(cursor)
    assert [c["data"]["kind"] for c in changes] == ["inspection"]


def test_pull_cursor_must_be_one_the_server_gave(device):
    response = device.pull("abc")
    assert response.status_code == 422 and response.json()["field"] == "cursor"


@pytest.mark.parametrize(
    "cursor", ["abc", "-1", "\N{SUPERSCRIPT TWO}", "9223372036854775808", "99999999999999999999"]
)
def test_pull_cursor_past_any_seq_is_refused_by_name(device, cursor):
    response = device.pull(cursor)
    assert response.status_code == 422, response.content
    assert response.json()["field"] == "cursor"


@pytest.mark.parametrize("cursor", ["999", "9223372036854775807"])
def test_cursor_ahead_of_the_server_means_reset(device, cursor):
    device.push(device.mutation())
    body = device.pull(cursor).json()
    assert body["reset"] is True and body["cursor"] == "0"


def test_tombstones_are_pulled_and_a_cursor_older_than_pruned_ones_resets(device, officer):
    device.push(device.mutation())
    _, cursor = device.pull_all()
    gone = uuid.uuid4()
    from django.db import transaction

    with transaction.atomic():
        tombstone = change_record(
            type="notebook.entry", record_id=gone, owner_id=officer.pk, op="delete"
        )
    changes, _ = device.pull_all(cursor)
    assert [(c["id"], c["op"], c["data"]) for c in changes] == [(str(gone), "delete", None)]
    assert changes_prune_tombstones(through_seq=tombstone.seq) == 1
    body = device.pull(cursor).json()
    assert body["reset"] is True
    # Starting again from 0 is always allowed: a fresh device has nothing to un-delete.
    fresh = device.pull("0").json()
    assert fresh["reset"] is False and len(fresh["changes"]) == 1


def test_pull_takes_a_fixed_number_of_queries(device, django_assert_max_num_queries):
    device.push(*[device.mutation() for _ in range(3)])
    # session, head, own page, team page, records of the page
    with django_assert_max_num_queries(5):
        assert len(device.pull().json()["changes"]) == 3
    device.push(*[device.mutation() for _ in range(30)])
    with django_assert_max_num_queries(5):
        assert len(device.pull().json()["changes"]) == 33


def test_expired_tombstones_are_pruned_and_old_cursors_reset(device, officer, settings, capsys):
    from datetime import timedelta

    from django.db import transaction

    from frontline import cli
    from frontline.common.clock import now

    device.push(device.mutation())
    _, cursor = device.pull_all()
    with transaction.atomic():
        old = change_record(
            type="notebook.entry", record_id=uuid.uuid4(), owner_id=officer.pk, op="delete"
        )
        recent = change_record(
            type="notebook.entry", record_id=uuid.uuid4(), owner_id=officer.pk, op="delete"
        )
    days = settings.FRONTLINE["TOMBSTONE_RETENTION_DAYS"]
    Change.objects.filter(pk=old.pk).update(committed_at=now() - timedelta(days=days + 1))
    assert cli.main(["prune-tombstones"]) == 0
    assert "Removed 1 tombstone(s)" in capsys.readouterr().out
    assert list(Change.objects.filter(op="delete").values_list("seq", flat=True)) == [recent.seq]
    assert device.pull(cursor).json()["reset"] is True
