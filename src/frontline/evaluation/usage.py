"""Usage measured from the platform's own records, never typed in.

Every measure is a small function over plain rows that the record apps' selectors return
(officer, device, when it happened, when it reached the server, where), plus device sessions
(an officer signs in on a device at the start of a shift) and station locations used as
geofences. Record apps that arrive later join by adding a row source to USAGE_SOURCES; the
fleet register gives device models (DEVICE_MODEL_SOURCE) and each officer's policing role
(their kit profile). Days are London days. A fixed number of queries, whatever the volume.

A shift is what the officer really worked, not a calendar day (see `shifts_assign`): the time
they were signed in on a device, so a night shift from 22:00 to 06:00 is one shift. A record
belongs to the shift open when it was made (its event time); a record made outside every
session (on the office web, written up after signing out, or data with no sessions) joins
the nearest of that officer's shifts on the same London day, and only a day with no sign-in at
all counts as a shift of its own. Nothing is dropped.

A device is active on a day it was signed in on or recorded on, counted only on the period's
days up to today (the mean is over those days, not the whole period), and seen if it was
active on any of them or signed in on in one of the period's shifts, so no day's active
devices outnumber the devices seen.
"""

import math
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from importlib import import_module
from statistics import median
from zoneinfo import ZoneInfo

from frontline.accounts.models import Officer
from frontline.accounts.selectors import device_sessions_open_between
from frontline.common.clock import london_today
from frontline.devices.planning import kit_roles_by_officer

LONDON = ZoneInfo("Europe/London")
NO_ROLE = "No kit profile"  # officers the fleet has not equipped for a policing role
GEOFENCE_METRES = 250  # a record made within this distance of a station counts as "at the station"
EARTH_RADIUS_METRES = 6_371_000
# Records made up to this long before the period (a device that synced late) are matched to
# their sessions; older ones fall back to their London day (a wrong device clock cannot make
# the measure read every session ever held).
SESSION_LOOKBACK = timedelta(days=7)

# record type -> (selectors module, function(officer_ids=, start=, end=) -> rows). A source whose
# app is not installed, or does not offer the function yet, is skipped and listed as missing.
USAGE_SOURCES = {
    "notebook entry": ("frontline.notebook.selectors", "notebook_usage_rows"),
    "stop and search": ("frontline.stopsearch.selectors", "stop_search_usage_rows"),
    "witness statement": ("frontline.statements.selectors", "statement_usage_rows"),
    "incident report": ("frontline.incidents.selectors", "incident_usage_rows"),
    "person or vehicle check": ("frontline.checks.selectors", "check_usage_rows"),
}
CHECK_TYPE = "person or vehicle check"
# function(device_ids=) -> {accounts device id: model name}, from the fleet register.
DEVICE_MODEL_SOURCE = ("frontline.devices.selectors", "device_models_by_enrolled_device")


@dataclass(frozen=True)
class Shift:
    """A stretch of work by one officer: from signing in on a device to the session closing
    (sessions that overlap, such as two devices at once, are one shift), or, for an officer
    who recorded on a day without signing in, that London day."""

    officer_id: object
    start: datetime
    end: datetime


@dataclass(frozen=True)
class RoleUsage:
    """One policing role's share of the usage (the role of the officers' kit profiles)."""

    officers: int
    shifts: int
    records: int
    devices_seen: int
    devices_adopted: int

    @property
    def per_shift(self) -> float:
        return self.records / self.shifts if self.shifts else 0.0

    @property
    def adoption(self) -> float | None:
        return self.devices_adopted / self.devices_seen if self.devices_seen else None


