"""Conflicts through the public sync API: a stale edit is kept, listed for its officer only,
and settled once, with who and how in the audit trail; settling changes no record."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from frontline.audit.models import AuditEvent
from frontline.incidents.models import IncidentReport
from frontline.sync.models import Conflict
from tests.incidents.helpers import content, draft
from tests.sync.helpers import Device

URL = "/api/v1/sync/conflicts"


def stale_edit(device, report, narrative="Edited on a second phone.") -> dict:
    """Push an update to `report` from a version it has moved past: the engine keeps a conflict."""
    mutation = device.mutation(
        content(narrative=narrative),
        type="incident.report",
        op="update",
        record_id=report.pk,
        base_version=report.version - 1 if report.version > 1 else 0,
    )
    result = device.push(mutation).json()["results"][0]
    assert result["status"] == "conflict", result
    return mutation


def moved_on(officer):
    report = draft(officer)
    IncidentReport.objects.filter(pk=report.pk).update(version=3)
    report.refresh_from_db()
    return report


def test_a_stale_edit_is_listed_for_its_officer_with_what_they_sent(api_factory, officer):
    api = api_factory(officer)
    report = moved_on(officer)
    mutation = stale_edit(Device(api), report)

    listed = api.get(URL).json()["conflicts"]

    assert len(listed) == 1
    assert listed[0]["mutation_id"] == mutation["mutation_id"]
    assert listed[0]["record_id"] == str(report.pk)
    assert listed[0]["payload"]["narrative"] == "Edited on a second phone."
    assert (listed[0]["server_version"], listed[0]["resolved_at"]) == (3, None)


def test_another_officer_neither_sees_nor_settles_my_conflict(api_factory, officer, team_mate):
    stale_edit(Device(api_factory(officer)), moved_on(officer))
    conflict = Conflict.objects.get()
    mate = api_factory(team_mate)

    assert mate.get(URL).json()["conflicts"] == []
    response = mate.post(f"{URL}/{conflict.pk}/resolve", {"resolution": "kept_server"})

    assert response.status_code == 404
    conflict.refresh_from_db()
    assert conflict.resolved_at is None
    assert not AuditEvent.objects.filter(action="sync.conflict_resolve").exists()


def test_settling_closes_the_conflict_once_audited_and_leaves_the_report_alone(
    api_factory, officer
):
    api = api_factory(officer)
    report = moved_on(officer)
    stale_edit(Device(api), report)
    conflict = Conflict.objects.get()

    first = api.post(f"{URL}/{conflict.pk}/resolve", {"resolution": "kept_mine"})
    again = api.post(f"{URL}/{conflict.pk}/resolve", {"resolution": "kept_server"})

    assert first.status_code == 200, first.content
    assert first.json()["resolved_at"] is not None
    assert again.json()["resolved_at"] == first.json()["resolved_at"]
    assert api.get(URL).json()["conflicts"] == []
    events = AuditEvent.objects.filter(action="sync.conflict_resolve")
    assert events.count() == 1
    assert events.get().actor_id == officer.pk
    stored = IncidentReport.objects.get(pk=report.pk)
    assert (stored.version, stored.content["narrative"]) == (3, report.content["narrative"])
    # and the incident's own view no longer shows it either
    assert api.get(f"/api/v1/incidents/{report.pk}").json()["conflicts"] == []


def test_an_unknown_resolution_is_refused_naming_the_field(api_factory, officer):
    api = api_factory(officer)
    stale_edit(Device(api), moved_on(officer))
    conflict = Conflict.objects.get()

    response = api.post(f"{URL}/{conflict.pk}/resolve", {"resolution": "merged"})

    assert response.status_code == 422
    assert "resolution" in response.content.decode()
    conflict.refresh_from_db()
    assert conflict.resolved_at is None


def test_listing_costs_the_same_queries_for_one_conflict_or_five(api_factory, officer):
    api = api_factory(officer)
    device = Device(api)
    stale_edit(device, moved_on(officer))
    with CaptureQueriesContext(connection) as one:
        assert len(api.get(URL).json()["conflicts"]) == 1
    for _ in range(4):
        stale_edit(device, moved_on(officer))
    with CaptureQueriesContext(connection) as five:
        assert len(api.get(URL).json()["conflicts"]) == 5
    assert len(five) == len(one)
