"""The offline briefing pack: issued for the officer's area, delivered by sync to the officer
alone, with an expiry; checks against it are logged when the device next syncs."""

from datetime import UTC, datetime, timedelta

import pytest

from frontline.audit.models import AuditEvent
from frontline.checks.models import BriefingPack, Check, CheckOpen
from frontline.common.clock import now
from tests.checks.helpers import load_reference
from tests.sync.helpers import Device

PACK = "checks.briefing_pack"
OFFLINE = "checks.offline_check"


@pytest.fixture
def reference(station):
    load_reference()


def _issue(api):
    response = api.post("/api/v1/checks/briefing-pack")
    assert response.status_code == 201, response.content
    return response.json()


def test_the_pack_holds_the_areas_wanted_and_missing_and_stolen_and_expires(
    api_factory, officer, reference
):
    body = _issue(api_factory(officer))

    pack = BriefingPack.objects.get()
    assert (body["persons"], body["vehicles"]) == (2, 1)
    assert {p["family_name"] for p in pack.content["persons"]} == {"Smith"}
    assert [v["registration"] for v in pack.content["vehicles"]] == ["AB12 CDE"]
    wanted = next(p for p in pack.content["persons"] if p["given_name"] == "John")
    assert [w["code"] for w in wanted["warnings"]] == ["WANTED", "VI", "WE"]
    assert "psm0" in wanted["keys"]  # the app matches names offline with the same keys
    assert "addresses" not in wanted  # only what is needed at the roadside
    assert pack.expires_at - pack.issued_at == timedelta(hours=12)
    issued = AuditEvent.objects.get(action="briefing_pack.issue")
    assert (issued.actor_id, issued.object_id) == (officer.pk, str(pack.pk))


def test_the_pack_reaches_the_officer_alone_and_a_new_one_withdraws_the_old(
    api_factory, officer, team_mate, reference
):
    mine, mate = Device(api_factory(officer)), Device(api_factory(team_mate))
    first = _issue(mine.api)
    second = _issue(mine.api)

    changes, _ = mine.pull_all()
    mate_changes, _ = mate.pull_all()

    packs = [c for c in changes if c["type"] == PACK]
    final = {c["id"]: c for c in packs}  # what the device holds after applying them in order
    assert {key: c["op"] for key, c in final.items()} == {
        first["id"]: "delete",
        second["id"]: "upsert",
    }
    held = datetime.fromisoformat(final[second["id"]]["data"]["expires_at"])
    assert abs(held - datetime.fromisoformat(second["expires_at"])) < timedelta(milliseconds=1)
    assert [c for c in mate_changes if c["type"] == PACK] == []


def _offline(pack_id, **overrides):
    payload = {
        "pack_id": pack_id,
        "kind": "person",
        "query": {"name": "John Smith"},
        "reason": "stop_account",
        "reason_text": "no signal in the underpass",
        "result_count": 1,
        "opened": [],
        "checked_at": (datetime.now(UTC) - timedelta(minutes=30)).isoformat(),
    }
    payload.update(overrides)
    return payload


def test_a_check_made_offline_is_logged_when_the_device_syncs(api_factory, officer, reference):
    device = Device(api_factory(officer))
    pack = _issue(device.api)
    person = BriefingPack.objects.get().content["persons"][0]["id"]
    mutation = device.mutation(_offline(pack["id"], opened=[person]), type=OFFLINE)

    first = device.push(mutation)
    again = device.push(mutation)

    assert first.json()["results"][0]["status"] == "applied", first.content
    assert again.json()["results"] == first.json()["results"]
    check = Check.objects.get()
    assert (str(check.pk), check.origin, check.officer) == (mutation["id"], "offline", officer)
    assert check.device == device.api.device
    assert check.checked_at < check.at
    assert [str(o.object_id) for o in CheckOpen.objects.all()] == [person]
    event = AuditEvent.objects.get(action="consultation")
    assert (event.object_type, event.object_id) == ("checks.check", mutation["id"])


@pytest.mark.parametrize(
    "overrides, field",
    [
        ({"reason": ""}, "payload.reason"),
        ({"reason": "other", "reason_text": ""}, "payload.reason_text"),
        ({"opened": ["0190a0b0-0000-7000-8000-000000000000"]}, "payload.opened"),
        ({"checked_at": (now() + timedelta(hours=1)).isoformat()}, "payload.checked_at"),
    ],
)
def test_a_bad_offline_check_is_rejected_and_nothing_is_logged(
    api_factory, officer, reference, overrides, field
):
    device = Device(api_factory(officer))
    pack = _issue(device.api)
    audit_before = AuditEvent.objects.count()

    response = device.push(device.mutation(_offline(pack["id"], **overrides), type=OFFLINE))

    result = response.json()["results"][0]
    assert (result["status"], result["error"]["field"]) == ("rejected", field)
    assert Check.objects.count() == 0
    assert AuditEvent.objects.count() == audit_before


def test_another_officers_pack_cannot_be_used(api_factory, officer, team_mate, reference):
    pack = _issue(api_factory(officer))
    device = Device(api_factory(team_mate))

    response = device.push(device.mutation(_offline(pack["id"]), type=OFFLINE))

    assert response.json()["results"][0]["status"] == "rejected"
    assert Check.objects.count() == 0


def test_a_device_cannot_push_a_pack(api_factory, officer, reference):
    device = Device(api_factory(officer))

    response = device.push(device.mutation({}, type=PACK))

    assert response.json()["results"][0]["status"] == "rejected"
    assert BriefingPack.objects.count() == 0