@dataclass
class Usage:
    start: date
    end: date
    officers: int
    shifts: int
    records_by_type: dict[str, int]
    per_shift_by_type: dict[str, float]
    active_devices_by_day: dict[date, int]
    days_measured: int  # the period's London days up to today: none yet if it starts later
    away_share: float | None  # records with a location made beyond every station's geofence
    located_records: int
    median_minutes_to_submit: dict[str, float]
    median_statement_minutes: float | None  # begun to signed, on the device
    devices_seen: int
    devices_adopted: int
    check_volume: int | None
    by_station: dict[str, int]
    by_team: dict[str, int]
    by_role: dict[str, RoleUsage]
    by_week: dict[date, dict[str, int]]
    by_device_model: dict[str, int] | None
    missing: list[str] = field(default_factory=list)

    @property
    def adoption(self) -> float | None:
        return self.devices_adopted / self.devices_seen if self.devices_seen else None

    @property
    def peak_active_devices(self) -> int:
        return max(self.active_devices_by_day.values(), default=0)

    @property
    def days_in_period(self) -> int:
        return (self.end - self.start).days + 1

    @property
    def mean_active_devices(self) -> float | None:
        """Over the days measured so far, not the whole period: half-way through a pilot the
        days still to come have no devices yet, and counting them would halve the mean (and
        the devices a finance lead buys on it). None before the period's first day."""
        if not self.days_measured:
            return None
        return sum(self.active_devices_by_day.values()) / self.days_measured


def programme_usage(programme) -> Usage:
    stations = list(programme.stations.all())
    return usage_measure(
        start=programme.starts_on,
        end=programme.ends_on,
        stations=stations,
    )


def usage_measure(*, start: date, end: date, stations) -> Usage:
    """Usage of the officers at `stations` (all officers if none) from `start` to `end`."""
    begin, finish = london_midnight(start), london_midnight(end + timedelta(days=1))
    # A session open now runs to its expiry, which may be tomorrow: only days up to today count
    measured_to = min(end, london_today())
    officers = Officer.objects.select_related("station", "team")
    if stations:
        officers = officers.filter(station__in=stations)
    officers = {officer.pk: officer for officer in officers}
    ids = list(officers)
    rows, missing = _rows(officer_ids=ids, start=begin, end=finish)
    records = [row for row in rows if row["type"] != CHECK_TYPE]
    opened = _sessions_open(officer_ids=ids, rows=records, start=begin, end=finish)
    sessions = _sessions_measured(opened, rows=records, start=begin)
    kit_roles = kit_roles_by_officer(officer_ids=ids)
    shifts = shifts_worked(sessions=sessions, rows=records)
    counts = Counter(row["type"] for row in records)
    located = [row for row in records if row.get("latitude") is not None]
    seen = devices_seen_by_officer(
        sessions=sessions, opened=opened, rows=records, start=start, end=measured_to
    )
    models, model_missing = _device_models(records)
    if model_missing:
        missing.append(model_missing)
    return Usage(
        start=start,
        end=end,
        officers=len(officers),
        shifts=len(shifts),
        records_by_type=dict(counts),
        per_shift_by_type={
            kind: count / len(shifts) if shifts else 0.0 for kind, count in counts.items()
        },
        # Every session open in the period, shift or not
        active_devices_by_day=active_devices_by_day(
            sessions=opened, rows=records, start=start, end=measured_to
        ),
        days_measured=max(0, (measured_to - start).days + 1),
        away_share=away_share(rows=located, stations=stations),
        located_records=len(located),
        median_minutes_to_submit=median_minutes_to_submit(rows=records),
        median_statement_minutes=median_statement_minutes(rows=records),
        devices_seen=len(set().union(*seen.values())),
        devices_adopted=devices_adopted(sessions=sessions, rows=records),
        check_volume=(
            None if CHECK_TYPE in {m.split(":")[0] for m in missing} else
            sum(1 for row in rows if row["type"] == CHECK_TYPE)
        ),
        by_station=_by_officer_attr(records, officers, "station"),
        by_team=_by_officer_attr(records, officers, "team"),
        by_role=by_role(
            sessions=sessions,
            rows=records,
            roles={o: kit_roles.get(o, NO_ROLE) for o in officers},
            seen=seen,
        ),
        by_week=by_week(rows=records),
        by_device_model=models,
        missing=missing,
    )  # fmt: skip


