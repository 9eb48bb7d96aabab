"""The fleet dashboard's figures: devices by status, model and station; compliance rate;
annualised failure and replacement rates; last-contact distribution. Four queries."""

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.db.models import Count, Q
from django.db.models.functions import TruncDate

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
    """Eight queries, each an aggregate or a narrow scan, whatever the fleet's size."""
    at = at or now()
    period_start = datetime.combine(start, time.min, LONDON)
    period_end = datetime.combine(end + timedelta(days=1), time.min, LONDON)
    devices = FleetDevice.objects.order_by()
    statuses = dict(devices.values_list("status").annotate(count=Count("id")))
    models = [
        (f"{make} {name}", count)
        for make, name, count in devices.values_list("model__make", "model__name").annotate(
            count=Count("id")
        )
    ]
    stations = [
        (code or "No station", count)
        for code, count in devices.values_list("station__code").annotate(count=Count("id"))
    ]
    # Device-days in service within the period, counted in whole London days from groups of
    # devices received (and retired) on the same day: a few hundred rows, not one per device.
    today = at.astimezone(LONDON).date()
    service_days = 0
    for received, retired, count in (
        devices.filter(received_at__lt=period_end)
        .annotate(
            received_day=TruncDate("received_at", tzinfo=LONDON),
            retired_day=TruncDate("out_of_service_at", tzinfo=LONDON),
        )
        .values_list("received_day", "retired_day")
        .annotate(count=Count("id"))
    ):
        begin = max(received, start)
        finish = min(retired or today, end + timedelta(days=1), today)
        if finish > begin:
            service_days += (finish - begin).days * count
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
    in_service, non_compliant, contact = _in_service_figures(at)
    device_years = service_days / DAYS_PER_YEAR
    compliant = in_service - non_compliant
    return Dashboard(
        start=start,
        end=end,
        total=sum(statuses.values()),
        by_status=[
            (lifecycle.STATE_LABELS[state], statuses[state])
            for state in lifecycle.STATES
            if statuses.get(state)
        ],
        by_model=sorted(models, key=lambda item: (-item[1], item[0])),
        by_station=sorted(stations, key=lambda item: (-item[1], item[0])),
        in_service=in_service,
        compliant=compliant,
        compliance_rate=round(100 * compliant / in_service, 1) if in_service else None,
        device_years=round(device_years, 1),
        failures=failures,
        replacements=replacements,
        failure_rate=_per_hundred(failures, device_years),
        replacement_rate=_per_hundred(replacements, device_years),
        last_contact=contact,
    )


def _in_service_figures(at: datetime) -> tuple[int, int, list[tuple[str, int]]]:
    """Devices in service, how many break a compliance rule, and their last contact: one
    aggregate query (after the two that build the rules)."""
    _, rules = selectors.compliance_predicates(at=at)
    breaking = selectors.rules_any(rules.values())
    buckets, floor = {}, None
    for index, (_label, below) in enumerate(CONTACT_BUCKETS):
        condition = Q(last_contact_at__isnull=False)
        if below is not None:
            condition &= Q(last_contact_at__gt=at - timedelta(days=below))
        if floor is not None:
            condition &= Q(last_contact_at__lte=floor)
        floor = at - timedelta(days=below) if below is not None else None
        buckets[f"bucket_{index}"] = Count("id", filter=condition)
    figures = (
        FleetDevice.objects.filter(status__in=lifecycle.IN_SERVICE)
        .order_by()
        .aggregate(
            in_service=Count("id"),
            non_compliant=Count("id", filter=breaking),
            never=Count("id", filter=Q(last_contact_at__isnull=True)),
            **buckets,
        )
    )
    contact = [
        (label, figures[f"bucket_{index}"]) for index, (label, _) in enumerate(CONTACT_BUCKETS)
    ]
    return figures["in_service"], figures["non_compliant"], [*contact, (NEVER, figures["never"])]


def _per_hundred(count: int, device_years: float) -> float | None:
    return round(100 * count / device_years, 2) if device_years >= 0.01 else None
