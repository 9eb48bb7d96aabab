"""Each usage measure against rows with known answers, then the whole measurement driven
through the record apps' real services, in a fixed number of queries."""

from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from types import SimpleNamespace
from uuid import uuid4

import pytest
import time_machine
from django.core.cache import cache
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from frontline.checks.services import check_person
from frontline.common.clock import now
from frontline.common.ids import uuid7
from frontline.evaluation import usage
from frontline.notebook.services import notebook_entry_create
from tests.conftest import PASSWORD, enrolled_device
from tests.incidents.helpers import submitted as incident_submitted
from tests.stopsearch.helpers import record as stop_search

OFFICER_A, OFFICER_B = uuid4(), uuid4()
PHONE, TABLET, OTHER = uuid4(), uuid4(), uuid4()


def at(day, hour, minute=0):
    # November is GMT, so UTC and London days agree except across midnight
    return datetime(2026, 11, day, hour, minute, tzinfo=UTC)


def row(kind, officer, device, occurred, received, **extra):
    return {
        "type": kind,
        "officer_id": officer,
        "device_id": device,
        "occurred_at": occurred,
        "received_at": received,
        **extra,
    }


def session(officer, device, started, hours=8):
    """A sign-in session as accounts reports it: signed in, then closed `hours` later."""
    return {
        "officer_id": officer,
        "device_id": device,
        "started_at": started,
        "ended_at": started + timedelta(hours=hours),
    }


SESSIONS = [
    session(OFFICER_A, PHONE, at(2, 7)),
    session(OFFICER_A, PHONE, at(3, 7)),
    session(OFFICER_A, PHONE, at(4, 7)),
    session(OFFICER_B, TABLET, at(2, 7)),
    session(OFFICER_B, TABLET, at(3, 7)),
]
ROWS = [
    # A records in 2 of their 3 shifts (07:00 to 15:00); B in 1 of 2
    row("notebook entry", OFFICER_A, PHONE, at(2, 8), at(2, 8, 10)),
    row("notebook entry", OFFICER_A, PHONE, at(2, 9), at(2, 9, 30)),
    row("stop and search", OFFICER_A, PHONE, at(3, 10), at(3, 10, 20)),
    row("stop and search", OFFICER_B, TABLET, at(2, 11), at(2, 12, 0)),
]


def seen_in_november(sessions, rows):
    """The devices each officer was seen on in November, every session a shift of it."""
    november = {"start": date(2026, 11, 1), "end": date(2026, 11, 30)}
    return usage.devices_seen_by_officer(
        sessions=sessions, opened=sessions, rows=list(rows), **november
    )


def test_each_sign_in_session_is_a_shift_and_a_day_recorded_on_without_one_adds_a_shift():
    # 3 sessions for A, 2 for B; a record on a day B never signed in adds a shift
    assert len(usage.shifts_worked(sessions=SESSIONS, rows=ROWS)) == 5
    extra = row("notebook entry", OFFICER_B, TABLET, at(5, 8), at(5, 8))
    assert len(usage.shifts_worked(sessions=SESSIONS, rows=[*ROWS, extra])) == 6


def test_a_night_shift_across_midnight_is_one_shift_with_all_its_records():
    night = [session(OFFICER_A, PHONE, at(2, 22))]  # 22:00 to 06:00
    rows = [
        row("notebook entry", OFFICER_A, PHONE, at(2, 22, 30), at(2, 22, 35)),
        row("stop and search", OFFICER_A, PHONE, at(3, 2), at(3, 2, 10)),
        row("notebook entry", OFFICER_A, PHONE, at(3, 5, 45), at(3, 5, 50)),
    ]
    worked, made_in = usage.shifts_assign(sessions=night, rows=rows)
    assert worked == {usage.Shift(OFFICER_A, at(2, 22), at(3, 6))}
    assert set(made_in) == worked
    result = usage.by_role(sessions=night, rows=rows, roles={OFFICER_A: "Response"},
                           seen=seen_in_november(night, rows))  # fmt: skip
    assert result["Response"].shifts == 1 and result["Response"].per_shift == 3.0
    assert result["Response"].devices_adopted == 1  # recorded in its one shift


