"""The incidents app's record types for the sync engine.

`incident.report` — lane EDITABLE, ops create and update. The mutation's `id` is the report id
(made on the device); an update carries `base_version`, the version the officer last pulled.
Payload (schemas.ReportContent), sent whole every time:

    {"category": "burglary",                       # incidents.vocab.CATEGORIES
     "occurred_from": "2026-11-28T14:05:00+00:00", "occurred_to": null,   # to >= from, not future
     "address": "12 Brook Green, W6", "latitude": 51.4962, "longitude": -0.2185,  # both or neither
     "narrative": "…",                              # address and narrative required to submit
     "persons":   [{"id": uuid, "roles": ["victim", "reporting-person"], "name": "…",
                    "date_of_birth": "1980-04-02", "description": "…"}],
     "objects":   [{"id": uuid, "kind": "vehicle", "registration": "AB12CDE", "make": "Ford",
                    "model": "Fiesta", "colour": "Blue", "description": ""}],
     "locations": [{"id": uuid, "address": "…", "latitude": null, "longitude": null,
                    "description": "where the suspect ran"}],
     "links":     [{"type": "statement.mg11", "id": uuid}]}

An update whose base_version is not the server's version is a conflict: nothing is written, the
sync engine keeps the pushed payload in sync.Conflict, and the officer sees it on
GET /incidents/{id} (`conflicts`) and GET /incidents/conflicts. An update to a report waiting
for review or approved is rejected (codes `awaiting_review`, `approved`).

`incident.submit` — lane EDITABLE, op create only. The mutation's `id` is the report id and the
payload is {"base_version": n}: the version the officer read when they pressed Submit. It
freezes that version (ReportVersion n) exactly once; a stale base_version is a conflict, as
above, so an officer never submits something other than what they read.

Pulled data (`incident.report`, owner scope): id, author_id, status, version, submitted_number,
submitted_at, content, and reviews [{version_number, decision, comments,
reviewer_collar_number, decided_at}] so returned reports show the supervisor's comments offline.
"""

from frontline.incidents import selectors, services, workflow
from frontline.incidents.schemas import ReportContent, SubmitIn
from frontline.sync.registry import (
    EDITABLE,
    Applied,
    ApplyContext,
    RecordType,
)


def report_apply(context: ApplyContext) -> Applied:
    if context.op == "create":
        result = services.incident_report_create(
            officer=context.officer,
            report_id=context.record_id,
            content=context.payload,
            device=context.device,
        )
    else:
        result = services.incident_report_update(
            officer=context.officer,
            report_id=context.record_id,
            base_version=context.base_version,
            content=context.payload,
            device=context.device,
        )
    created = result.created if context.op == "create" else True
    return _applied(context, result.report, created=created, stale=result.stale)


def submit_apply(context: ApplyContext) -> Applied:
    result = workflow.incident_report_submit(
        officer=context.officer,
        report_id=context.record_id,
        base_version=context.payload.base_version,
        device=context.device,
    )
    return _applied(context, result.report, created=True, stale=result.stale)


def _applied(context, report, *, created: bool, stale: bool) -> Applied:
    return Applied(
        version=report.version,
        owner_id=report.author_id,
        team_id=context.officer.team_id,
        created=created,
        conflict=stale,
        server_version=report.version if stale else None,
    )


RECORD_TYPES = [
    RecordType(
        name=services.SYNC_TYPE,
        lane=EDITABLE,
        schema=ReportContent,
        apply=report_apply,
        serialise_many=selectors.incident_reports_serialise,
        ops=frozenset({"create", "update"}),
    ),
    RecordType(
        name=services.SUBMIT_SYNC_TYPE,
        lane=EDITABLE,
        schema=SubmitIn,
        apply=submit_apply,
        serialise_many=selectors.incident_reports_serialise,
    ),
]
