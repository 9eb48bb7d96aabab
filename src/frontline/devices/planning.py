"""What programme planning reads from the fleet: the catalogue with each model's failure rate as
the register measured it, the policing role each officer is equipped for (their kit profile),
and the devices issued in a period. Counts and costs only; a fixed number of queries each.

The evaluation app appraises hardware options from the catalogue, breaks usage down by role
and measures rollout progress from the register through these functions alone.
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from fractions import Fraction
from zoneinfo import ZoneInfo

from django.db.models import Count, Q
from django.db.models.functions import TruncDate

from frontline.common.clock import now
from frontline.devices import lifecycle
from frontline.devices.models import DeviceModel, FleetDevice, LifecycleEvent, OfficerKitProfile

LONDON = ZoneInfo("Europe/London")
DAYS_PER_YEAR = Fraction(36525, 100)
# Less service than this and a model has no failure history worth quoting.
HISTORY_MIN_DEVICE_YEARS = 1


@dataclass(frozen=True)
class CatalogueEntry:
    id: object
    make: str
    name: str
    form_factor: str
    unit_cost_pence: int
    accessories_cost_pence: int
    expected_life_months: int
    security_updates_end: date | None
    device_years: Fraction  # service within each device's expected life, from the register
    failures: int  # repairs and replacements of issued devices within that life

    @property
    def label(self) -> str:
        return f"{self.make} {self.name}"

    @property
    def failure_rate(self) -> Fraction | None:
        """Failures a device-year, or None when the register has too little history."""
        if self.device_years < HISTORY_MIN_DEVICE_YEARS:
            return None
        return Fraction(self.failures) / self.device_years


def catalogue_for_appraisal(*, model_ids=None, at: datetime | None = None) -> list[CatalogueEntry]:
    """Catalogue models (all, or those in `model_ids`) with their measured failure history.

    A device's service counts from its receipt to its retirement (or `at`), capped at its
    model's expected life, and only failures within that life count: the appraisal replaces
    kit at end of life, so failures of kit kept beyond it would flatter or damn a model
    unfairly. Three queries, whatever the fleet's size.
    """
    at = at or now()
    models = DeviceModel.objects.order_by("make", "name")
    if model_ids is not None:
        models = models.filter(pk__in=list(model_ids))
    models = list(models)
    life_days = {m.pk: Fraction(m.expected_life_months * 365, 12) for m in models}
    today = at.astimezone(LONDON).date()
    service_days = dict.fromkeys(life_days, Fraction(0))
    for model_id, received, retired, count in (
        FleetDevice.objects.filter(model_id__in=list(life_days), received_at__lte=at)
        .annotate(
            received_day=TruncDate("received_at", tzinfo=LONDON),
            retired_day=TruncDate("out_of_service_at", tzinfo=LONDON),
        )
        .values_list("model_id", "received_day", "retired_day")
        .annotate(count=Count("id"))
        .order_by()
    ):
        served = ((retired or today) - received).days
        service_days[model_id] += max(0, min(Fraction(served), life_days[model_id])) * count
    failures = dict.fromkeys(life_days, 0)
    for model_id, received, failed_at in (
        LifecycleEvent.objects.filter(device__model_id__in=list(life_days), at__lte=at)
        .filter(_failure_events())
        .values_list("device__model_id", "device__received_at", "at")
    ):
        if (failed_at - received).days <= life_days[model_id]:
            failures[model_id] += 1
    return [
        CatalogueEntry(
            id=m.pk,
            make=m.make,
            name=m.name,
            form_factor=m.get_form_factor_display(),
            unit_cost_pence=m.unit_cost_pence,
            accessories_cost_pence=m.accessories_cost_pence,
            expected_life_months=m.expected_life_months,
            security_updates_end=m.security_updates_end,
            device_years=service_days[m.pk] / DAYS_PER_YEAR,
            failures=failures[m.pk],
        )
        for m in models
    ]


def kit_roles_by_officer(*, officer_ids) -> dict:
    """{officer id: the role of their kit profile} for officers who have one. One query."""
    return dict(
        OfficerKitProfile.objects.filter(officer_id__in=list(officer_ids)).values_list(
            "officer_id", "profile__role"
        )
    )


def kit_role_officers(*, role: str) -> int:
    """How many officers are equipped for `role` (kit profile, any case). One query."""
    return OfficerKitProfile.objects.filter(profile__role__iexact=(role or "").strip()).count()


def kit_role_models(*, role: str) -> list:
    """The ids of the catalogue models the role's kit profile issues. One query."""
    return list(
        DeviceModel.objects.filter(kit_profiles__role__iexact=(role or "").strip())
        .order_by("make", "name")
        .values_list("pk", flat=True)
    )


def devices_issued(*, start: date, end: date) -> list[dict]:
    """Every issue of a device to an officer on London days `start` to `end`, with where the
    officer served (station, team, kit role), whether the device was a replacement for a
    failed one, whether it is still issued and what it cost. One query."""
    rows = (
        LifecycleEvent.objects.filter(
            event=lifecycle.ISSUE,
            at__gte=_london_midnight(start),
            at__lt=_london_midnight(end + timedelta(days=1)),
        )
        .order_by("at", "id")
        .values(
            "device_id",
            "at",
            "officer__station_id",
            "officer__team__name",
            "officer__kit_profile__profile__role",
            "device__status",
            "device__purchase_cost_pence",
            "device__replaces",
        )
    )
    return [
        {
            "device_id": row["device_id"],
            "day": row["at"].astimezone(LONDON).date(),
            "station_id": row["officer__station_id"],
            "team": row["officer__team__name"] or "",
            "role": row["officer__kit_profile__profile__role"] or "",
            "still_issued": row["device__status"] == lifecycle.ISSUED,
            "cost_pence": row["device__purchase_cost_pence"] or 0,
            "replacement": row["device__replaces"] is not None,
        }
        for row in rows
    ]


def _failure_events():
    """A repair of any device, or the replacement of one in an officer's hands (as stats)."""
    return Q(event=lifecycle.SEND_FOR_REPAIR) | Q(
        event=lifecycle.REPLACE, from_status=lifecycle.ISSUED
    )


def _london_midnight(day: date) -> datetime:
    return datetime.combine(day, time(0), tzinfo=LONDON)
