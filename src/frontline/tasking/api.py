"""Briefings and tasks: supervisors write them; officers read briefings, mark them read, and
update their tasks (online here, or offline through sync)."""

from uuid import UUID

from ninja import Router, Status

from frontline.accounts.models import Officer, Station, Team
from frontline.common.errors import Conflict, InvalidInput
from frontline.tasking import selectors, services
from frontline.tasking.schemas import BriefingIn, BriefingOut, TaskIn, TaskOut, TaskStatusIn

router = Router(tags=["tasking"])


@router.get("/briefings", response=list[BriefingOut])
def briefings(request):
    """Briefings in force for your team or station, with whether you have read each."""
    return selectors.briefings_for(request.officer)


@router.post("/briefings", response={201: BriefingOut})
def briefing_create(request, body: BriefingIn):
    """Brief a team, or every team of a station (supervisors)."""
    team = _one(Team, body.team_id, "team_id")
    station = _one(Station, body.station_id, "station_id")
    briefing = services.briefing_create(
        author=request.officer,
        title=body.title,
        text=body.text,
        team=team,
        station=station,
        valid_from=body.valid_from,
        valid_to=body.valid_to,
        images=body.images,
    )
    return Status(201, briefing)


@router.post("/briefings/{briefing_id}/read", response={204: None})
def briefing_read(request, briefing_id: UUID):
    """Mark a briefing read. Once; again changes nothing."""
    services.briefing_mark_read(officer=request.officer, briefing_id=briefing_id)
    return Status(204, None)


@router.get("/tasks", response=list[TaskOut])
def tasks(request):
    """Tasks for you or your team."""
    return selectors.tasks_for(request.officer)


@router.post("/tasks", response={201: TaskOut})
def task_create(request, body: TaskIn):
    """Task an officer or a team (supervisors)."""
    officer = _one(Officer, body.officer_id, "officer_id")
    team = _one(Team, body.team_id, "team_id")
    task = services.task_create(
        author=request.officer,
        title=body.title,
        details=body.details,
        officer=officer,
        team=team,
        incident_id=body.incident_id,
        due_at=body.due_at,
    )
    return Status(201, task)


@router.post("/tasks/{task_id}/status", response=TaskOut)
def task_status(request, task_id: UUID, body: TaskStatusIn):
    """Update a task's status from the version you saw; a stale version is refused (409)."""
    result = services.task_status_update(
        officer=request.officer,
        task_id=task_id,
        base_version=body.base_version,
        status=body.status,
        note=body.note,
        device=request.device,
    )
    if result.conflict:
        error = Conflict(
            "stale_base_version",
            "the task changed since you saw it; reload it",
            field="base_version",
        )
        raise error
    return result.task


def _one(model, pk, field):
    if pk is None:
        return None
    found = model.objects.filter(pk=pk).first()
    if found is None:
        raise InvalidInput("unknown", f"no such {field[:-3]}", field=field)
    return found
