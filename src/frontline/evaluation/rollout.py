"""Progress of the rollout plan, from the fleet register, never typed in.

A phase's devices are those the register shows issued within the phase's dates to officers in
its scope: its station (any if none), its team (any if blank) and its role (the role of the
officer's kit profile). A device issued to replace a failed one is counted apart: it keeps the
plan whole, it does not advance it. The plan to date assumes an even pace between the phase's
dates. One query for the whole plan, whatever the register's size.
"""

from dataclasses import dataclass
from datetime import date

from frontline.common.clock import london_today
from frontline.devices import planning

NOT_STARTED, ON_PLAN, BEHIND, COMPLETE = "not started", "on plan", "behind plan", "complete"


@dataclass(frozen=True)
class PhaseProgress:
    phase: object
    expected: int  # devices the plan expects issued by today, at an even pace
    issued: int  # new devices issued in scope within the phase's dates
    still_issued: int  # of those, still in an officer's hands
    replacements: int  # devices issued in scope to replace failed ones
    issued_cost_pence: int  # purchase cost of the devices issued (new and replacements)

    @property
    def share(self) -> float:
        planned = self.phase.devices_planned
        return self.issued / planned if planned else 0.0

    @property
    def status(self) -> str:
        if self.issued >= self.phase.devices_planned:
            return COMPLETE
        if self.expected == 0:
            return NOT_STARTED
        return ON_PLAN if self.issued >= self.expected else BEHIND


def rollout_progress(*, phases, today: date | None = None) -> list[PhaseProgress]:
    if not phases:
        return []
    today = today or london_today()
    issues = planning.devices_issued(
        start=min(p.starts_on for p in phases), end=max(p.ends_on for p in phases)
    )
    return [_progress(phase, issues, today) for phase in phases]


def expected_by(phase, today: date) -> int:
    """Devices the plan expects issued by the end of `today`, at an even pace (whole devices,
    rounded down: a plan is behind only once a whole device is missing)."""
    if today < phase.starts_on:
        return 0
    if today >= phase.ends_on:
        return phase.devices_planned
    elapsed = (today - phase.starts_on).days + 1
    length = (phase.ends_on - phase.starts_on).days + 1
    return phase.devices_planned * elapsed // length


def _progress(phase, issues, today) -> PhaseProgress:
    team, role = phase.team.strip().lower(), phase.role.strip().lower()
    within = [
        row
        for row in issues
        if phase.starts_on <= row["day"] <= phase.ends_on
        and (phase.station_id is None or row["station_id"] == phase.station_id)
        and (not team or row["team"].strip().lower() == team)
        and row["role"].strip().lower() == role
    ]
    new = {row["device_id"]: row for row in within if not row["replacement"]}
    spares = {row["device_id"] for row in within if row["replacement"]}
    return PhaseProgress(
        phase=phase,
        expected=expected_by(phase, today),
        issued=len(new),
        still_issued=sum(1 for row in new.values() if row["still_issued"]),
        replacements=len(spares),
        issued_cost_pence=sum({row["device_id"]: row["cost_pence"] for row in within}.values()),
    )
