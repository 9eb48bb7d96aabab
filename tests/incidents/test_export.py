"""The POLE export of approved reports: its shape, its period, and the disclosure it logs."""

from datetime import UTC, datetime, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from frontline.audit.models import AuditEvent
from frontline.incidents.pole import scene_location_id
from tests.incidents.helpers import (
    LOCATION,
    PERSON,
    ROOT,
    STATEMENT,
    VEHICLE,
    approved,
    draft,
    resubmitted,
    submitted,
)

REASON = "Quarterly crime data return to the Home Office"


def _period(days_back=2):
    end = datetime.now(UTC) + timedelta(minutes=1)
    return {"from": (end - timedelta(days=days_back)).isoformat(), "to": end.isoformat()}


def test_the_export_holds_approved_reports_as_typed_pole_entities(
    api_factory, officer, supervisor, auditor
):
    # Given one approved report, and others that are not approved
    report = approved(officer, supervisor)
    draft(officer)
    submitted(officer)
    resubmitted(officer, supervisor)

    # When an auditor exports the period
    response = api_factory(auditor).get(f"{ROOT}/export/pole", {**_period(), "reason": REASON})

    # Then only the approved report is there, as an event with its persons, objects, locations
    # and the records it refers to, each a typed link from the event
    assert response.status_code == 200
    body = response.json()
    assert body["format"] == "frontline-pole-v1"
    event = str(report.pk)
    scene = str(scene_location_id(report.pk))
    [exported] = body["events"]
    assert exported["id"] == event
    assert exported["version_number"] == 1
    assert (exported["category"], exported["crime"]) == ("burglary", True)
    assert (exported["reported_by"], exported["approved_by"]) == ("PC1", "PS1")
    assert body["persons"] == [
        {"id": PERSON, "name": "Margaret Ellis", "date_of_birth": "1958-03-14", "description": ""}
    ]
    assert [(o["id"], o["kind"], o["registration"]) for o in body["objects"]] == [
        (VEHICLE, "vehicle", "AB12CDE")
    ]
    assert [location["id"] for location in body["locations"]] == [scene, LOCATION]
    assert body["locations"][0]["address"] == "Brackenbury Road, London W6"
    links = [(link["to"]["type"], link["to"]["id"], link["relation"]) for link in body["links"]]
    assert links == [
        ("location", scene, "occurred_at"),
        ("person", PERSON, "involved"),
        ("object", VEHICLE, "involved"),
        ("location", LOCATION, "associated"),
        ("statement.mg11", STATEMENT, "refers_to"),
    ]
    assert all(link["from"] == {"type": "event", "id": event} for link in body["links"])
    assert body["links"][1]["roles"] == ["victim", "reporting-person"]


def test_the_export_is_logged_as_a_disclosure_with_the_reason(
    api_factory, officer, supervisor, admin_officer
):
    report = approved(officer, supervisor)

    response = api_factory(admin_officer).get(
        f"{ROOT}/export/pole", {**_period(), "reason": REASON, "recipient": "Home Office"}
    )

    assert response.status_code == 200
    disclosure = AuditEvent.objects.get(action="disclosure")
    assert disclosure.actor_id == admin_officer.pk
    assert disclosure.object_type == "incident.pole_export"
    assert disclosure.object_id == response.json()["export_id"]
    assert disclosure.justification == REASON
    assert '"recipient":"Home Office"' in disclosure.detail
    assert str(report.pk) in disclosure.detail


def test_reports_outside_the_period_are_left_out(api_factory, officer, supervisor, auditor):
    approved(officer, supervisor)
    end = datetime.now(UTC) - timedelta(days=1)
    period = {"from": (end - timedelta(days=7)).isoformat(), "to": end.isoformat()}

    response = api_factory(auditor).get(f"{ROOT}/export/pole", {**period, "reason": REASON})

    assert response.json()["events"] == []


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"reason": REASON, "to": "2026-01-01T00:00:00+00:00"}, "from"),
        ({"reason": REASON, "from": "2026-01-01T00:00:00+00:00"}, "to"),
        (
            {"reason": REASON, "from": "2026-02-01T00:00:00+00:00", "to": "2026-01-01T00:00:00Z"},
            "to",
        ),
        ({**_period(), "reason": ""}, "reason"),
        ({**_period(), "reason": "why"}, "reason"),
    ],
)
def test_a_bad_export_request_is_refused_and_logs_nothing(api_factory, auditor, params, field):
    response = api_factory(auditor).get(f"{ROOT}/export/pole", params)

    assert response.status_code == 422
    assert response.json()["field"] == field
    assert not AuditEvent.objects.filter(action="disclosure").exists()


def test_the_export_takes_the_same_queries_however_many_reports(
    api_factory, officer, supervisor, auditor
):
    # Given an auditor's export of one approved report, then of six
    api = api_factory(auditor)
    counts = []
    for add in (1, 5):
        for _ in range(add):
            approved(officer, supervisor)

        # When they export
        with CaptureQueriesContext(connection) as queries:
            response = api.get(f"{ROOT}/export/pole", {**_period(), "reason": REASON})
        counts.append((len(response.json()["events"]), len(queries)))

    # Then the number of queries does not grow with the reports
    assert counts[0][0] == 1 and counts[1][0] == 6
    assert counts[0][1] == counts[1][1]
