"""Building incident reports the way the officer app does, and moving them through review."""

import uuid
from datetime import UTC, datetime, timedelta

from frontline.common.ids import uuid7
from frontline.incidents.schemas import ReportContent
from frontline.incidents.services import incident_report_create
from frontline.incidents.workflow import (
    incident_report_approve,
    incident_report_return,
    incident_report_submit,
)

ROOT = "/api/v1/incidents"
REASON = "Reviewing the burglary series"
PERSON = "0b0f7e5a-3c1e-4c5e-9a43-6f1f0d6c0001"
VEHICLE = "0b0f7e5a-3c1e-4c5e-9a43-6f1f0d6c0002"
LOCATION = "0b0f7e5a-3c1e-4c5e-9a43-6f1f0d6c0003"
STATEMENT = "0b0f7e5a-3c1e-4c5e-9a43-6f1f0d6c0004"


def content(**overrides) -> dict:
    """A complete report payload, ready to submit, as JSON."""
    start = datetime.now(UTC) - timedelta(hours=3)
    payload = {
        "category": "burglary",
        "occurred_from": start.isoformat(),
        "occurred_to": (start + timedelta(hours=1)).isoformat(),
        "address": "Brackenbury Road, London W6",
        "latitude": 51.4985,
        "longitude": -0.2301,
        "narrative": "Rear door forced; laptop taken.",
        "persons": [
            {
                "id": PERSON,
                "roles": ["victim", "reporting-person"],
                "name": "Margaret Ellis",
                "date_of_birth": "1958-03-14",
                "description": "",
            }
        ],
        "objects": [
            {
                "id": VEHICLE,
                "kind": "vehicle",
                "registration": "ab12 cde",
                "make": "Ford",
                "model": "Fiesta",
                "colour": "Blue",
                "description": "",
            }
        ],
        "locations": [{"id": LOCATION, "address": "Side passage", "description": "exit route"}],
        "links": [{"type": "statement.mg11", "id": STATEMENT}],
    }
    payload.update(overrides)
    return payload


def draft(officer, **overrides):
    return incident_report_create(
        officer=officer, report_id=uuid7(), content=ReportContent(**content(**overrides))
    ).report


def submitted(officer, **overrides):
    report = draft(officer, **overrides)
    return incident_report_submit(
        officer=officer, report_id=report.pk, base_version=report.version
    ).report


def returned(officer, supervisor, comments="Add the point of entry."):
    report = submitted(officer)
    incident_report_return(supervisor=supervisor, report_id=report.pk, comments=comments)
    report.refresh_from_db()
    return report


def resubmitted(officer, supervisor):
    report = returned(officer, supervisor)
    return incident_report_submit(
        officer=officer, report_id=report.pk, base_version=report.version
    ).report


def approved(officer, supervisor):
    report = submitted(officer)
    incident_report_approve(supervisor=supervisor, report_id=report.pk)
    report.refresh_from_db()
    return report


def new_id() -> str:
    return str(uuid.uuid4())