def london_day(moment: datetime) -> date:
    return moment.astimezone(LONDON).date()


def shifts_worked(*, sessions, rows) -> set[Shift]:
    """Every shift worked: each signed-in stretch, and each day recorded on with no sign-in."""
    return shifts_assign(sessions=sessions, rows=rows)[0]


def shifts_assign(*, sessions, rows) -> tuple[set[Shift], list[Shift]]:
    """The shifts worked, and the shift each row was made in (in the order of `rows`).

    An officer's sessions (signed in until signed out, revoked or expired) are their shifts;
    sessions that overlap are one shift, so a second device, or signing in again before the
    first token ran out, does not double it. A row belongs to the shift open at its event
    time. A row made outside every session (the office web, a write-up after signing out, data
    from before sessions were kept) belongs to the nearest of the officer's shifts that touch
    its London day; an officer who recorded on a day without signing in at all worked that
    London day as a shift, as before sessions were measured. No row is left out."""
    signed_in = _signed_in_shifts(sessions)
    made_in = [signed_in.get(row["officer_id"], NO_SHIFTS).shift_of(row) for row in rows]
    worked = {shift for officer in signed_in.values() for shift in officer.shifts}
    worked.update(made_in)
    return worked, made_in


def active_devices_by_day(*, sessions, rows, start: date, end: date) -> dict[date, int]:
    """Distinct devices in use on each London day from `start` to `end` (see `_in_use`)."""
    active = defaultdict(set)
    for day, _officer, device in _in_use(sessions=sessions, rows=rows, start=start, end=end):
        active[day].add(device)
    return {day: len(devices) for day, devices in sorted(active.items())}


def devices_seen_by_officer(*, sessions, opened, rows, start: date, end: date) -> dict:
    """The devices each officer was seen on: signed in on in a shift of the period
    (`sessions`), or active on any of its days from `start` to `end` (any session `opened`
    touching one, or a record made on one). So a device signed in across the start of the
    period is seen even with no record in it, as it is active on its first day, and no day's
    active devices can outnumber the devices seen. Which sessions are shifts is unchanged."""
    seen = defaultdict(set)
    for s in sessions:
        seen[s["officer_id"]].add(s["device_id"])
    for _day, officer, device in _in_use(sessions=opened, rows=rows, start=start, end=end):
        seen[officer].add(device)
    return dict(seen)


def _in_use(*, sessions, rows, start: date, end: date):
    """(London day, officer, device) for each use of a device on a day from `start` to `end`:
    signed in on at any time that day, or recorded on. A session counts on every day it was
    open, so a night shift's device is active on both of its days, and a session begun before
    `start` on the days it ran into the period. A record counts on the day it was made, not
    the day it synced: an offline device is still in use. No day outside the period appears (a
    record made before it that synced in it is in the period's records, but not on a day of
    it)."""
    begin, finish = london_midnight(start), london_midnight(end + timedelta(days=1))
    for s in sessions:
        for day in london_days_touched(max(s["started_at"], begin), min(s["ended_at"], finish)):
            yield day, s["officer_id"], s["device_id"]
    for r in rows:
        day = london_day(r["occurred_at"])
        if r.get("device_id") and start <= day <= end:
            yield day, r["officer_id"], r["device_id"]


def london_days_touched(start: datetime, end: datetime) -> list[date]:
    """The London days that [start, end) touches, none if it is empty. Each day's own midnight
    is looked up, as a day across a clock change lasts 23 or 25 hours; an interval that closes
    at midnight does not reach the next day."""
    days = []
    day = london_day(start)
    while start < end and london_midnight(day) < end:
        days.append(day)
        day += timedelta(days=1)
    return days


def away_share(*, rows, stations) -> float | None:
    """Share of located records made further than GEOFENCE_METRES from every station."""
    points = [
        (float(s.latitude), float(s.longitude))
        for s in stations
        if s.latitude is not None and s.longitude is not None
    ]
    if not points or not rows:
        return None
    away = sum(
        1
        for row in rows
        if min(
            metres_between(float(row["latitude"]), float(row["longitude"]), lat, lon)
            for lat, lon in points
        )
        > GEOFENCE_METRES
    )
    return away / len(rows)


