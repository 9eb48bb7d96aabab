"""Rollout progress against plan, read from the fleet register's issues: by station, team and
kit-profile role, within the phase's dates; replacements apart; the plan to date at an even
pace. Known answers."""

from datetime import datetime, time, timedelta
from types import SimpleNamespace

import pytest

from frontline.accounts.models import Station
from frontline.common.clock import now
from frontline.devices import services as fleet
from frontline.devices.models import KitProfile
from frontline.evaluation import rollout, services
from frontline.evaluation.usage import LONDON, london_day
from tests.devices.helpers import device, ipad, issued
from tests.evaluation.helpers import programme


def on(day, hour=10):
    return datetime.combine(day, time(hour), LONDON)


def test_the_plan_to_date_runs_at_an_even_pace_in_whole_devices():
    start = now().date()
    phase = SimpleNamespace(starts_on=start, ends_on=start + timedelta(days=9), devices_planned=4)
    assert rollout.expected_by(phase, start - timedelta(days=1)) == 0
    assert rollout.expected_by(phase, start) == 0  # 4 x 1/10, rounded down
    assert rollout.expected_by(phase, start + timedelta(days=4)) == 2  # 4 x 5/10
    assert rollout.expected_by(phase, start + timedelta(days=9)) == 4
    assert rollout.expected_by(phase, start + timedelta(days=30)) == 4


@pytest.fixture
def register(evaluator, officer, team_mate, other_officer, station):
    """A ten-day phase that began four days ago (today is its fifth day).

    The officer (Response) is issued tablet 1 on day 2, which fails on day 4 and is replaced by
    a spare (the register issues it to them in the same event); the team-mate (Response)
    tablet 2 on day 3, still held; the other officer (Neighbourhood, Response Team B) tablet 3
    on day 3; and the officer had tablet 4 three days before the phase began.
    """
    model = ipad()
    response = KitProfile.objects.create(role="Response")
    neighbourhood = KitProfile.objects.create(role="Neighbourhood")
    for profile in (response, neighbourhood):
        profile.device_models.set([model])
    for person, profile in ((officer, response), (team_mate, response),
                            (other_officer, neighbourhood)):  # fmt: skip
        fleet.officer_kit_profile_set(officer=person, profile=profile, actor=None)
    today = london_day(now())
    start = today - timedelta(days=4)
    received = on(start - timedelta(days=10))
    tablets = [device(model, received_at=received, station=station) for _ in range(4)]
    spare = device(model, received_at=received, station=station)
    issued(officer, tablets[0], at=on(start + timedelta(days=1)))
    issued(team_mate, tablets[1], at=on(start + timedelta(days=2)))
    issued(other_officer, tablets[2], at=on(start + timedelta(days=2)))
    issued(officer, tablets[3], at=on(start - timedelta(days=3)))
    fleet.fleet_device_event(
        device=tablets[0], event="replaced", actor=None, reason="Screen failed",
        replacement=spare, at=on(start + timedelta(days=3)),
    )  # fmt: skip
    prog = programme(evaluator)
    elsewhere = Station.objects.create(code="FF", name="Fulham")

    def phase(name, role, planned, starts=start, ends=start + timedelta(days=9), **scope):
        return services.phase_add(
            actor=evaluator, programme=prog, name=name, role=role, devices_planned=planned,
            starts_on=starts, ends_on=ends, budget="10000", **scope,
        )  # fmt: skip

    return {
        "station": phase("Hammersmith response", "Response", 4, station=station),
        "team": phase("Team B neighbourhood", "neighbourhood", 2, team="response team b"),
        "elsewhere": phase("Fulham response", "Response", 4, station=elsewhere),
        "future": phase("Next year", "Response", 100, starts=today + timedelta(days=300),
                        ends=today + timedelta(days=400)),
        "done": phase("Pilot", "Response", 2, starts=start - timedelta(days=5),
                      ends=start - timedelta(days=1)),
    }  # fmt: skip


def test_progress_counts_devices_issued_in_scope_within_the_phase(register):
    progress = {p.phase.name: p for p in rollout.rollout_progress(phases=list(register.values()))}

    home = progress["Hammersmith response"]
    # tablets 1 and 2 (tablet 3 went to a Neighbourhood officer, tablet 4 before the phase);
    # tablet 1 is now replaced, so only tablet 2 is still issued; the spare is a replacement
    assert (home.expected, home.issued, home.still_issued, home.replacements) == (2, 2, 1, 1)
    assert home.issued_cost_pence == 3 * 39900  # tablets 1 and 2 and the spare
    assert (home.share, home.status) == (0.5, rollout.ON_PLAN)

    team = progress["Team B neighbourhood"]  # any station, Response Team B, Neighbourhood
    assert (team.expected, team.issued, team.still_issued, team.status) == (
        1, 1, 1, rollout.ON_PLAN,
    )  # fmt: skip

    elsewhere = progress["Fulham response"]
    assert (elsewhere.expected, elsewhere.issued, elsewhere.status) == (2, 0, rollout.BEHIND)

    future = progress["Next year"]
    assert (future.expected, future.issued, future.status) == (0, 0, rollout.NOT_STARTED)

    done = progress["Pilot"]  # tablet 4, issued three days before the first phase
    assert (done.expected, done.issued, done.status) == (2, 1, rollout.BEHIND)


def test_progress_of_the_whole_plan_takes_one_query(register, django_assert_num_queries):
    phases = list(register.values())
    with django_assert_num_queries(1):
        rollout.rollout_progress(phases=phases)


def test_a_phase_is_complete_when_its_devices_are_all_issued(register, team_mate):
    phase = register["team"]
    # Scope the phase to Team A and make the team-mate (tablet 2, day 3) a Neighbourhood officer
    neighbourhood = KitProfile.objects.get(role="Neighbourhood")
    fleet.officer_kit_profile_set(officer=team_mate, profile=neighbourhood, actor=None)
    phase.team = "Response Team A"
    (progress,) = rollout.rollout_progress(phases=[phase])
    assert (progress.issued, progress.status) == (1, rollout.ON_PLAN)
    phase.devices_planned = 1
    (progress,) = rollout.rollout_progress(phases=[phase])
    assert progress.status == rollout.COMPLETE
