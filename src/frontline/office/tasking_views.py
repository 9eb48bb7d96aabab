"""Briefings and tasks, for supervisors: write them, see who has read and what is done."""

from datetime import datetime
from zoneinfo import ZoneInfo

from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from frontline.common.errors import DomainError, InvalidInput
from frontline.office.views import allowed
from frontline.tasking import access, selectors, services

LONDON = ZoneInfo("Europe/London")


@allowed(access.tasking_can_author)
def tasking(request, *, error=None, status=200):
    context = {
        "briefings": selectors.briefings_written(request.user),
        "tasks": selectors.tasks_written(request.user),
        "choices": selectors.tasking_choices(request.user),
        "error": error,
        "form": request.POST if error else {},
    }
    return render(request, "office/tasking/index.html", context, status=status)


@require_POST
@allowed(access.tasking_can_author)
def briefing_create(request):
    form = request.POST
    choices = selectors.tasking_choices(request.user)
    try:
        area = form.get("area", "")
        team = (
            _pick(choices["teams"], area.removeprefix("team:"), "area")
            if area.startswith("team:")
            else None
        )
        station = request.user.station if area == "station" else None
        if team is None and station is None:
            raise InvalidInput("required", "choose a team or the whole station", field="area")
        services.briefing_create(
            author=request.user,
            title=form.get("title", ""),
            text=form.get("text", ""),
            team=team,
            station=station,
            valid_from=_london(form.get("valid_from", ""), "valid_from"),
            valid_to=_london(form.get("valid_to", ""), "valid_to"),
        )
    except DomainError as exc:
        return tasking(request, error=_said(exc), status=422)
    return redirect("office:tasking")


@require_POST
@allowed(access.tasking_can_author)
def task_create(request):
    form = request.POST
    choices = selectors.tasking_choices(request.user)
    try:
        who = form.get("assignee", "")
        officer = (
            _pick(choices["officers"], who.removeprefix("officer:"), "assignee")
            if (who.startswith("officer:"))
            else None
        )
        team = (
            _pick(choices["teams"], who.removeprefix("team:"), "assignee")
            if who.startswith("team:")
            else None
        )
        due = form.get("due_at", "").strip()
        services.task_create(
            author=request.user,
            title=form.get("title", ""),
            details=form.get("details", ""),
            officer=officer,
            team=team,
            due_at=_london(due, "due_at") if due else None,
        )
    except DomainError as exc:
        return tasking(request, error=_said(exc), status=422)
    return redirect("office:tasking")


@allowed(access.tasking_can_author)
def briefing(request, briefing_id):
    found = selectors.briefing_get(briefing_id)
    if found is None or not access.briefing_can_read(request.user, found):
        raise Http404("no such briefing")
    return render(request, "office/tasking/briefing.html", {"briefing": found})


def _pick(items, key: str, field: str):
    for item in items:
        if str(item.pk) == key:
            return item
    raise InvalidInput("unknown", "choose from the list", field=field)


def _london(value: str, field: str) -> datetime:
    try:
        return datetime.fromisoformat(value.strip()).replace(tzinfo=LONDON)
    except ValueError:
        raise InvalidInput(
            "invalid_time", "give a date and time, e.g. 2026-11-28T19:00", field=field
        ) from None


def _said(exc: DomainError) -> str:
    names = {
        "valid_from": "Valid from",
        "valid_to": "Valid to",
        "due_at": "Due",
        "area": "Who for",
        "assignee": "Assigned to",
    }
    label = names.get(exc.field or "", (exc.field or "").replace("_", " ").capitalize())
    return f"{label}: {exc.message}" if label else exc.message