def test_two_sessions_on_one_day_are_two_shifts():
    # Signed out at 11:00 and in again at 15:00: two stretches of duty, not one day
    two = [session(OFFICER_A, PHONE, at(2, 7), hours=4), session(OFFICER_A, PHONE, at(2, 15))]
    rows = [
        row("notebook entry", OFFICER_A, PHONE, at(2, 8), at(2, 8)),
        row("notebook entry", OFFICER_A, PHONE, at(2, 16), at(2, 16)),
    ]
    worked, made_in = usage.shifts_assign(sessions=two, rows=rows)
    assert len(worked) == 2
    assert made_in == [
        usage.Shift(OFFICER_A, at(2, 7), at(2, 11)),
        usage.Shift(OFFICER_A, at(2, 15), at(2, 23)),
    ]


def test_overlapping_sessions_of_one_officer_are_one_shift():
    # Signed in on a phone and, an hour later, a tablet: one shift on two devices
    both = [session(OFFICER_A, PHONE, at(2, 7)), session(OFFICER_A, TABLET, at(2, 8))]
    assert usage.shifts_worked(sessions=both, rows=[]) == {
        usage.Shift(OFFICER_A, at(2, 7), at(2, 16))
    }


def test_a_record_outside_every_session_still_counts():
    shift = usage.Shift(OFFICER_A, at(2, 22), at(3, 6))
    night = [session(OFFICER_A, PHONE, at(2, 22))]
    # Written up on the office web after signing out the next morning: the night shift's
    written_up = row("notebook entry", OFFICER_A, None, at(3, 7), at(3, 7))
    # B never signed in: their London day is a shift of its own (in summer 23:30 UTC is the
    # next London day)
    summer_night = datetime(2026, 7, 1, 23, 30, tzinfo=UTC)
    paper = row("stop and search", OFFICER_B, None, summer_night, summer_night)
    worked, made_in = usage.shifts_assign(sessions=night, rows=[written_up, paper])
    b_day = usage.Shift(
        OFFICER_B, datetime(2026, 7, 1, 23, tzinfo=UTC), datetime(2026, 7, 2, 23, tzinfo=UTC)
    )
    assert made_in == [shift, b_day]
    assert worked == {shift, b_day}


def test_a_record_outside_sessions_joins_the_nearest_shift_of_its_day():
    two = [session(OFFICER_A, PHONE, at(2, 7), hours=4), session(OFFICER_A, PHONE, at(2, 15))]
    rows = [
        row("notebook entry", OFFICER_A, None, at(2, 6), at(2, 6)),  # before the first
        row("notebook entry", OFFICER_A, None, at(2, 12), at(2, 12)),  # nearer the first
        row("notebook entry", OFFICER_A, None, at(2, 14), at(2, 14)),  # nearer the second
    ]
    first = usage.Shift(OFFICER_A, at(2, 7), at(2, 11))
    second = usage.Shift(OFFICER_A, at(2, 15), at(2, 23))
    worked, made_in = usage.shifts_assign(sessions=two, rows=rows)
    assert made_in == [first, first, second] and worked == {first, second}


def active_days(sessions, rows=(), start=date(2026, 11, 1), end=date(2026, 11, 30)):
    return usage.active_devices_by_day(sessions=sessions, rows=list(rows), start=start, end=end)


def test_active_devices_per_london_day_count_records_on_the_day_they_were_made():
    late = row("notebook entry", OFFICER_B, TABLET, at(4, 23, 30), at(4, 23, 50))
    counts = active_days(SESSIONS, [*ROWS, late])
    assert counts == {date(2026, 11, 2): 2, date(2026, 11, 3): 2, date(2026, 11, 4): 2}
    # In summer 23:30 UTC is already the next London day
    summer_night = datetime(2026, 7, 1, 23, 30, tzinfo=UTC)
    summer = row("notebook entry", OFFICER_B, TABLET, summer_night, summer_night)
    july = {"start": date(2026, 7, 1), "end": date(2026, 7, 2)}
    assert active_days([], [summer], **july) == {date(2026, 7, 2): 1}


def test_a_night_shift_makes_its_device_active_on_both_days():
    assert active_days([session(OFFICER_A, PHONE, at(2, 22))]) == {  # 22:00 to 06:00
        date(2026, 11, 2): 1,
        date(2026, 11, 3): 1,
    }


