"""Set-based push: a plain batch is written in a few statements, and every other batch gets
exactly the per-item results of the one-mutation-at-a-time path."""

import dataclasses
import threading
import uuid

import pytest
from django.db import connection

from frontline import cli
from frontline.audit.models import AuditEvent
from frontline.notebook.models import NotebookEntry
from frontline.sync import registry
from frontline.sync.models import Change, Mutation
from frontline.sync.services import sync_push
from tests.sync.helpers import Device, entry_payload


@pytest.fixture
def device(api_factory, officer):
    return Device(api_factory(officer))


@pytest.fixture(params=["set_based", "one_at_a_time"])
def push_path(request, monkeypatch):
    """Run a test on both paths; the one-at-a-time path is what every batch got before."""
    if request.param == "one_at_a_time":
        notebook = registry.record_type_get("notebook.entry")
        monkeypatch.setitem(
            registry._types, "notebook.entry", dataclasses.replace(notebook, prepare_many=None)
        )
    return request.param


def _outcomes(body) -> list[tuple]:
    return [
        (r["status"], (r.get("error") or {}).get("code"), (r.get("error") or {}).get("field"))
        for r in body["results"]
    ]


def _chains_intact(capsys) -> None:
    assert cli.main(["verify", "--quiet"]) == 0, capsys.readouterr().out
    audit = list(AuditEvent.objects.order_by("seq").values_list("seq", flat=True))
    assert audit == list(range(1, len(audit) + 1))


def test_a_batch_of_new_entries_is_written_in_a_fixed_number_of_statements(
    device, django_assert_max_num_queries
):
    mutations = [device.mutation(entry_payload(f"Entry {n}")) for n in range(50)]
    # One at a time this batch took about 950 statements.
    with django_assert_max_num_queries(25):
        body = device.push(*mutations).json()
    assert [r["status"] for r in body["results"]] == ["applied"] * 50
    assert body["acked_device_seq"] == 50


def test_a_batch_is_chained_in_device_seq_order_with_one_change_and_audit_event_each(
    device, officer, capsys
):
    device.push(device.mutation(entry_payload("Before the batch")))
    mutations = [device.mutation(entry_payload(f"Entry {n}")) for n in range(5)]
    body = device.push(*reversed(mutations)).json()
    assert [r["mutation_id"] for r in body["results"]] == [m["mutation_id"] for m in mutations]
    entries = list(NotebookEntry.objects.filter(officer=officer).order_by("seq"))
    assert [e.text for e in entries] == ["Before the batch"] + [f"Entry {n}" for n in range(5)]
    feed = list(Change.objects.order_by("seq").values_list("record_id", flat=True))
    assert feed[-6:] == [e.id for e in entries]
    audited = list(
        AuditEvent.objects.filter(object_type="notebook.entry")
        .order_by("seq")
        .values_list("object_id", "detail", "device_id")
    )
    # Each event names its own entry, and its detail that entry's seq in the notebook.
    assert audited == [
        (str(e.id), f'{{"officer":"{officer.pk.hex}","seq":{e.seq}}}', device.api.device.pk)
        for e in entries
    ]
    assert Mutation.objects.filter(device=device.api.device).count() == 6
    _chains_intact(capsys)


def test_a_replayed_batch_gets_its_stored_responses_and_writes_nothing(device):
    mutations = [device.mutation() for _ in range(4)]
    first = device.push(*mutations).json()
    counts = (NotebookEntry.objects.count(), Change.objects.count(), AuditEvent.objects.count())
    again = device.push(*mutations).json()
    assert again == first
    assert (
        NotebookEntry.objects.count(),
        Change.objects.count(),
        AuditEvent.objects.count(),
    ) == counts


def test_a_correction_may_follow_its_entry_in_the_same_batch(device, officer):
    entry = device.mutation()
    correction = device.mutation(
        entry_payload("Correction: Queen Street.", kind="correction", supersedes=entry["id"])
    )
    body = device.push(entry, correction).json()
    assert _outcomes(body) == [("applied", None, None), ("applied", None, None)]
    stored = NotebookEntry.objects.get(pk=correction["id"])
    assert str(stored.supersedes_id) == entry["id"]


