"""Briefings and tasks for tasking tests."""

from datetime import timedelta

from frontline.common.clock import now
from frontline.tasking.services import briefing_create, task_create


def briefing(author, *, team=None, station=None, **overrides):
    values = {
        "title": "Burglary series, Brook Green",
        "text": "Three burglaries overnight. Look out for a grey moped.",
        "valid_from": now() - timedelta(hours=1),
        "valid_to": now() + timedelta(days=1),
    }
    values.update(overrides)
    if team is None and station is None:
        team = author.team
    return briefing_create(author=author, team=team, station=station, **values)


def task(author, *, officer=None, team=None, **overrides):
    values = {"title": "Revisit 14 Fulham Palace Road", "details": "Speak to the neighbour."}
    values.update(overrides)
    return task_create(author=author, officer=officer, team=team, **values)