def test_sessions_across_the_clock_change_count_on_their_london_days():
    # On Sunday 25 October 2026 the clocks go back at 02:00 BST: the day lasts 25 hours,
    # 23:00 UTC on the 24th to midnight UTC on the 26th
    def utc(day, hour, minute=0):
        return datetime(2026, 10, day, hour, minute, tzinfo=UTC)

    sessions = [
        session(OFFICER_A, PHONE, utc(24, 21), hours=9),  # 22:00 BST to 06:00 GMT
        session(OFFICER_B, TABLET, utc(24, 23, 30)),  # 00:30 BST on the 25th
        session(OFFICER_B, OTHER, utc(25, 15), hours=8.5),  # to 23:30 GMT, still the 25th
    ]
    october = {"start": date(2026, 10, 1), "end": date(2026, 10, 31)}
    assert active_days(sessions, **october) == {date(2026, 10, 24): 1, date(2026, 10, 25): 3}


def test_a_session_ending_at_london_midnight_does_not_count_on_the_next_day():
    # In summer London midnight is 23:00 UTC; a minute later is the next day
    def utc(hour, minute=0):
        return datetime(2026, 7, 1, hour, minute, tzinfo=UTC)

    to_midnight = {**session(OFFICER_A, PHONE, utc(15)), "ended_at": utc(23)}
    past_midnight = {**session(OFFICER_B, TABLET, utc(15)), "ended_at": utc(23, 1)}
    july = {"start": date(2026, 7, 1), "end": date(2026, 7, 31)}
    assert active_days([to_midnight, past_midnight], **july) == {
        date(2026, 7, 1): 2,
        date(2026, 7, 2): 1,
    }


def test_only_the_days_of_the_period_count():
    # The 3rd and 4th: a night shift begun on the 2nd counts on the 3rd, and its record made
    # on the 2nd (synced in the period) adds no day; one begun on the 4th stops at the period
    sessions = [session(OFFICER_A, PHONE, at(2, 22)), session(OFFICER_B, TABLET, at(4, 22))]
    made_before = row("notebook entry", OFFICER_A, PHONE, at(2, 23), at(3, 1))
    counts = active_days(sessions, [made_before], start=date(2026, 11, 3), end=date(2026, 11, 4))
    assert counts == {date(2026, 11, 3): 1, date(2026, 11, 4): 1}


def test_a_device_used_twice_in_a_day_counts_once():
    # Two night shifts on the phone both touch the 3rd, and it records then as well
    sessions = [session(OFFICER_A, PHONE, at(2, 22)), session(OFFICER_A, PHONE, at(3, 22))]
    on_the_3rd = row("notebook entry", OFFICER_A, PHONE, at(3, 23), at(3, 23))
    assert active_days(sessions, [on_the_3rd]) == {
        date(2026, 11, 2): 1,
        date(2026, 11, 3): 1,
        date(2026, 11, 4): 1,
    }


def test_median_minutes_from_event_to_submitted_record_per_type():
    # notebook: 10 and 30 -> 20; stop and search: 20 and 60 -> 40
    assert usage.median_minutes_to_submit(rows=ROWS) == {
        "notebook entry": 20.0,
        "stop and search": 40.0,
    }


def test_a_device_clock_ahead_of_the_server_counts_as_no_delay():
    ahead = row("notebook entry", OFFICER_A, PHONE, at(2, 8, 5), at(2, 8, 0))
    assert usage.median_minutes_to_submit(rows=[ahead]) == {"notebook entry": 0.0}


def test_adoption_counts_devices_recording_in_most_of_their_shifts():
    # PHONE: records in 2 of A's 3 shifts -> adopted; TABLET: 1 of B's 2 -> not more than half
    assert usage.devices_adopted(sessions=SESSIONS, rows=ROWS) == 1
    # Used in both of B's shifts the tablet is adopted; two more days B recorded on without
    # it (no device, no sign-in) make that 2 of 4 shifts, no longer more than half
    tablet_again = row("notebook entry", OFFICER_B, TABLET, at(3, 9), at(3, 9))
    assert usage.devices_adopted(sessions=SESSIONS, rows=[*ROWS, tablet_again]) == 2
    paper = [row("stop and search", OFFICER_B, None, at(d, 9), at(d, 9)) for d in (4, 5)]
    assert usage.devices_adopted(sessions=SESSIONS, rows=[*ROWS, tablet_again, *paper]) == 1


