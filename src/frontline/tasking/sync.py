"""Briefings and tasks for the sync engine.

- `tasking.briefing` (pull only): briefings for the officer's team, or every team of a
  station's area: `{id, title, text, images, valid_from, valid_to}`.
- `briefing.read` (push, create-only): `{briefing_id, read_at}`, the read receipt.
- `task.update` (editable): pulled as the task `{id, title, details, status, note, due_at,
  incident_id, officer_id, team_id, version}`; pushed with `op: "update"`, `base_version` and
  `{status, note}`. A stale base_version is kept as a conflict, never dropped.
"""

from frontline.common.errors import InvalidInput
from frontline.sync.registry import (
    EDITABLE,
    EVIDENTIAL,
    Applied,
    ApplyContext,
    RecordType,
)
from frontline.tasking import services
from frontline.tasking.models import Briefing, Task
from frontline.tasking.schemas import BriefingReadPayload, TaskStatusPayload


def _server_made(context: ApplyContext) -> Applied:
    raise InvalidInput("server_made", "briefings are written in the back office", field="type")


def briefing_read_apply(context: ApplyContext) -> Applied:
    _, created = services.briefing_mark_read(
        officer=context.officer,
        briefing_id=context.payload.briefing_id,
        read_at=context.payload.read_at,
    )
    return Applied(version=1, owner_id=context.officer.pk, created=created)


def task_update_apply(context: ApplyContext) -> Applied:
    result = services.task_status_update(
        officer=context.officer,
        task_id=context.record_id,
        base_version=context.base_version,
        status=context.payload.status,
        note=context.payload.note,
        device=context.device,
    )
    return Applied(
        version=result.task.version,
        owner_id=context.officer.pk,
        conflict=result.conflict,
        server_version=result.task.version if result.conflict else None,
    )


def briefings_serialise(ids) -> dict:
    return {
        briefing.pk: {
            "id": str(briefing.pk),
            "title": briefing.title,
            "text": briefing.text,
            "images": briefing.images,
            "valid_from": briefing.valid_from.isoformat(),
            "valid_to": briefing.valid_to.isoformat(),
        }
        for briefing in Briefing.objects.filter(pk__in=ids)
    }


def tasks_serialise(ids) -> dict:
    return {task.pk: task_serialise(task) for task in Task.objects.filter(pk__in=ids)}


def task_serialise(task: Task) -> dict:
    return {
        "id": str(task.pk),
        "title": task.title,
        "details": task.details,
        "status": task.status,
        "note": task.note,
        "due_at": task.due_at.isoformat() if task.due_at else None,
        "incident_id": str(task.incident_id) if task.incident_id else None,
        "officer_id": str(task.officer_id) if task.officer_id else None,
        "team_id": str(task.team_id) if task.team_id else None,
        "version": task.version,
    }


# Loaded on first use (sync.registry.record_types_register_lazily in apps.py).
RECORD_TYPES = [
    RecordType(
        name=services.BRIEFING_TYPE,
        lane=EVIDENTIAL,
        schema=BriefingReadPayload,
        apply=_server_made,
        serialise_many=briefings_serialise,
        scope="team",
    ),
    RecordType(
        name=services.BRIEFING_READ_TYPE,
        lane=EVIDENTIAL,
        schema=BriefingReadPayload,
        apply=briefing_read_apply,
        serialise_many=lambda ids: {},
    ),
    RecordType(
        name=services.TASK_TYPE,
        lane=EDITABLE,
        schema=TaskStatusPayload,
        apply=task_update_apply,
        serialise_many=tasks_serialise,
        ops=frozenset({"update"}),
        scope="team",
    ),
]
