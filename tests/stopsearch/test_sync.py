"""Pushing stop and search records offline-first through /sync, and pulling them back."""

from frontline.audit.models import AuditEvent
from frontline.stopsearch.models import StopSearch
from frontline.sync.models import Change, Mutation
from tests.stopsearch.helpers import payload
from tests.sync.helpers import Device

TYPE = "stopsearch.record"


def test_a_pushed_record_is_stored_exactly_once(api_factory, officer):
    # Given a search the app made offline
    device = Device(api_factory(officer))
    mutation = device.mutation(payload(device.api.device), type=TYPE)

    # When it is pushed, and pushed again after a lost acknowledgement
    first = device.push(mutation)
    again = device.push(mutation)

    # Then it is applied once, and the replay gets the same answer
    assert first.status_code == 200
    assert first.json()["results"][0]["status"] == "applied"
    assert again.json()["results"] == first.json()["results"]
    stored = StopSearch.objects.get()
    assert str(stored.pk) == mutation["id"]
    assert stored.urn == mutation["payload"]["urn"]
    assert stored.device == device.api.device
    assert AuditEvent.objects.filter(action="stopsearch.record").count() == 1
    assert Change.objects.filter(type=TYPE).count() == 1


def test_a_new_mutation_for_a_record_already_held_is_a_duplicate(api_factory, officer):
    device = Device(api_factory(officer))
    body = payload(device.api.device)
    record_id = device.mutation(body, type=TYPE)["id"]
    device.push(device.mutation(body, type=TYPE, record_id=record_id))

    response = device.push(device.mutation(body, type=TYPE, record_id=record_id))

    assert response.json()["results"][0]["status"] == "duplicate"
    assert StopSearch.objects.count() == 1


def test_a_broken_rule_is_rejected_with_the_payload_field_and_nothing_is_kept(api_factory, officer):
    device = Device(api_factory(officer))
    audit_before = AuditEvent.objects.count()

    broken = device.push(device.mutation(payload(device.api.device, grounds=""), type=TYPE))
    invalid = device.push(device.mutation(payload(device.api.device, outcome="Fine"), type=TYPE))

    results = [broken.json()["results"][0], invalid.json()["results"][0]]
    assert [result["status"] for result in results] == ["rejected", "rejected"]
    assert [result["error"]["field"] for result in results] == [
        "payload.grounds",
        "payload.outcome",
    ]
    assert not StopSearch.objects.exists()
    assert not Mutation.objects.exists()
    assert AuditEvent.objects.count() == audit_before


def test_a_taken_reference_number_is_rejected_as_payload_urn(api_factory, officer):
    device = Device(api_factory(officer))
    first = payload(device.api.device)
    device.push(device.mutation(first, type=TYPE))

    response = device.push(device.mutation(payload(device.api.device, urn=first["urn"]), type=TYPE))

    result = response.json()["results"][0]
    assert (result["status"], result["error"]["field"]) == ("rejected", "payload.urn")
    assert StopSearch.objects.count() == 1


def test_two_devices_make_different_reference_numbers_for_their_first_search(api_factory, officer):
    one, two = Device(api_factory(officer)), Device(api_factory(officer))

    for device in (one, two):
        body = payload(device.api.device, urn=f"HS-{device.api.device.pk.hex[:6].upper()}-1")
        assert (
            device.push(device.mutation(body, type=TYPE)).json()["results"][0]["status"]
            == "applied"
        )

    assert len(set(StopSearch.objects.values_list("urn", flat=True))) == 2


def test_a_pull_returns_the_record_to_its_owner_alone(api_factory, officer, team_mate, supervisor):
    device = Device(api_factory(officer))
    body = payload(device.api.device, person_name="Jo Bloggs")
    mutation = device.mutation(body, type=TYPE)
    device.push(mutation)

    owner, _ = device.pull_all()
    mate, _ = Device(api_factory(team_mate)).pull_all()
    sergeant, _ = Device(api_factory(supervisor)).pull_all()

    pulled = [change for change in owner if change["type"] == TYPE]
    assert [change["id"] for change in pulled] == [mutation["id"]]
    record = pulled[0]["data"]
    assert (record["urn"], record["receipt_token"]) == (body["urn"], body["receipt_token"])
    assert (record["person_name"], record["outcome"]) == ("Jo Bloggs", body["outcome"])
    assert not [c for c in mate + sergeant if c["type"] == TYPE]