def test_share_of_records_made_away_from_a_station_uses_the_geofence():
    station = SimpleNamespace(latitude=Decimal("51.4967"), longitude=Decimal("-0.2236"))
    near = {"latitude": Decimal("51.4975"), "longitude": Decimal("-0.2236")}  # ~89 m north
    far = {"latitude": Decimal("51.4927"), "longitude": Decimal("-0.2297")}  # King Street ~620 m
    assert usage.metres_between(51.4967, -0.2236, 51.4975, -0.2236) == pytest.approx(89, abs=1)
    assert usage.away_share(rows=[near, far, far, far], stations=[station]) == 0.75
    assert (
        usage.away_share(rows=[near], stations=[SimpleNamespace(latitude=None, longitude=None)])
        is None
    )


def test_statement_minutes_run_from_beginning_to_signature():
    rows = [
        row("witness statement", OFFICER_A, PHONE, at(2, 8), at(2, 9), signed_at=at(2, 8, 25)),
        row("witness statement", OFFICER_A, PHONE, at(2, 10), at(2, 11), signed_at=at(2, 10, 35)),
    ]
    assert usage.median_statement_minutes(rows=rows) == 30.0


def test_records_by_week_start_on_monday():
    # 2 Nov 2026 is a Monday; the 8th a Sunday, the 9th the next Monday
    rows = [
        row("notebook entry", OFFICER_A, PHONE, at(2, 8), at(2, 8)),
        row("notebook entry", OFFICER_A, PHONE, at(8, 8), at(8, 8)),
        row("stop and search", OFFICER_A, PHONE, at(9, 8), at(9, 8)),
    ]
    assert usage.by_week(rows=rows) == {
        date(2026, 11, 2): {"notebook entry": 2},
        date(2026, 11, 9): {"stop and search": 1},
    }


def test_usage_by_role_splits_shifts_records_and_adoption_by_each_officers_role():
    # A (Response): 3 shifts, 3 records, the phone used in 2 of them -> adopted.
    # B (CID): 2 shifts, 1 record, the tablet used in 1 of them -> not adopted.
    # C has no kit profile and did nothing, but still counts as an officer measured.
    officer_c = uuid4()
    roles = {OFFICER_A: "Response", OFFICER_B: "CID", officer_c: usage.NO_ROLE}
    result = usage.by_role(
        sessions=SESSIONS, rows=ROWS, roles=roles, seen=seen_in_november(SESSIONS, ROWS)
    )
    assert result == {
        "CID": usage.RoleUsage(officers=1, shifts=2, records=1, devices_seen=1,
                               devices_adopted=0),
        usage.NO_ROLE: usage.RoleUsage(officers=1, shifts=0, records=0, devices_seen=0,
                                       devices_adopted=0),
        "Response": usage.RoleUsage(officers=1, shifts=3, records=3, devices_seen=1,
                                    devices_adopted=1),
    }  # fmt: skip
    assert result["Response"].per_shift == 1.0 and result["CID"].per_shift == 0.5
    assert result["Response"].adoption == 1.0 and result[usage.NO_ROLE].adoption is None


@pytest.fixture
def measured(officer, station, team_mate, other_officer, api_factory):
    """Today: the officer signs in on a handset, writes two entries, records one search on
    King Street and submits an incident report; the team-mate records one search at the
    station. Another station's officer records too, and must not count.

    The clock stands at 13:00 today (and runs on): the report was begun three hours before
    it was submitted, which just after midnight would fall on another day."""
    midday = datetime.combine(now().date(), time(13, 0), tzinfo=UTC)
    with time_machine.travel(midday, tick=True):
        yield _measured_make(officer, station, team_mate)


