"""Reads for auditors: the consultation log of checks and the misuse signals. Each runs a fixed
number of queries."""

import statistics
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from django.db.models import Count, F, Prefetch
from django.db.models.functions import TruncDate

from frontline.accounts.models import Officer
from frontline.checks import names
from frontline.checks.models import (
    KINDS,
    BriefingPack,
    Check,
    CheckOpen,
    OfficerPersonalDetails,
    Person,
)
from frontline.checks.reasons import REASONS
from frontline.common.clock import now
from frontline.common.errors import InvalidInput

LONDON = ZoneInfo("Europe/London")
LOG_LIMIT = 100
LOG_LIMIT_MAX = 500
SIGNAL_WINDOW = timedelta(days=30)
VOLUME_FLOOR = 40  # checks in one day below which volume is never unusual
VOLUME_FACTOR = 3  # ... and above this many times the median officer-day
REPEAT_MIN = 3  # openings of one person by one officer, none with a linked record


def check_log_list(
    *,
    officer_id=None,
    reason=None,
    kind=None,
    origin=None,
    since=None,
    until=None,
    before=None,
    limit=None,
) -> tuple[list[Check], bool]:
    """Checks newest first, with the officer and each opened result. Two queries."""
    limit = max(1, min(limit or LOG_LIMIT, LOG_LIMIT_MAX))
    if reason and reason not in REASONS:
        raise InvalidInput("invalid_reason", "unknown reason", field="reason")
    if kind and kind not in dict(KINDS):
        raise InvalidInput("invalid_kind", "kind is person, vehicle or location", field="kind")
    rows = Check.objects.select_related("officer", "device")
    if officer_id:
        rows = rows.filter(officer_id=officer_id)
    if reason:
        rows = rows.filter(reason=reason)
    if kind:
        rows = rows.filter(kind=kind)
    if origin:
        rows = rows.filter(origin=origin)
    if since:
        rows = rows.filter(at__gte=since)
    if until:
        rows = rows.filter(at__lt=until)
    if before:
        rows = rows.filter(at__lt=before)
    rows = rows.prefetch_related(
        Prefetch("opens", queryset=CheckOpen.objects.order_by("at"))
    ).order_by("-at", "-id")
    found = list(rows[: limit + 1])
    return found[:limit], len(found) > limit


@dataclass
class Signal:
    rule: str  # self_or_relative | volume | repeated
    officer: Officer
    summary: str
    check_ids: list = field(default_factory=list)
    day: date | None = None


def misuse_signals(*, until: datetime | None = None, window: timedelta = SIGNAL_WINDOW):
    """Checks that an auditor should look at, newest window only. Six queries."""
    until = until or now()
    since = until - window
    signals = _self_or_relative(since, until)
    signals += _volume(since, until)
    signals += _repeated(since, until)
    return signals


def briefing_pack_current(officer) -> BriefingPack | None:
    return (
        BriefingPack.objects.filter(officer=officer, withdrawn=False).order_by("-issued_at").first()
    )


def _self_or_relative(since, until) -> list[Signal]:
    checks = list(
        Check.objects.filter(kind="person", at__gte=since, at__lt=until)
        .select_related("officer")
        .prefetch_related(
            Prefetch("opens", queryset=CheckOpen.objects.filter(object_type="person"))
        )
        .order_by("at")
    )
    births = dict(
        OfficerPersonalDetails.objects.filter(
            officer_id__in={check.officer_id for check in checks}
        ).values_list("officer_id", "date_of_birth")
    )
    opened_ids = {opening.object_id for check in checks for opening in check.opens.all()}
    persons = {
        person.pk: person
        for person in Person.objects.filter(pk__in=opened_ids).only(
            "given_name", "family_name", "date_of_birth"
        )
    }
    found: dict = {}
    for check in checks:
        officer = check.officer
        birth = births.get(officer.pk)
        surname = names.fold(officer.family_name)
        given = names.fold(officer.given_name)
        query_tokens = names.tokens(str(check.query.get("name", "")))
        hit = surname in query_tokens and (
            (birth is not None and check.query_date_of_birth == birth)
            or (birth is None and given in query_tokens)
        )
        for opening in check.opens.all():
            person = persons.get(opening.object_id)
            if person is None or names.fold(person.family_name) != surname:
                continue
            if (birth is not None and person.date_of_birth == birth) or (
                birth is None and names.fold(person.given_name) == given
            ):
                hit = True
        if hit:
            signal = found.setdefault(
                officer.pk,
                Signal(
                    rule="self_or_relative",
                    officer=officer,
                    summary="checked a person with their own surname and date of birth",
                ),
            )
            signal.check_ids.append(check.pk)
    return list(found.values())


def _volume(since, until) -> list[Signal]:
    days = list(
        Check.objects.filter(at__gte=since, at__lt=until)
        .annotate(day=TruncDate("at", tzinfo=LONDON))
        .values("officer_id", "day")
        .annotate(checks=Count("id"))
        .order_by("day", "officer_id")
    )
    if not days:
        return []
    median = statistics.median(row["checks"] for row in days)
    limit = max(VOLUME_FLOOR, VOLUME_FACTOR * median)
    unusual = [row for row in days if row["checks"] > limit]
    officers = Officer.objects.in_bulk({row["officer_id"] for row in unusual})
    return [
        Signal(
            rule="volume",
            officer=officers[row["officer_id"]],
            summary=f"{row['checks']} checks in a day (usual at most {int(limit)})",
            day=row["day"],
        )
        for row in unusual
    ]


def _repeated(since, until) -> list[Signal]:
    rows = list(
        CheckOpen.objects.filter(
            object_type="person", check_made__at__gte=since, check_made__at__lt=until
        )
        .values("check_made__officer_id", "object_id")
        .annotate(
            checks=Count("check_made", distinct=True),
            linked=Count("check_made__linked_id"),
        )
        .filter(checks__gte=REPEAT_MIN, linked=0)
        .order_by("check_made__officer_id", "object_id")
    )
    officers = Officer.objects.in_bulk({row["check_made__officer_id"] for row in rows})
    return [
        Signal(
            rule="repeated",
            officer=officers[row["check_made__officer_id"]],
            summary=f"opened the same person ({row['object_id']}) in {row['checks']} checks "
            "with no linked record",
        )
        for row in rows
    ]


def check_usage_rows(*, officer_ids, start, end) -> list[dict]:
    """Checks the officers made, received in [start, end): who, on which device, when; for the
    evaluation's usage measures. One query; never what was asked or found."""
    return list(
        Check.objects.filter(officer_id__in=officer_ids, at__gte=start, at__lt=end).values(
            "officer_id", "device_id", occurred_at=F("checked_at"), received_at=F("at")
        )
    )
