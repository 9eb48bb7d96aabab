"""Briefings and tasks: written by supervisors, delivered by sync, read and updated by officers
online or offline, with a stale task update kept as a conflict."""

from datetime import timedelta

import pytest

from frontline.audit.models import AuditEvent
from frontline.common.clock import now
from frontline.sync.models import Conflict
from frontline.tasking.models import BriefingRead, Task, TaskUpdate
from tests.sync.helpers import Device
from tests.tasking.helpers import briefing, task

URL = "/api/v1/tasking"


def test_a_team_briefing_reaches_the_team_by_sync_and_nobody_else(
    api_factory, supervisor, officer, other_officer
):
    made = briefing(supervisor)

    mine, _ = Device(api_factory(officer)).pull_all()
    theirs, _ = Device(api_factory(other_officer)).pull_all()

    assert [(c["type"], c["id"]) for c in mine] == [("tasking.briefing", str(made.pk))]
    assert mine[0]["data"]["title"] == made.title
    assert theirs == []


def test_an_area_briefing_reaches_every_team_of_the_station(
    api_factory, supervisor, officer, other_officer, station
):
    made = briefing(supervisor, station=station)

    for person in (officer, other_officer):
        changes, _ = Device(api_factory(person)).pull_all()
        assert [c["id"] for c in changes] == [str(made.pk)]
    listed = api_factory(other_officer).get(f"{URL}/briefings").json()
    assert [b["id"] for b in listed] == [str(made.pk)]


def test_a_briefing_out_of_its_period_is_not_listed(api_factory, supervisor, officer):
    briefing(supervisor, valid_from=now() + timedelta(hours=1), valid_to=now() + timedelta(hours=2))

    assert api_factory(officer).get(f"{URL}/briefings").json() == []


def test_reading_a_briefing_offline_leaves_one_receipt(api_factory, supervisor, officer):
    made = briefing(supervisor)
    device = Device(api_factory(officer))
    read = {"briefing_id": str(made.pk), "read_at": (now() - timedelta(minutes=3)).isoformat()}

    first = device.push(device.mutation(read, type="briefing.read"))
    second = device.push(device.mutation(read, type="briefing.read"))
    online = api_factory(officer).post(f"{URL}/briefings/{made.pk}/read")

    assert first.json()["results"][0]["status"] == "applied"
    assert second.json()["results"][0]["status"] == "duplicate"
    assert online.status_code == 204
    receipt = BriefingRead.objects.get()
    assert (receipt.officer, receipt.briefing) == (officer, made)
    listed = api_factory(officer).get(f"{URL}/briefings").json()
    assert listed[0]["read"] is True


@pytest.mark.parametrize(
    "overrides, field",
    [
        ({"title": ""}, "title"),
        ({"text": "x" * 5001}, "text"),
        ({"valid_to": now() - timedelta(days=1)}, "valid_to"),
        ({"valid_to": now() + timedelta(days=200)}, "valid_to"),
        ({"images": ["not-a-hash"]}, "images"),
    ],
)
def test_a_bad_briefing_is_refused_and_nothing_written(supervisor, overrides, field):
    from frontline.common.errors import InvalidInput
    from frontline.tasking.models import Briefing

    with pytest.raises(InvalidInput) as raised:
        briefing(supervisor, **overrides)

    assert raised.value.field == field
    assert Briefing.objects.count() == 0


def test_an_officer_updates_their_task_offline_and_a_stale_update_is_a_conflict(
    api_factory, supervisor, officer
):
    # Given a task for the officer, pulled onto two devices
    made = task(supervisor, officer=officer)
    phone, tablet = Device(api_factory(officer)), Device(api_factory(officer))
    pulled, _ = phone.pull_all()
    assert pulled[0]["data"]["version"] == 1

    # When the phone accepts it, and the tablet, still at version 1, marks it done
    accepted = phone.push(
        phone.mutation(
            {"status": "accepted", "note": "On my way"},
            type="task.update",
            op="update",
            record_id=made.pk,
            base_version=1,
        )
    )
    stale = tablet.push(
        tablet.mutation(
            {"status": "done"},
            type="task.update",
            op="update",
            record_id=made.pk,
            base_version=1,
        )
    )

    # Then the first applies, the second is kept as a conflict and changes nothing
    assert accepted.json()["results"][0]["status"] == "applied"
    assert accepted.json()["results"][0]["version"] == 2
    assert stale.json()["results"][0]["status"] == "conflict"
    stored = Task.objects.get()
    assert (stored.status, stored.note, stored.version) == ("accepted", "On my way", 2)
    assert Conflict.objects.get().payload == {"status": "done"}
    assert list(TaskUpdate.objects.values_list("status", "version")) == [("accepted", 2)]
    assert AuditEvent.objects.filter(action="task.update").count() == 1
    changes, _ = tablet.pull_all()
    assert changes[-1]["data"]["status"] == "accepted"


def test_a_team_task_can_be_updated_by_any_team_member_online(
    api_factory, supervisor, team_mate, other_officer, team
):
    made = task(supervisor, team=team)

    refused = api_factory(other_officer).post(
        f"{URL}/tasks/{made.pk}/status", {"status": "accepted", "base_version": 1}
    )
    response = api_factory(team_mate).post(
        f"{URL}/tasks/{made.pk}/status", {"status": "in_progress", "base_version": 1}
    )
    stale = api_factory(team_mate).post(
        f"{URL}/tasks/{made.pk}/status", {"status": "done", "base_version": 1}
    )

    assert refused.status_code == 404
    assert (response.status_code, response.json()["status"]) == (200, "in_progress")
    assert (stale.status_code, stale.json()["error"]) == (409, "stale_base_version")
    assert Task.objects.get().version == 2


def test_tasks_list_what_is_yours_in_a_fixed_number_of_queries(
    api_factory, supervisor, officer, team, django_assert_num_queries
):
    api = api_factory(officer)
    task(supervisor, officer=officer)
    # the device session, then the tasks
    with django_assert_num_queries(2):
        assert len(api.get(f"{URL}/tasks").json()) == 1
    task(supervisor, team=team)
    task(supervisor, officer=officer, incident_id=None)
    with django_assert_num_queries(2):
        assert len(api.get(f"{URL}/tasks").json()) == 3


def test_briefings_list_in_a_fixed_number_of_queries(
    api_factory, supervisor, officer, station, django_assert_num_queries
):
    api = api_factory(officer)
    briefing(supervisor)
    with django_assert_num_queries(2):
        assert len(api.get(f"{URL}/briefings").json()) == 1
    briefing(supervisor, station=station)
    briefing(supervisor)
    with django_assert_num_queries(2):
        assert len(api.get(f"{URL}/briefings").json()) == 3