def _measured_make(officer, station, team_mate):
    from frontline.accounts.models import Station
    from frontline.accounts.services import device_sign_in, officer_create

    station.latitude, station.longitude = Decimal("51.4967"), Decimal("-0.2236")
    station.save()
    device, _ = enrolled_device("pilot handset")
    device_sign_in(device=device, collar_number=officer.collar_number, password=PASSWORD)
    for minutes in (30, 10):
        notebook_entry_create(
            officer=officer,
            entry_id=uuid7(),
            kind="entry",
            occurred_at=now() - timedelta(minutes=minutes),
            text="On patrol, King Street.",
            device=device,
        )
    stop_search(officer)
    stop_search(team_mate, latitude="51.496800", longitude="-0.223600")
    incident_submitted(officer)  # Brackenbury Road, begun three hours ago
    elsewhere = Station.objects.create(code="FF", name="Fulham")
    outsider = officer_create(
        collar_number="PC77",
        given_name="Far",
        family_name="Away",
        password=PASSWORD,
        officer_roles=["officer"],
        station=elsewhere,
    )
    stop_search(outsider, station="FF")
    check_person(officer=officer, device=device, name="John Smith", reason="stop_account")
    return station


def test_usage_is_measured_from_records_made_through_the_services(measured):
    today = usage.london_day(now())
    result = usage.usage_measure(start=today, end=today, stations=[measured])
    assert result.records_by_type == {
        "notebook entry": 2,
        "stop and search": 2,
        "incident report": 1,
    }
    assert result.shifts == 2  # the officer and the team-mate, today
    assert result.per_shift_by_type == {
        "notebook entry": 1.0,
        "stop and search": 1.0,
        "incident report": 0.5,
    }
    assert result.active_devices_by_day == {today: 1}
    # King Street and Brackenbury Road are away; the station forecourt is not
    assert result.away_share == pytest.approx(2 / 3)
    assert result.median_minutes_to_submit["incident report"] == pytest.approx(180, abs=2)
    assert result.devices_seen == 1 and result.devices_adopted == 1
    assert result.check_volume == 1
    assert not any(line.startswith("person or vehicle check") for line in result.missing)
    # The handset is enrolled but not on the fleet register
    assert result.by_device_model == {"Unknown": 5}
    assert result.by_team == {"Response Team A": 5}
    # Nobody here has a kit profile yet: the three officers of the station are role-less
    assert result.by_role == {
        usage.NO_ROLE: usage.RoleUsage(officers=3, shifts=2, records=5, devices_seen=1,
                                       devices_adopted=1),
    }  # fmt: skip


def test_usage_by_role_reads_each_officers_kit_profile(measured, officer, team_mate):
    from frontline.devices.models import KitProfile
    from frontline.devices.services import officer_kit_profile_set

    for person, role in ((officer, "Response"), (team_mate, "Neighbourhood")):
        profile = KitProfile.objects.create(role=role)
        officer_kit_profile_set(officer=person, profile=profile, actor=None)
    today = usage.london_day(now())

    result = usage.usage_measure(start=today, end=today, stations=[measured])

    # The officer: two entries, a search and a report on the handset they signed in on; the
    # team-mate one search with no sign-in; the other officer of the station nothing.
    assert result.by_role == {
        "Neighbourhood": usage.RoleUsage(officers=1, shifts=1, records=1, devices_seen=0,
                                         devices_adopted=0),
        usage.NO_ROLE: usage.RoleUsage(officers=1, shifts=0, records=0, devices_seen=0,
                                       devices_adopted=0),
        "Response": usage.RoleUsage(officers=1, shifts=1, records=4, devices_seen=1,
                                    devices_adopted=1),
    }  # fmt: skip


def test_usage_outside_the_period_is_not_counted(measured):
    yesterday = usage.london_day(now()) - timedelta(days=1)
    result = usage.usage_measure(start=yesterday, end=yesterday, stations=[measured])
    assert result.records_by_type == {} and result.shifts == 0


def test_usage_takes_a_fixed_number_of_queries(measured, django_assert_num_queries):
    today = usage.london_day(now())
    # officers, sessions, one per record source (notebook, searches, statements, incidents,
    # checks), the fleet register's device models and the officers' kit roles
    with django_assert_num_queries(9):
        usage.usage_measure(start=today, end=today, stations=[measured])
    for _ in range(3):
        stop_search(measured.officers.first())
    with django_assert_num_queries(9):
        usage.usage_measure(start=today, end=today, stations=[measured])


