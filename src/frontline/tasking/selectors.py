"""Reads: the briefings and tasks an officer sees, and what a supervisor wrote. Fixed query
counts."""

from django.db.models import Count, Exists, OuterRef, Prefetch, Q

from frontline.accounts.models import Officer, Team
from frontline.common.clock import now
from frontline.tasking.models import Briefing, BriefingRead, Task, TaskUpdate


def briefings_for(officer, *, at=None) -> list[Briefing]:
    """Briefings in force for the officer's team or station, each with `read` set. One query."""
    at = at or now()
    area = Q(team_id=officer.team_id) if officer.team_id else Q(pk__in=[])
    if officer.station_id:
        area |= Q(station_id=officer.station_id)
    return list(
        Briefing.objects.filter(area, valid_from__lte=at, valid_to__gt=at)
        .annotate(
            read=Exists(BriefingRead.objects.filter(briefing=OuterRef("pk"), officer=officer))
        )
        .order_by("-valid_from")
    )


def briefings_written(author, *, limit: int = 100) -> list[Briefing]:
    """A supervisor's briefings with how many have read each. One query."""
    return list(
        Briefing.objects.filter(author=author)
        .select_related("team", "station")
        .annotate(read_count=Count("reads"))
        .order_by("-created_at")[:limit]
    )


def briefing_get(briefing_id):
    return (
        Briefing.objects.filter(pk=briefing_id)
        .select_related("team", "station", "author")
        .prefetch_related(
            Prefetch(
                "reads", queryset=BriefingRead.objects.select_related("officer").order_by("read_at")
            )
        )
        .first()
    )


def tasks_for(officer) -> list[Task]:
    """Tasks assigned to the officer or their team, open ones first. One query."""
    mine = Q(officer=officer)
    if officer.team_id:
        mine |= Q(team_id=officer.team_id)
    return list(
        Task.objects.filter(mine).select_related("officer", "team").order_by("due_at", "created_at")
    )


def tasks_written(author, *, limit: int = 200) -> list[Task]:
    """A supervisor's tasks, and those of their team, with their updates. Two queries."""
    mine = Q(author=author)
    if author.team_id:
        mine |= Q(team_id=author.team_id) | Q(officer__team_id=author.team_id)
    return list(
        Task.objects.filter(mine)
        .select_related("officer", "team")
        .prefetch_related(
            Prefetch("updates", queryset=TaskUpdate.objects.select_related("officer"))
        )
        .order_by("-created_at")[:limit]
    )


def tasking_choices(author) -> dict:
    """The teams of the author's station and their active officers, for the forms. Two
    queries."""
    teams = list(Team.objects.filter(station_id=author.station_id).order_by("name"))
    officers = list(
        Officer.objects.filter(team__in=teams, is_active=True).order_by("collar_number")
    )
    return {"teams": teams, "officers": officers}
