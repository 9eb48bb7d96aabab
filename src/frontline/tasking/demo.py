"""Demo briefings and tasks: a team briefing and an area briefing from the Response Team A
sergeant, a task for one officer and one for the team."""

from datetime import timedelta

from frontline.common.clock import now
from frontline.tasking.services import briefing_create, task_create


def demo_load(*, officers, stations, teams) -> None:
    sergeant = officers.get("PS2001")
    team = teams.get(("HS", "Response Team A"))
    if sergeant is None or team is None:
        return
    start = now() - timedelta(hours=2)
    briefing_create(
        author=sergeant,
        title="Burglary series, Brook Green",
        text=(
            "Three dwelling burglaries overnight around Brook Green. Suspect seen leaving on a "
            "grey Ford Fiesta, LO19 XYZ (reported stolen). Jonathan SMITH-JONES is wanted for "
            "the series: violent and weapons markers, approach with care."
        ),
        team=team,
        valid_from=start,
        valid_to=start + timedelta(days=2),
    )
    briefing_create(
        author=sergeant,
        title="Missing: Siobhan Murphy, 17",
        text="Missing from home since Friday. Self-harm marker. Last seen Hammersmith Broadway.",
        station=sergeant.station,
        valid_from=start,
        valid_to=start + timedelta(days=3),
    )
    officer = officers.get("PC1001")
    if officer is not None:
        task_create(
            author=sergeant,
            title="House-to-house, Brook Green Road 1-40",
            details="Ask about a grey Fiesta seen overnight; note any doorbell cameras.",
            officer=officer,
            due_at=now() + timedelta(hours=6),
        )
    task_create(
        author=sergeant,
        title="High-visibility patrol, King Street, 22:00-02:00",
        details="Night-time economy; licensed premises at closing.",
        team=team,
        due_at=now() + timedelta(hours=10),
    )