def test_usage_by_device_model_reads_the_fleet_register(officer, station, client):
    from tests.devices.helpers import bound_install, device, ipad

    handset = bound_install(device(ipad()), officer, client)
    notebook_entry_create(
        officer=officer,
        entry_id=uuid7(),
        kind="entry",
        occurred_at=now() - timedelta(minutes=5),
        text="On patrol, King Street.",
        device=handset.device,
    )
    today = usage.london_day(now())

    result = usage.usage_measure(start=today, end=today, stations=[station])

    assert result.by_device_model == {"Apple iPad Air 2": 1}
    assert not any(line.startswith("device model") for line in result.missing)


@pytest.fixture
def night_and_day(officer, team_mate, station, client):
    """Through the real services, in November (GMT). The officer (Response) works a night
    shift on a register iPad: signed in at 22:00 on the 2nd, three entries either side of
    midnight, signed out at 06:00. The team-mate (Neighbourhood) signs in twice on the 3rd on
    a handset the register does not know (07:00 to 11:00, 15:00 to 19:00) with an entry in
    each, then on the 4th writes one up on the office web with no sign-in at all."""
    from frontline.accounts.services import device_sign_in, device_sign_out
    from frontline.devices.models import KitProfile
    from frontline.devices.services import officer_kit_profile_set
    from tests.devices.helpers import bound_install, device, ipad

    for person, role in ((officer, "Response"), (team_mate, "Neighbourhood")):
        officer_kit_profile_set(officer=person, profile=KitProfile.objects.create(role=role),
                                actor=None)  # fmt: skip
    with time_machine.travel(at(2, 22), tick=False) as clock:
        ipad_install = bound_install(device(ipad()), officer, client)
        for occurred in (at(2, 22, 30), at(3, 2), at(3, 5, 45)):
            clock.move_to(occurred + timedelta(minutes=5))
            _entry(officer, occurred, ipad_install.device)
        clock.move_to(at(3, 6))
        device_sign_out(session=_open_session(officer))
        handset, _ = enrolled_device("unregistered handset")
        for signed_in, entry in ((at(3, 7), at(3, 8)), (at(3, 15), at(3, 16))):
            clock.move_to(signed_in)
            device_sign_in(device=handset, collar_number=team_mate.collar_number,
                           password=PASSWORD)  # fmt: skip
            clock.move_to(entry)
            _entry(team_mate, entry, handset)
            clock.move_to(entry + timedelta(hours=3))
            device_sign_out(session=_open_session(team_mate))
        clock.move_to(at(4, 10))
        _entry(team_mate, at(4, 9), None)
    return station


def _entry(officer, occurred, device):
    notebook_entry_create(officer=officer, entry_id=uuid7(), kind="entry", occurred_at=occurred,
                          text="On patrol, King Street.", device=device)  # fmt: skip


def _open_session(officer):
    return officer.device_sessions.get(ended_at__isnull=True)


def test_a_night_shift_is_one_shift_in_the_measured_usage(night_and_day):
    result = usage.usage_measure(
        start=date(2026, 11, 2), end=date(2026, 11, 4), stations=[night_and_day]
    )
    # One night shift, two of the team-mate's sessions and one day recorded on with none;
    # counting London days would have made the night two shifts
    assert result.shifts == 4
    assert result.by_role["Response"] == usage.RoleUsage(
        officers=1, shifts=1, records=3, devices_seen=1, devices_adopted=1
    )
    assert result.by_role["Response"].per_shift == 3.0
    # The handset was used in 2 of the team-mate's 3 shifts
    assert result.by_role["Neighbourhood"] == usage.RoleUsage(
        officers=1, shifts=3, records=3, devices_seen=1, devices_adopted=1
    )


def test_usage_by_role_and_by_device_model_agree_with_the_totals(night_and_day):
    result = usage.usage_measure(
        start=date(2026, 11, 2), end=date(2026, 11, 4), stations=[night_and_day]
    )
    records = sum(result.records_by_type.values())
    assert records == 6
    assert result.by_device_model == {"Apple iPad Air 2": 3, "Unknown": 3}
    assert sum(result.by_device_model.values()) == records
    assert sum(part.records for part in result.by_role.values()) == records
    assert sum(part.shifts for part in result.by_role.values()) == result.shifts
    assert sum(part.devices_seen for part in result.by_role.values()) == result.devices_seen


