"""Progress of the rollout plan: devices in use at each phase's station against its plan.

Until the fleet register lands, "in use" is what the platform itself sees: distinct enrolled
devices signed in on by officers of the phase's station (any station if none) within the
phase's dates. One query for the whole plan.
"""

from dataclasses import dataclass
from datetime import timedelta

from frontline.accounts.models import DeviceSession
from frontline.evaluation.usage import london_day, london_midnight


@dataclass(frozen=True)
class PhaseProgress:
    phase: object
    devices_live: int

    @property
    def share(self) -> float:
        planned = self.phase.devices_planned
        return self.devices_live / planned if planned else 0.0


def rollout_progress(*, phases) -> list[PhaseProgress]:
    if not phases:
        return []
    begin = london_midnight(min(p.starts_on for p in phases))
    finish = london_midnight(max(p.ends_on for p in phases) + timedelta(days=1))
    sessions = list(
        DeviceSession.objects.filter(created_at__gte=begin, created_at__lt=finish).values(
            "device_id", "created_at", "officer__station_id"
        )
    )
    out = []
    for phase in phases:
        devices = {
            s["device_id"]
            for s in sessions
            if phase.starts_on <= london_day(s["created_at"]) <= phase.ends_on
            and (phase.station_id is None or s["officer__station_id"] == phase.station_id)
        }
        out.append(PhaseProgress(phase=phase, devices_live=len(devices)))
    return out
