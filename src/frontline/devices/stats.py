"""The fleet dashboard's figures: devices by status, model and station; compliance rate;
annualised failure and replacement rates; last-contact distribution. Four queries."""

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.db.models import Count

from frontline.common.clock import now
from frontline.common.errors import InvalidInput
from frontline.devices import lifecycle, selectors
from frontline.devices.models import FleetDevice, LifecycleEvent

LONDON = ZoneInfo("Europe/London")
DAYS_PER_YEAR = 365.25
CONTACT_BUCKETS = [
    ("Within 24 hours", 1),
    ("1 to 7 days", 8),
    ("8 to 30 days", 31),
    ("31 to 90 days", 91),
    ("Over 90 days", None),
]
NEVER = "Never"


@dataclass(frozen=True)
class Dashboard:
    start: date
    end: date  # inclusive, London dates
    total: int
    by_status: list[tuple[str, int]]
    by_model: list[tuple[str, int]]
    by_station: list[tuple[str, int]]
    in_service: int
    compliant: int
    compliance_rate: float | None  # percent
    device_years: float
    failures: int
    replacements: int
    failure_rate: float | None  # failures per 100 device-years
    replacement_rate: float | None
    last_contact: list[tuple[str, int]]


def period_parse(start: str | None, end: str | None, *, today: date) -> tuple[date, date]:
    """A dashboard period in London dates; the default is the last 365 days."""
    try:
        end_day = date.fromisoformat(end) if end else today
    except ValueError:
        raise InvalidInput("invalid_date", "use YYYY-MM-DD", field="to") from None
    try:
        start_day = date.fromisoformat(start) if start else end_day - timedelta(days=364)
    except ValueError:
        raise InvalidInput("invalid_date", "use YYYY-MM-DD", field="from") from None
    if start_day > end_day:
        raise InvalidInput("period_reversed", "the period starts after it ends", field="from")
    if (end_day - start_day).days > 366 * 20:
        raise InvalidInput("period_too_long", "at most 20 years", field="from")
    return start_day, end_day


def fleet_dashboard(*, start: date, end: date, at: datetime | None = None) -> Dashboard:
    at = at or now()
    period_start = datetime.combine(start, time.min, LONDON)
    period_end = datetime.combine(end + timedelta(days=1), time.min, LONDON)
    devices = list(
        FleetDevice.objects.values_list(
            "status",
            "model__make",
            "model__name",
            "station__code",
            "received_at",
            "out_of_service_at",
        )
    )
    statuses, models, stations = Counter(), Counter(), Counter()
    service_days = 0.0
    for status, make, name, station, received, retired in devices:
        statuses[status] += 1
        models[f"{make} {name}"] += 1
        stations[station or "No station"] += 1
        begin = max(received, period_start)
        finish = min(retired or at, period_end, at)
        if finish > begin:
            service_days += (finish - begin).total_seconds() / 86400
    events = Counter()
    for event, source, count in (
        LifecycleEvent.objects.filter(
            at__gte=period_start,
            at__lt=period_end,
            event__in=[lifecycle.SEND_FOR_REPAIR, lifecycle.REPLACE],
        )
        .values_list("event", "from_status")
        .annotate(count=Count("id"))
        .order_by()
    ):
        events[event, source] += count
    failures = (
        sum(events[lifecycle.SEND_FOR_REPAIR, s] for s in lifecycle.STATES)
        + events[lifecycle.REPLACE, lifecycle.ISSUED]
    )
    replacements = sum(events[lifecycle.REPLACE, s] for s in lifecycle.STATES)
    _, rows = selectors.compliance_rows(at=at)
    compliant = sum(1 for row in rows if not row["reasons"])
    device_years = service_days / DAYS_PER_YEAR
    return Dashboard(
        start=start,
        end=end,
        total=len(devices),
        by_status=[
            (lifecycle.STATE_LABELS[state], statuses[state])
            for state in lifecycle.STATES
            if statuses[state]
        ],
        by_model=sorted(models.items(), key=lambda item: (-item[1], item[0])),
        by_station=sorted(stations.items(), key=lambda item: (-item[1], item[0])),
        in_service=len(rows),
        compliant=compliant,
        compliance_rate=round(100 * compliant / len(rows), 1) if rows else None,
        device_years=round(device_years, 1),
        failures=failures,
        replacements=replacements,
        failure_rate=_per_hundred(failures, device_years),
        replacement_rate=_per_hundred(replacements, device_years),
        last_contact=_contact_distribution(rows, at),
    )


def _per_hundred(count: int, device_years: float) -> float | None:
    return round(100 * count / device_years, 2) if device_years >= 0.01 else None


def _contact_distribution(rows: list[dict], at: datetime) -> list[tuple[str, int]]:
    counts = Counter()
    for row in rows:
        contact = row["last_contact_at"]
        if contact is None:
            counts[NEVER] += 1
            continue
        age = (at - contact).total_seconds() / 86400
        for label, below in CONTACT_BUCKETS:
            if below is None or age < below:
                counts[label] += 1
                break
    return [(label, counts[label]) for label, _ in CONTACT_BUCKETS] + [(NEVER, counts[NEVER])]
