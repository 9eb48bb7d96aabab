"""The pilot programme loads: its ledger reproduces the Met pilot's figures exactly, its usage
comes from records made through the notebook service, and every role gets a recommendation."""

from decimal import Decimal

import pytest

from frontline import demo as scenario
from frontline.accounts.models import DeviceSession, Station, Team
from frontline.accounts.services import officer_create
from frontline.devices import demo as fleet_demo
from frontline.devices.models import LifecycleEvent
from frontline.evaluation import demo, greenbook, report, rollout, selectors, usage
from frontline.notebook.models import NotebookEntry


@pytest.fixture
def pilot(db):
    """The demo's stations, teams and officers, the fleet demo (catalogue, pilot register, kit
    profiles), then the evaluation demo on top, as `frontline demo` loads them."""
    stations = {
        code: Station.objects.create(
            code=code, name=code, latitude=Decimal(lat), longitude=Decimal(lon)
        )
        for code, _, _, lat, lon in scenario.STATIONS
    }
    teams = {
        (code, name): Team.objects.create(station=stations[code], name=name)
        for code, name in scenario.TEAMS
    }
    officers = {
        collar: officer_create(
            collar_number=collar,
            given_name=given,
            family_name=family,
            password=demo.DEMO_PASSWORD,
            officer_roles=held,
            station=stations[code],
            team=teams[code, team],
            rank=rank,
        )
        for collar, given, family, rank, held, code, team in scenario.OFFICERS
    }
    fleet_demo.demo_load(officers=officers, stations=stations, teams=teams)
    demo.demo_load(officers=officers, stations=stations, teams=teams)
    return selectors.programme_get(slug=demo.SLUG)


def test_the_demo_uses_the_demo_scenarios_password():
    assert demo.DEMO_PASSWORD == scenario.DEMO_PASSWORD


def test_the_pilot_demo_loads_with_its_ledger_usage_shortlists_and_plan(pilot):
    # (one test: loading the demo takes seconds, so each part below checks the same load)
    _ledger_reproduces_the_pilots_six_million_pounds(pilot)
    _usage_is_measured_from_notebook_entries_made_on_pilot_devices(pilot)
    _each_role_gets_a_recommendation_from_a_full_shortlist(pilot)
    _rollout_plan_reaches_fifteen_thousand_devices(pilot)


def _ledger_reproduces_the_pilots_six_million_pounds(pilot):
    totals = selectors.ledger_totals(programme=pilot)
    assert totals.by_category == [
        ("Hardware", 120_000_000),
        ("Software development", 410_000_000),
        ("Business and management", 60_000_000),
        ("Licences", 10_000_000),
    ]
    assert totals.total == 600_000_000  # £6.0m
    # £6,000,000 / 641 = £9,360.374...: whole pence, half up, is £9,360.37 (shown as £9,360)
    assert totals.per_device == 936_037
    assert round(totals.per_device / 100) == 9360
    assert (pilot.devices_issued, pilot.devices_replaced) == (641, 12)


def _usage_is_measured_from_notebook_entries_made_on_pilot_devices(pilot):
    result = report.programme_report(pilot)
    on_devices = NotebookEntry.objects.filter(device__isnull=False).count()
    assert on_devices > 100
    assert result.usage.records_by_type["notebook entry"] == NotebookEntry.objects.count()
    assert result.usage.devices_seen == len(demo.PILOT_OFFICERS)
    # one officer in four mostly writes up at the station, so adoption is real, not 100%
    assert 0 < result.usage.devices_adopted < result.usage.devices_seen
    assert len(result.usage.active_devices_by_day) > 7
    # Every pilot shift is a sign-in session, and each counts once with all its entries, night
    # shifts that run past midnight too (as London days they would count twice)
    sessions = DeviceSession.objects.values_list("created_at", "ended_at")
    assert len(sessions) == len(demo.PILOT_OFFICERS) * demo.DAYS // 2
    assert any(usage.london_day(began) != usage.london_day(ended) for began, ended in sessions)
    assert result.usage.shifts == len(sessions)
    assert result.usage.per_shift_by_type == {"notebook entry": len(demo.SHIFT_TEXTS)}
    assert sum(part.shifts for part in result.usage.by_role.values()) == len(sessions)


def _each_role_gets_a_recommendation_from_a_full_shortlist(pilot):
    result = report.programme_report(pilot)
    assert [role.role for role in result.roles] == ["CID", "Neighbourhood", "Response"]
    for role in result.roles:
        kinds = sorted(o.option.kind for o in role.options)
        assert kinds == ["bau", "do_minimum", "hardware", "hardware", "hardware", "hardware"]
        assert role.recommended is not None and role.reasons and not role.problems
        assert len(role.weights) == 7 and sum(role.weights.values()) == 1
        assert all(o.score is not None for o in role.options if o.option.kind == "hardware")
    # A rugged tablet's first year: 320 x (£2,899 + £349), the catalogue's Toughbook G2, is
    # £1,039,360 of kit before the optimism-bias uplift
    response = next(r for r in result.roles if r.role == "Response")
    rugged = next(o for o in response.options if o.option.name == "Panasonic Toughbook G2")
    assert greenbook.pence(rugged.flows.capital[0]) == 103_936_000
    # The pilot iPads' failure rate is the register's: 12 replaced within their 3-year life
    ipad = next(o for o in response.options if o.option.name.startswith("Apple iPad Air 2"))
    assert 0 < ipad.option.failure_rate < Decimal("0.01")
    # Usage is broken down by the officers' kit-profile roles
    assert {"Response", "Neighbourhood", "Roads Policing"} <= set(result.usage.by_role)
    assert result.usage.by_role["Response"].records > 0


def _rollout_plan_reaches_fifteen_thousand_devices(pilot):
    phases = selectors.rollout_phases(programme=pilot)
    assert sum(phase.devices_planned for phase in phases) == 15_000
    progress = {p.phase.name: p for p in report.programme_report(pilot).phases}
    response = progress["Pilot: Hammersmith & Fulham response"]
    neighbourhood = progress["Pilot: Hammersmith & Fulham neighbourhood"]
    # Every pilot tablet was issued in the pilot's dates; the three Roads Policing officers'
    # tablets belong to neither phase
    first_issues = LifecycleEvent.objects.filter(
        event="issued", reason__startswith="Pilot tablet"
    ).count()
    assert first_issues == 641
    assert response.issued + neighbourhood.issued == 641 - 3
    assert response.replacements + neighbourhood.replacements <= 12
    # The West Area phase began four months ago: five Response officers have the current
    # handset, far short of the plan to date
    west = progress["West Area response"]
    assert west.issued == 5 and west.expected > 1000 and west.status == rollout.BEHIND