def test_valid_batch_meeting_constraints_gives_the_per_item_results(device, push_path, capsys):
    held = device.mutation(entry_payload("Held entry"))
    second = device.mutation(entry_payload("Second entry"))
    device.push(held, second)
    tampered = {**second, "payload": entry_payload("Tampered")}  # mutation id reused
    new_one = device.mutation(entry_payload("New one"))
    held_again = device.mutation(held["payload"], record_id=held["id"])  # record already held
    later_id = uuid.uuid4()
    early_correction = device.mutation(
        entry_payload("Early correction", kind="correction", supersedes=str(later_id))
    )
    later = device.mutation(entry_payload("Later entry"), record_id=later_id)
    batch = [held, tampered, new_one, held_again, early_correction, later]
    batch.append(device.mutation(entry_payload("Another new one")))
    clash = device.mutation(entry_payload("Clashing seq"))
    clash["device_seq"] = held["device_seq"]  # device_seq reused by another mutation
    body = device.push(*batch, clash).json()
    assert _outcomes(body) == [
        ("applied", None, None),
        ("rejected", "device_seq_reused", "device_seq"),
        ("rejected", "mutation_id_reused", "mutation_id"),
        ("applied", None, None),
        ("duplicate", None, None),
        ("rejected", "not_found", "payload.supersedes"),
        ("applied", None, None),
        ("applied", None, None),
    ]
    assert sorted(NotebookEntry.objects.values_list("text", flat=True)) == sorted(
        ["Held entry", "Second entry", "New one", "Later entry", "Another new one"]
    )
    assert Mutation.objects.count() == 6
    assert body["acked_device_seq"] == batch[-1]["device_seq"]
    _chains_intact(capsys)


def test_batch_with_invalid_mutations_gives_the_per_item_results(device, push_path, capsys):
    batch = [
        device.mutation(entry_payload("Good one")),
        device.mutation(entry_payload(text="")),
        device.mutation(type="nonsense.thing"),
        device.mutation(entry_payload("Good two")),
    ]
    repeated = device.mutation(entry_payload("Twice in one batch"))
    body = device.push(*batch, repeated, repeated).json()
    assert _outcomes(body) == [
        ("applied", None, None),
        ("rejected", "invalid", "payload.text"),
        ("rejected", "unknown_type", "type"),
        ("applied", None, None),
        ("applied", None, None),
        ("applied", None, None),
    ]
    assert NotebookEntry.objects.count() == 3
    assert Mutation.objects.count() == 3
    _chains_intact(capsys)


def test_staff_without_a_notebook_get_a_rejection_for_every_entry(api_factory, fleet_manager):
    device = Device(api_factory(fleet_manager))
    body = device.push(device.mutation(), device.mutation()).json()
    assert [r["error"]["code"] for r in body["results"]] == ["not_an_officer"] * 2
    assert NotebookEntry.objects.count() == 0
    assert Mutation.objects.count() == 0


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("postgres_only")
def test_two_connections_pushing_the_same_batch_store_it_once(api_factory, officer, capsys):
    api = api_factory(officer)
    sender = Device(api)
    mutations = [sender.mutation(entry_payload(f"Entry {n}")) for n in range(20)]
    for mutation in mutations:
        mutation["mutation_id"] = uuid.UUID(mutation["mutation_id"])
        mutation["id"] = uuid.UUID(mutation["id"])
    barrier = threading.Barrier(2)
    answers: list[dict] = []
    errors: list[BaseException] = []

    def push():
        try:
            barrier.wait()
            answers.append(
                sync_push(
                    officer=officer,
                    device=api.device,
                    app_version="1.4.0",
                    mutations=[dict(m) for m in mutations],
                )
            )
        except BaseException as exc:  # collected and re-raised in the main thread
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=push) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not errors, errors
    assert len(answers) == 2
    assert answers[0] == answers[1]
    assert [r["status"] for r in answers[0]["results"]] == ["applied"] * 20
    assert NotebookEntry.objects.filter(officer=officer).count() == 20
    assert Mutation.objects.count() == 20
    assert Change.objects.filter(type="notebook.entry").count() == 20
    _chains_intact(capsys)


def test_an_unknown_type_holding_a_nul_character_is_rejected_per_item(api_factory, officer):
    api = api_factory(officer)
    body = {
        "mutations": [
            {
                "mutation_id": str(uuid.uuid4()),
                "device_seq": 1,
                "type": "note\u0000book.entry",
                "op": "create",
                "id": str(uuid.uuid4()),
                "payload": {},
            }
        ]
    }

    response = api.client.post(
        "/api/v1/sync/push",
        body,
        content_type="application/json",
        headers={**api.headers(), "X-App-Version": "1.4.0"},
    )

    assert response.status_code == 200, response.content
    [result] = response.json()["results"]
    assert (result["status"], result["error"]["code"]) == ("rejected", "unknown_type")
    assert not Mutation.objects.exists()