def metres_between(lat1, lon1, lat2, lon2) -> float:
    """Great-circle (haversine) distance."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_METRES * math.asin(math.sqrt(a))


def median_minutes_to_submit(*, rows) -> dict[str, float]:
    """Per record type, the median minutes from the event to the record reaching the server.
    A device clock ahead of the server counts as zero, not as negative time."""
    gaps = defaultdict(list)
    for row in rows:
        minutes = (row["received_at"] - row["occurred_at"]).total_seconds() / 60
        gaps[row["type"]].append(max(0.0, minutes))
    return {kind: float(median(values)) for kind, values in sorted(gaps.items())}


def median_statement_minutes(*, rows) -> float | None:
    """Median minutes from beginning a statement to the witness signing it, on the device."""
    durations = [
        (row["signed_at"] - row["occurred_at"]).total_seconds() / 60
        for row in rows
        if row.get("signed_at") is not None
    ]
    return float(median(durations)) if durations else None


def devices_adopted(*, sessions, rows) -> int:
    """Devices in real use, not carried in a pocket: of the shifts worked by the officers who
    signed in on a device, it was used to record in more than half."""
    worked, made_in = shifts_assign(sessions=sessions, rows=rows)
    officer_shifts = defaultdict(set)
    for shift in worked:
        officer_shifts[shift.officer_id].add(shift)
    device_shifts = defaultdict(set)
    for s in sessions:
        device_shifts[s["device_id"]] |= officer_shifts[s["officer_id"]]
    recorded_in = defaultdict(set)
    for row, shift in zip(rows, made_in, strict=True):
        if row.get("device_id"):
            recorded_in[row["device_id"]].add(shift)
    return sum(
        1
        for device, shifts in device_shifts.items()
        if 2 * len(shifts & recorded_in[device]) > len(shifts)
    )


def by_role(*, sessions, rows, roles: dict, seen: dict) -> dict[str, RoleUsage]:
    """Usage per policing role: `roles` maps every officer measured to their role, `seen`
    officers to the devices they were seen on (`devices_seen_by_officer`)."""
    out = {}
    for role in sorted(set(roles.values())):
        members = {officer for officer, held in roles.items() if held == role}
        own_sessions = [s for s in sessions if s["officer_id"] in members]
        own_rows = [r for r in rows if r["officer_id"] in members]
        out[role] = RoleUsage(
            officers=len(members),
            shifts=len(shifts_worked(sessions=own_sessions, rows=own_rows)),
            records=len(own_rows),
            devices_seen=len(set().union(*(seen.get(officer, ()) for officer in members))),
            devices_adopted=devices_adopted(sessions=own_sessions, rows=own_rows),
        )
    return out


def by_week(*, rows) -> dict[date, dict[str, int]]:
    """Records by type in each week (weeks start on Monday, London time)."""
    weeks = defaultdict(Counter)
    for row in rows:
        day = london_day(row["occurred_at"])
        weeks[day - timedelta(days=day.weekday())][row["type"]] += 1
    return {week: dict(counts) for week, counts in sorted(weeks.items())}


def _by_officer_attr(rows, officers, attr) -> dict[str, int]:
    counts = Counter()
    for row in rows:
        officer = officers.get(row["officer_id"])
        value = getattr(officer, attr, None) if officer else None
        counts[value.name if value else "None"] += 1
    return dict(sorted(counts.items()))


def _rows(*, officer_ids, start, end) -> tuple[list[dict], list[str]]:
    rows, missing = [], []
    for kind, (module_name, function_name) in USAGE_SOURCES.items():
        source = _optional(module_name, function_name)
        if source is None:
            missing.append(f"{kind}: no {module_name}.{function_name} in this installation")
            continue
        for row in source(officer_ids=officer_ids, start=start, end=end):
            row["type"] = kind
            rows.append(row)
    return rows, missing


def _device_models(rows) -> tuple[dict[str, int] | None, str | None]:
    source = _optional(*DEVICE_MODEL_SOURCE)
    if source is None:
        return None, "device model: no fleet register (frontline.devices) in this installation"
    names = source(device_ids={row["device_id"] for row in rows if row.get("device_id")})
    counts = Counter(names.get(row.get("device_id"), "Unknown") for row in rows)
    return dict(sorted(counts.items())), None


def _optional(module_name: str, function_name: str):
    try:
        module = import_module(module_name)
    except ModuleNotFoundError as exc:
        if exc.name is None or not module_name.startswith(exc.name):
            raise
        return None
    return getattr(module, function_name, None)


def london_midnight(day: date) -> datetime:
    return datetime.combine(day, time(0), tzinfo=LONDON)


def _sessions_open(*, officer_ids, rows, start, end) -> list[dict]:
    """Sessions open at any time from the period's earliest record (at most SESSION_LOOKBACK
    before `start`) to `end`: those of the period, and those a record made before it (a device
    that synced late) may belong to. One query."""
    earliest = max(min([start, *(row["occurred_at"] for row in rows)]), start - SESSION_LOOKBACK)
    return device_sessions_open_between(officer_ids=officer_ids, start=earliest, end=end)


def _sessions_measured(sessions, *, rows, start) -> list[dict]:
    """The shifts' sessions: those begun from `start`, and those begun earlier that hold a
    record of the period (a night shift begun the evening before its first day, a device that
    synced late)."""
    made = defaultdict(list)
    for row in sorted(rows, key=lambda row: row["occurred_at"]):
        made[row["officer_id"]].append(row["occurred_at"])
    return [
        s
        for s in sessions
        if s["started_at"] >= start or _any_between(made[s["officer_id"]], s["started_at"],
                                                    s["ended_at"])
    ]  # fmt: skip


def _any_between(moments: list[datetime], start: datetime, end: datetime) -> bool:
    """Whether any of the sorted `moments` falls in [start, end)."""
    first = bisect_left(moments, start)
    return first < len(moments) and moments[first] < end


def _signed_in_shifts(sessions) -> dict[object, "_OfficerShifts"]:
    """Each officer's sessions merged where they overlap, in time order."""
    by_officer = defaultdict(list)
    for s in sorted(sessions, key=lambda s: s["started_at"]):
        shifts = by_officer[s["officer_id"]]
        if shifts and s["started_at"] < shifts[-1].end:
            last = shifts[-1]
            shifts[-1] = Shift(last.officer_id, last.start, max(last.end, s["ended_at"]))
        else:
            shifts.append(Shift(s["officer_id"], s["started_at"], s["ended_at"]))
    return {officer: _OfficerShifts(shifts) for officer, shifts in by_officer.items()}


class _OfficerShifts:
    """One officer's signed-in shifts, in order and not overlapping, found by time."""

    def __init__(self, shifts: list[Shift]):
        self.shifts = shifts
        self.starts = [shift.start for shift in shifts]
        self.ends = [shift.end for shift in shifts]

    def shift_of(self, row) -> Shift:
        """The shift open when the row was made; else the nearest one touching its London
        day; else that London day itself."""
        moment = row["occurred_at"]
        before = bisect_right(self.starts, moment) - 1
        if before >= 0 and moment < self.ends[before]:
            return self.shifts[before]
        day = london_day(moment)
        day_start, day_end = london_midnight(day), london_midnight(day + timedelta(days=1))
        touching = self.shifts[
            bisect_right(self.ends, day_start) : bisect_left(self.starts, day_end)
        ]
        if touching:
            return min(touching, key=lambda shift: _time_apart(shift, moment))
        return Shift(row["officer_id"], day_start, day_end)


NO_SHIFTS = _OfficerShifts([])


def _time_apart(shift: Shift, moment: datetime) -> timedelta:
    return shift.start - moment if moment < shift.start else moment - shift.end
