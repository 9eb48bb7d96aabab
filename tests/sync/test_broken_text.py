"""Half of a UTF-16 surrogate pair in a body (JSON may escape one, as from a text cut in the
middle of an emoji) is refused with a named field, and changes nothing; in a push it is that
mutation's own result, and the rest of the batch applies."""

import pytest

from frontline import cli
from frontline.audit.models import AuditEvent
from frontline.notebook.models import NotebookEntry
from frontline.sync.models import Mutation
from tests.sync.helpers import Device, entry_payload
from tests.sync.test_push_batch import push_path  # noqa: F401 (fixture: both push paths)

BROKEN = "Saw the suspect \ud83d run north"  # the high half of an emoji, alone


@pytest.fixture
def device(api_factory, officer):
    return Device(api_factory(officer))


@pytest.mark.usefixtures("push_path")
def test_a_broken_entry_is_refused_alone_and_the_rest_of_the_batch_applies(device, capsys):
    good, broken, later = (
        device.mutation(entry_payload("First entry, whole.")),
        device.mutation(entry_payload(BROKEN)),
        device.mutation(entry_payload("Third entry, with an emoji \U0001f697 whole.")),
    )
    response = device.push(good, broken, later)
    assert response.status_code == 200, response.content
    results = response.json()["results"]
    assert [r["status"] for r in results] == ["applied", "rejected", "applied"]
    assert results[1]["error"]["code"] == "unpaired_surrogate"
    assert results[1]["error"]["field"] == "payload.text"
    assert set(NotebookEntry.objects.values_list("pk", flat=True)) == {
        NotebookEntry._meta.pk.to_python(good["id"]),
        NotebookEntry._meta.pk.to_python(later["id"]),
    }
    assert not Mutation.objects.filter(pk=broken["mutation_id"]).exists()
    assert cli.main(["verify", "--quiet"]) == 0, capsys.readouterr().out


def test_a_broken_key_outside_the_payloads_refuses_the_push_whole(device):
    mutation = device.mutation(entry_payload("Entry."))
    mutation["\udc00extra"] = 1
    response = device.push(mutation)
    assert response.status_code == 422
    assert response.json()["error"] == "unpaired_surrogate"
    assert response.json()["field"] == "mutations.0.\\udc00extra"
    assert Mutation.objects.count() == 0


def test_a_broken_text_elsewhere_in_the_api_is_refused_with_its_field(api_factory, officer):
    api = api_factory(officer)
    before = AuditEvent.objects.count()
    response = api.post(
        "/api/v1/notebook/entries",
        {
            "id": "0193a1c2-0000-7000-8000-000000000001",
            "kind": "entry",
            "occurred_at": "2026-11-29T09:00:00+00:00",
            "text": BROKEN,
        },
    )
    assert response.status_code == 422
    assert response.json() == {
        "error": "unpaired_surrogate",
        "message": "text holds a broken character (half of a UTF-16 surrogate pair)",
        "field": "text",
    }
    assert NotebookEntry.objects.count() == 0 and AuditEvent.objects.count() == before


def test_text_that_only_looks_like_an_escape_is_taken(api_factory, officer):
    """A backslash typed before `ud83d` is text, not half a pair: the body's quick scan sees
    the escape-like bytes and the full check finds nothing broken."""
    api = api_factory(officer)
    response = api.post(
        "/api/v1/notebook/entries",
        {
            "id": "0193a1c2-0000-7000-8000-000000000002",
            "kind": "entry",
            "occurred_at": "2026-11-29T09:00:00+00:00",
            "text": "Path typed as C:\\ud83d, and an emoji \U0001f697 whole.",
        },
    )
    assert response.status_code == 201, response.content
    assert NotebookEntry.objects.get().text.startswith("Path typed as C:\\ud83d")


@pytest.mark.usefixtures("push_path")
def test_a_deeply_nested_payload_is_refused_alone(device):
    """Nested deeper than orjson writes (255 levels), a payload is hashed by the json module as
    before and refused by its schema in its own result; the rest of the batch applies."""
    deep = "x"
    for _ in range(400):
        deep = {"k": deep}
    good, nested = (
        device.mutation(entry_payload("First entry.")),
        device.mutation(entry_payload("Second entry.", extra=deep)),
    )
    response = device.push(good, nested)
    assert response.status_code == 200, response.content
    results = response.json()["results"]
    assert [r["status"] for r in results] == ["applied", "rejected"]
    assert results[1]["error"]["code"] == "invalid"
    assert NotebookEntry.objects.count() == 1