def test_a_night_shift_begun_the_evening_before_the_period_counts_in_it(night_and_day):
    # The 3rd alone: the night shift began on the 2nd, but its entries reached the server on
    # the 3rd, so they and their shift count (once), as do the team-mate's two sessions
    result = usage.usage_measure(
        start=date(2026, 11, 3), end=date(2026, 11, 3), stations=[night_and_day]
    )
    assert result.by_role["Response"].shifts == 1
    assert result.by_role["Response"].records == 2  # the 22:30 entry reached it on the 2nd
    assert result.by_role["Neighbourhood"].shifts == 2
    assert result.shifts == 3


@pytest.fixture
def across_the_start(officer, team_mate, station):
    """Through the real services, in November (GMT): the team-mate signs in on a handset at
    21:00 on the 2nd, records nothing and signs out at 07:00; the officer signs in on another
    at 22:00, makes an entry at 23:00 that syncs at 01:00, and signs out at 06:00."""
    from frontline.accounts.services import device_sign_in, device_sign_out

    with time_machine.travel(at(2, 21), tick=False) as clock:
        handset, _ = enrolled_device("team-mate's handset")
        device_sign_in(device=handset, collar_number=team_mate.collar_number, password=PASSWORD)
        clock.move_to(at(2, 22))
        phone, _ = enrolled_device("officer's handset")
        device_sign_in(device=phone, collar_number=officer.collar_number, password=PASSWORD)
        clock.move_to(at(3, 1))
        _entry(officer, at(2, 23), phone)
        clock.move_to(at(3, 6))
        device_sign_out(session=_open_session(officer))
        clock.move_to(at(3, 7))
        device_sign_out(session=_open_session(team_mate))
    return station


def test_devices_in_use_across_the_start_of_the_period_are_active_on_its_days(across_the_start):
    the_3rd = usage.usage_measure(start=date(2026, 11, 3), end=date(2026, 11, 3),
                                  stations=[across_the_start])  # fmt: skip
    both = usage.usage_measure(start=date(2026, 11, 2), end=date(2026, 11, 3),
                               stations=[across_the_start])  # fmt: skip

    # Both handsets were signed in on the 3rd; the entry made on the 2nd counts among the 3rd's
    # records, but adds no day before the period
    assert the_3rd.active_devices_by_day == {date(2026, 11, 3): 2}
    assert the_3rd.records_by_type == {"notebook entry": 1}
    assert both.active_devices_by_day == {date(2026, 11, 2): 2, date(2026, 11, 3): 2}


def test_a_device_signed_in_across_the_start_is_seen_but_adds_no_shift(across_the_start):
    # The team-mate's handset, signed in from 21:00 on the 2nd to 07:00 on the 3rd with no
    # record, is active on the 3rd, so it is a device seen on the 3rd (or peak active devices,
    # 2, would exceed devices seen, 1). Its session holds no record of the 3rd, so it is no
    # shift of it: the shifts, records per shift and adopted devices stay the officer's alone
    result = usage.usage_measure(start=date(2026, 11, 3), end=date(2026, 11, 3),
                                 stations=[across_the_start])  # fmt: skip
    assert result.peak_active_devices == 2
    assert result.devices_seen == 2
    assert result.by_role[usage.NO_ROLE].devices_seen == 2
    assert result.shifts == 1 and result.per_shift_by_type == {"notebook entry": 1.0}
    assert result.by_role[usage.NO_ROLE].shifts == 1
    assert result.devices_adopted == 1 and result.adoption == 0.5


def test_the_mean_is_over_the_days_of_the_period_so_far(measured):
    # Half-way through a 60-day pilot (today is its 31st day) the one device active today
    # makes a mean of 1 over 31 days, not 1 over 60: the days to come have not happened
    today = usage.london_day(now())
    running = usage.usage_measure(start=today - timedelta(days=30),
                                  end=today + timedelta(days=29), stations=[measured])  # fmt: skip
    assert (running.days_measured, running.days_in_period) == (31, 60)
    assert running.mean_active_devices == pytest.approx(1 / 31)
    # A period that ended today is measured over all its days
    ended = usage.usage_measure(start=today - timedelta(days=3), end=today, stations=[measured])
    assert (ended.days_measured, ended.days_in_period) == (4, 4)
    assert ended.mean_active_devices == pytest.approx(1 / 4)


