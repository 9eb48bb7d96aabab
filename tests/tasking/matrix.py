"""Tasking rows of the authorisation matrix (tests/test_authorization_matrix.py).

Supervisors write briefings and tasks; a briefing is marked read by the officers it is for (the
owner's team); a task's status is updated by the officer it is assigned to. Refusals change
nothing.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta

from frontline.common.clock import now
from frontline.tasking.models import Briefing, BriefingRead, Task, TaskUpdate
from tests.tasking.helpers import briefing, task

MATRIX = """
method path                                   own  mate sup  osup flt  eval aud  adm  anon
GET    /tasking/briefings                     200  200  200  200  200  200  200  200  401
POST   /tasking/briefings                     403  403  201  201  403  403  403  403  401
POST   /tasking/briefings/{briefing_id}/read  204  204  204  404  404  404  404  404  401
GET    /tasking/tasks                         200  200  200  200  200  200  200  200  401
POST   /tasking/tasks                         403  403  201  201  403  403  403  403  401
POST   /tasking/tasks/{task_id}/status        200  404  404  404  404  404  404  404  401
"""


@dataclass(frozen=True)
class Call:
    """The same shape as the matrix's own `Call` (kept here to avoid a circular import)."""

    path_params: Callable = field(default=lambda scene: {})
    body: Callable = field(default=lambda scene, caller: {})
    headers: dict = field(default_factory=dict)
    effect: Callable = field(default=lambda scene: None)

    def send(self, client, method: str, path: str, scene, caller):
        url = "/api/v1" + path.format(**self.path_params(scene))
        body = self.body(scene, caller)
        headers = {**client.headers(), **self.headers}
        send = getattr(client.client, method.lower())
        if method in {"GET", "HEAD"}:
            return send(url, body, headers=headers)
        return send(url, body, content_type="application/json", headers=headers)


def _written(scene):
    return (
        Briefing.objects.count(),
        BriefingRead.objects.count(),
        Task.objects.count(),
        TaskUpdate.objects.count(),
    )


def _briefing_body(scene, caller):
    return {
        "title": "Stolen moped",
        "text": "Grey Honda moped, seen around Brook Green.",
        "team_id": str(scene.owner.team_id),
        "valid_from": now().isoformat(),
        "valid_to": (now() + timedelta(hours=8)).isoformat(),
    }


CALLS = {
    ("GET", "/tasking/briefings"): Call(),
    ("POST", "/tasking/briefings"): Call(body=_briefing_body, effect=_written),
    ("POST", "/tasking/briefings/{briefing_id}/read"): Call(
        path_params=lambda scene: {"briefing_id": scene.extra["briefing"].pk}, effect=_written
    ),
    ("GET", "/tasking/tasks"): Call(),
    ("POST", "/tasking/tasks"): Call(
        body=lambda scene, caller: {"title": "House-to-house", "officer_id": str(scene.owner.pk)},
        effect=_written,
    ),
    ("POST", "/tasking/tasks/{task_id}/status"): Call(
        path_params=lambda scene: {"task_id": scene.extra["task"].pk},
        body=lambda scene, caller: {"status": "accepted", "base_version": 1},
        effect=_written,
    ),
}


def targets(scene) -> dict:
    from frontline.accounts import roles
    from frontline.accounts.services import officer_create
    from tests.conftest import PASSWORD

    sergeant = officer_create(
        collar_number="PS9",
        given_name="Test",
        family_name="Briefer",
        password=PASSWORD,
        officer_roles=[roles.OFFICER, roles.SUPERVISOR],
        station=scene.owner.station,
        team=scene.owner.team,
    )
    return {
        "briefing": briefing(sergeant, team=scene.owner.team),
        "task": task(sergeant, officer=scene.owner),
    }
