"""POLE export of approved reports: persons, objects, locations and events, with typed links.

Shape (format "frontline-pole-v1"):

    {"format", "generated_at", "from", "to", "export_id",
     "events":    [{"id", "report_id", "version_number", "version_hash", "category",
                    "category_label", "crime", "occurred_from", "occurred_to", "narrative",
                    "reported_by", "approved_by", "approved_at"}],
     "persons":   [{"id", "name", "date_of_birth", "description"}],
     "objects":   [{"id", "kind", "description", "registration", "make", "model", "colour"}],
     "locations": [{"id", "address", "latitude", "longitude", "description"}],
     "links":     [{"from": {"type": "event", "id"}, "to": {"type", "id"}, "relation", "roles"?}]}

An event is one approved report (its id is the report id) exported from its approved version.
`relation` is "involved" for persons (with `roles`: victim, witness, suspect, reporting-person)
and objects, "occurred_at" for the scene, "associated" for other locations, and "refers_to" for
another record, whose `to.type` is its record type (statement.mg11, stopsearch.record,
evidence.item). The scene is a location whose id is derived from the report id. Entity ids are
the ids the officer app gave them: the same person in two reports has two ids (no matching).
Every export is a disclosure in the audit trail (DPA 2018 s62), with the reason and recipient.
"""

import uuid

from django.db import transaction

from frontline.audit.services import audit_record, justification_clean
from frontline.common.clock import now
from frontline.common.errors import InvalidInput
from frontline.common.ids import uuid7
from frontline.incidents import vocab
from frontline.incidents.selectors import approved_versions_between

FORMAT = "frontline-pole-v1"
RECIPIENT_MAX = 200


def incident_pole_export(*, viewer, start, end, reason: str, recipient: str = "", device=None):
    """Build the export and log the disclosure, in one transaction."""
    if end <= start:
        raise InvalidInput("empty_period", "`to` must be after `from`", field="to")
    reason = justification_clean(reason or "")
    recipient = recipient.strip()
    if len(recipient) > RECIPIENT_MAX:
        raise InvalidInput("too_long", "the recipient is too long", field="recipient")
    export_id = uuid7()
    with transaction.atomic():
        versions = approved_versions_between(start=start, end=end)
        document = pole_document(versions)
        audit_record(
            action="disclosure",
            object_type="incident.pole_export",
            object_id=export_id,
            actor=viewer,
            device=device,
            justification=reason,
            detail={
                "from": start.isoformat(),
                "to": end.isoformat(),
                "recipient": recipient,
                "reports": [str(version.report_id) for version in versions],
            },
        )
    return {
        "format": FORMAT,
        "export_id": str(export_id),
        "generated_at": now().isoformat(),
        "from": start.isoformat(),
        "to": end.isoformat(),
        **document,
    }


def pole_document(versions) -> dict:
    document = {"events": [], "persons": [], "objects": [], "locations": [], "links": []}
    for version in versions:
        _add_report(document, version)
    return document


def scene_location_id(report_id) -> uuid.UUID:
    return uuid.uuid5(report_id, "scene")


def _add_report(document: dict, version) -> None:
    content = version.content
    report_id = version.report_id
    approval = version.approvals[0] if version.approvals else None
    document["events"].append(
        {
            "id": str(report_id),
            "report_id": str(report_id),
            "version_number": version.number,
            "version_hash": version.hash,
            "category": content["category"],
            "category_label": vocab.CATEGORIES.get(content["category"], content["category"]),
            "crime": content["category"] in vocab.CRIME_CATEGORIES,
            "occurred_from": content["occurred_from"],
            "occurred_to": content.get("occurred_to"),
            "narrative": content.get("narrative", ""),
            "reported_by": version.author.collar_number,
            "approved_by": approval.reviewer.collar_number if approval else None,
            "approved_at": approval.decided_at.isoformat() if approval else None,
        }
    )
    event = {"type": "event", "id": str(report_id)}

    def link(to_type, to_id, relation, **extra):
        document["links"].append(
            {
                "from": event,
                "to": {"type": to_type, "id": str(to_id)},
                "relation": relation,
                **extra,
            }
        )

    scene_id = scene_location_id(report_id)
    document["locations"].append(
        {
            "id": str(scene_id),
            "address": content.get("address", ""),
            "latitude": content.get("latitude"),
            "longitude": content.get("longitude"),
            "description": "scene",
        }
    )
    link("location", scene_id, "occurred_at")
    for person in content.get("persons", []):
        document["persons"].append(
            {key: person.get(key) for key in ("id", "name", "date_of_birth", "description")}
        )
        link("person", person["id"], "involved", roles=person["roles"])
    for thing in content.get("objects", []):
        document["objects"].append(
            {
                key: thing.get(key)
                for key in ("id", "kind", "description", "registration", "make", "model", "colour")
            }
        )
        link("object", thing["id"], "involved")
    for location in content.get("locations", []):
        document["locations"].append(
            {
                key: location.get(key)
                for key in ("id", "address", "latitude", "longitude", "description")
            }
        )
        link("location", location["id"], "associated")
    for record in content.get("links", []):
        link(record["type"], record["id"], "refers_to")
