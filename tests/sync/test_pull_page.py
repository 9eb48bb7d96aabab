"""Pull pages and push responses: merged in seq order, rendered as ninja would: the same
fields in the same order with the same values (written compactly, by orjson)."""

import json
import uuid

import pytest
from ninja.responses import NinjaJSONEncoder

from frontline.sync.feed import change_record
from frontline.sync.schemas import PullOut, PushOut
from frontline.sync.selectors import sync_pull
from tests.sync.helpers import Device, entry_payload


def _as_read(content) -> str:
    """What a client reads: keys in order, values and their types, whatever the spacing."""
    return json.dumps(json.loads(content))


def test_times_and_other_values_are_written_as_ninja_writes_them():
    from datetime import UTC, datetime
    from decimal import Decimal

    from frontline.sync.api import _json

    body = {
        "at": datetime(2026, 11, 28, 9, 30, 1, 123456, tzinfo=UTC),
        "n": Decimal("1.50"),
        "id": uuid.UUID(int=7),
        "text": "Café \u2019 ok",
        "none": None,
        "list": [1, True],
    }
    assert _as_read(_json(body).content) == _as_read(json.dumps(body, cls=NinjaJSONEncoder))


@pytest.fixture
def device(api_factory, officer):
    return Device(api_factory(officer))


def _change(owner, scope="owner", team=None):
    team_id = team if team is not None else owner.team_id
    return change_record(
        type="test.thing", record_id=uuid.uuid4(), owner_id=owner.pk, team_id=team_id, scope=scope
    ).seq


def test_own_and_team_changes_are_paged_in_seq_order_without_repeats(
    officer, team_mate, other_officer
):
    assert officer.team_id == team_mate.team_id != other_officer.team_id
    visible = []
    visible.append(_change(officer))
    _change(team_mate)  # another officer's own record
    visible.append(_change(team_mate, scope="team"))
    visible.append(_change(officer, scope="team"))  # matches both reads
    _change(other_officer, scope="team")  # another team's
    visible.append(_change(team_mate, scope="team"))
    visible.append(_change(officer))
    for limit in (1, 2, 3, 5, 10):
        seen, cursor, more = [], 0, True
        while more:
            page = sync_pull(officer=officer, cursor=cursor, limit=limit)
            assert len(page["changes"]) <= limit
            seen += [change["seq"] for change in page["changes"]]
            cursor, more = int(page["cursor"]), page["more"]
        assert seen == visible, limit


def test_pulled_page_is_rendered_exactly_as_its_schema_would(device, officer):
    device.push(*[device.mutation() for _ in range(3)])
    change_record(type="test.thing", record_id=uuid.uuid4(), owner_id=officer.pk, op="delete")
    response = device.pull()
    assert response["Content-Type"] == "application/json; charset=utf-8"
    expected = PullOut.model_validate(sync_pull(officer=officer, cursor=0)).model_dump()
    assert _as_read(response.content) == _as_read(json.dumps(expected, cls=NinjaJSONEncoder))
    assert [c["op"] for c in response.json()["changes"]] == ["upsert"] * 3 + ["delete"]


def test_push_response_is_rendered_exactly_as_its_schema_would_and_replays_byte_for_byte(
    device, officer
):
    held = device.mutation()
    device.push(held)
    batch = [
        device.mutation(),
        device.mutation(held["payload"], record_id=held["id"]),  # the same record: a duplicate
        device.mutation(entry_payload(text="")),  # rejected, naming the field
        held,  # a replay: the stored response
    ]
    first = device.push(*batch)
    again = device.push(*batch)

    body = first.json()
    statuses = {r["mutation_id"]: r["status"] for r in body["results"]}
    assert [statuses[m["mutation_id"]] for m in batch] == [
        "applied",
        "duplicate",
        "rejected",
        "applied",
    ]
    expected = PushOut.model_validate(body).model_dump(exclude_none=True)
    assert _as_read(first.content) == _as_read(json.dumps(expected, cls=NinjaJSONEncoder))
    assert first["Content-Type"] == "application/json; charset=utf-8"
    # The rejected one was not stored, so it is answered afresh; every other result is the
    # stored response, rendered to the same bytes.
    assert again.content == first.content