def test_a_period_still_to_come_has_no_days_and_no_mean(measured):
    tomorrow = usage.london_day(now()) + timedelta(days=1)
    result = usage.usage_measure(start=tomorrow, end=tomorrow + timedelta(days=59),
                                 stations=[measured])  # fmt: skip
    assert result.days_measured == 0 and result.days_in_period == 60
    assert result.mean_active_devices is None
    assert result.active_devices_by_day == {} and result.peak_active_devices == 0


def test_days_still_to_come_have_no_active_devices(measured):
    # Signed in at 13:00 today, the token runs until after midnight, but tomorrow has not
    # happened yet
    today = usage.london_day(now())
    result = usage.usage_measure(start=today, end=today + timedelta(days=1), stations=[measured])
    assert result.active_devices_by_day == {today: 1}


# Generated layouts, in November (GMT), of two officers' sign-ins and entries on three handsets
# from the 8th to noon on the 20th, measured at noon on the 20th over a period that may have
# ended, be running or not have begun. Hours count from midnight on the 8th.
LAYOUT_NOW = at(20, 12)
LAYOUT_HOURS = 12 * 24 + 12
layout_sessions = st.lists(
    st.tuples(
        st.integers(0, 1),  # officer
        st.integers(0, 2),  # handset
        st.integers(0, LAYOUT_HOURS - 1),  # signed in
        st.integers(1, 14),  # hours until signing out (the token expires after 12)
    ),
    max_size=5,
)
layout_entries = st.lists(
    st.tuples(
        st.integers(0, 1),  # officer
        st.none() | st.integers(0, 2),  # handset, or none (the office web)
        st.integers(0, LAYOUT_HOURS),  # made
        st.integers(0, 48),  # hours until it reached the server
    ),
    max_size=6,
)
layout_period = st.tuples(st.integers(10, 21), st.integers(0, 9))  # first day, days after it


@pytest.mark.django_db
@settings(suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(sessions=layout_sessions, entries=layout_entries, period=layout_period)
def test_no_day_has_more_active_devices_than_the_devices_seen(
    officer, team_mate, station, sessions, entries, period
):
    from frontline.devices.models import KitProfile
    from frontline.devices.services import officer_kit_profile_set

    with transaction.atomic():
        cache.clear()  # sign-ins are rate limited; each layout starts afresh
        for person, role in ((officer, "Response"), (team_mate, "Neighbourhood")):
            officer_kit_profile_set(officer=person, profile=KitProfile.objects.create(role=role),
                                    actor=None)  # fmt: skip
        _layout_make([officer, team_mate], sessions, entries)
        first, more = period
        start, end = date(2026, 11, first), date(2026, 11, first + more)
        with time_machine.travel(LAYOUT_NOW, tick=False):
            result = usage.usage_measure(start=start, end=end, stations=[station])
        transaction.set_rollback(True)
    assert result.peak_active_devices <= result.devices_seen
    assert result.devices_adopted <= result.devices_seen
    for part in result.by_role.values():
        assert part.devices_adopted <= part.devices_seen <= result.devices_seen


def _layout_make(people, sessions, entries):
    """Every sign-in, sign-out and entry through the services, in the order they happened."""
    from frontline.accounts.services import device_sign_in, device_sign_out

    handsets = [enrolled_device(f"handset {n}")[0] for n in range(3)]
    events = []
    for number, (who, handset, begins, hours) in enumerate(sessions):
        events.append((at(8, 0) + timedelta(hours=begins), "in", number, who, handset))
        events.append((at(8, 0) + timedelta(hours=begins + hours), "out", number, None, None))
    for who, handset, made, delay in entries:
        occurred = at(8, 0) + timedelta(hours=made)
        received = min(occurred + timedelta(hours=delay), LAYOUT_NOW)
        events.append((received, "entry", occurred, who, handset))
    opened = {}
    with time_machine.travel(at(8, 0), tick=False) as clock:
        for moment, kind, what, who, handset in sorted(events, key=lambda e: (e[0], e[1])):
            if moment > LAYOUT_NOW:
                continue  # still signed in now
            clock.move_to(moment)
            if kind == "in":
                opened[what] = device_sign_in(device=handsets[handset],
                                              collar_number=people[who].collar_number,
                                              password=PASSWORD).session  # fmt: skip
            elif kind == "out":
                device_sign_out(session=opened[what])
            else:
                device = None if handset is None else handsets[handset]
                _entry(people[who], what, device)
