"""Writes: briefings and their read receipts, tasks and their status updates.

Every change goes on the sync feed in the same transaction, so officers' devices receive
briefings and tasks by pulling. Lock order: the task row, then the feed head, then the audit
head.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import IntegrityError, transaction

from frontline.accounts.models import Officer, Team
from frontline.audit.services import audit_record
from frontline.common.clock import is_far_future, now
from frontline.common.errors import InvalidInput, NotFound, PermissionDenied
from frontline.common.text import has_control_characters
from frontline.sync.feed import change_record
from frontline.tasking import access
from frontline.tasking.models import TASK_STATUSES, Briefing, BriefingRead, Task, TaskUpdate

BRIEFING_TYPE = "tasking.briefing"
BRIEFING_READ_TYPE = "briefing.read"
TASK_TYPE = "task.update"
TITLE_MAX = 200
TEXT_MAX = 5000
NOTE_MAX = 1000
IMAGES_MAX = 10
BRIEFING_LONGEST = timedelta(days=90)
STATUSES = dict(TASK_STATUSES)


@dataclass(frozen=True)
class TaskUpdated:
    task: Task
    conflict: bool = False


def briefing_create(
    *,
    author,
    title,
    text,
    valid_from: datetime,
    valid_to: datetime,
    team=None,
    station=None,
    images=(),
) -> Briefing:
    """A supervisor briefs a team, or every team of a station's area."""
    if not access.tasking_can_author(author):
        raise PermissionDenied("not_a_supervisor", "only supervisors write briefings")
    title = _text(title, "title", TITLE_MAX, required=True)
    text = _text(text, "text", TEXT_MAX, required=True)
    if (team is None) == (station is None):
        raise InvalidInput("area_or_team", "brief either a team or a station's area", field="team")
    if valid_to <= valid_from:
        raise InvalidInput("invalid_period", "valid_to must be after valid_from", field="valid_to")
    if valid_to - valid_from > BRIEFING_LONGEST:
        raise InvalidInput("too_long", "a briefing may run for at most 90 days", field="valid_to")
    images = list(images)
    if len(images) > IMAGES_MAX or any(
        len(sha) != 64 or any(ch not in "0123456789abcdef" for ch in sha) for sha in images
    ):
        raise InvalidInput(
            "invalid_images",
            f"at most {IMAGES_MAX} images, each a SHA-256 in hex",
            field="images",
        )
    teams = [team] if team is not None else list(Team.objects.filter(station=station))
    with transaction.atomic():
        briefing = Briefing.objects.create(
            title=title,
            text=text,
            images=images,
            team=team,
            station=station,
            valid_from=valid_from,
            valid_to=valid_to,
            author=author,
            created_at=now(),
        )
        for each in teams:
            change_record(
                type=BRIEFING_TYPE,
                record_id=briefing.pk,
                owner_id=author.pk,
                team_id=each.pk,
                scope="team",
            )
        audit_record(
            action="briefing.create",
            object_type=BRIEFING_TYPE,
            object_id=briefing.pk,
            actor=author,
            detail={"teams": len(teams)},
        )
    return briefing


def briefing_mark_read(*, officer, briefing_id, read_at: datetime | None = None) -> tuple:
    """An officer has read a briefing. Once per officer; a second time changes nothing."""
    briefing = Briefing.objects.filter(pk=briefing_id).first()
    if briefing is None or not access.briefing_is_for(officer, briefing):
        raise NotFound("not_found", "no such briefing for you", field="briefing_id")
    read_at = read_at or now()
    if is_far_future(read_at):
        raise InvalidInput("future_time", "the read time is in the future", field="read_at")
    try:
        with transaction.atomic():
            receipt = BriefingRead.objects.create(
                briefing=briefing, officer=officer, read_at=read_at, received_at=now()
            )
    except IntegrityError:
        return BriefingRead.objects.get(briefing=briefing, officer=officer), False
    return receipt, True


def task_create(
    *, author, title, details="", officer=None, team=None, incident_id=None, due_at=None
) -> Task:
    """A supervisor tasks an officer or a team."""
    if not access.tasking_can_author(author):
        raise PermissionDenied("not_a_supervisor", "only supervisors set tasks")
    title = _text(title, "title", TITLE_MAX, required=True)
    details = _text(details, "details", TEXT_MAX)
    if (officer is None) == (team is None):
        raise InvalidInput("officer_or_team", "task either an officer or a team", field="officer")
    if officer is not None and not officer.is_active:
        raise InvalidInput("inactive_officer", "that officer cannot be tasked", field="officer")
    at = now()
    if due_at is not None and due_at < at - timedelta(minutes=5):
        raise InvalidInput("due_in_past", "the due time has passed", field="due_at")
    with transaction.atomic():
        task = Task.objects.create(
            title=title,
            details=details,
            officer=officer,
            team=team,
            incident_id=incident_id,
            due_at=due_at,
            author=author,
            created_at=at,
            updated_at=at,
        )
        _task_feed(task)
        audit_record(action="task.create", object_type=TASK_TYPE, object_id=task.pk, actor=author)
    return task


def task_status_update(
    *, officer, task_id, base_version: int, status: str, note: str = "", device=None
) -> TaskUpdated:
    """An officer updates a task's status. A stale base_version is a conflict: the update is
    not applied, and the caller keeps it for a person to look at (sync stores a Conflict)."""
    if status not in STATUSES:
        raise InvalidInput(
            "invalid_status", "status is one of: " + ", ".join(STATUSES), field="status"
        )
    note = _text(note, "note", NOTE_MAX)
    with transaction.atomic():
        task = Task.objects.select_for_update().filter(pk=task_id).first()
        if task is None or not access.task_can_update(officer, task):
            raise NotFound("not_found", "no such task of yours", field="id")
        if task.version != base_version:
            return TaskUpdated(task=task, conflict=True)
        task.version += 1
        task.status = status
        task.note = note
        task.updated_at = now()
        task.save(update_fields=["version", "status", "note", "updated_at"])
        TaskUpdate.objects.create(
            task=task,
            officer=officer,
            status=status,
            note=note,
            version=task.version,
            at=task.updated_at,
        )
        _task_feed(task)
        audit_record(
            action="task.update",
            object_type=TASK_TYPE,
            object_id=task.pk,
            actor=officer,
            device=device,
            detail={"status": status, "version": task.version},
        )
    return TaskUpdated(task=task)


def officer_for_task(collar_number: str):
    return Officer.objects.filter(collar_number=collar_number, is_active=True).first()


def _task_feed(task: Task) -> None:
    if task.officer_id is not None:
        change_record(
            type=TASK_TYPE, record_id=task.pk, owner_id=task.officer_id, version=task.version
        )
    else:
        change_record(
            type=TASK_TYPE,
            record_id=task.pk,
            owner_id=task.author_id,
            team_id=task.team_id,
            scope="team",
            version=task.version,
        )


def _text(value, field: str, limit: int, *, required: bool = False) -> str:
    value = (value or "").strip()
    if required and not value:
        raise InvalidInput("required", f"{field} is required", field=field)
    if len(value) > limit:
        raise InvalidInput("too_long", f"{field} may be at most {limit} characters", field=field)
    if has_control_characters(value.replace("\n", "").replace("\r", "").replace("\t", "")):
        raise InvalidInput(
            "control_characters", f"{field} contains control characters", field=field
        )
    return value
