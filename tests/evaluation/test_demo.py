"""The pilot programme loads: its ledger reproduces the Met pilot's figures exactly, its usage
comes from records made through the notebook service, and every role gets a recommendation."""

from decimal import Decimal

import pytest

from frontline import demo as scenario
from frontline.accounts import roles
from frontline.accounts.models import Station, Team
from frontline.accounts.services import officer_create
from frontline.evaluation import demo, greenbook, report, selectors
from frontline.notebook.models import NotebookEntry


@pytest.fixture
def pilot(db):
    stations = {
        code: Station.objects.create(
            code=code, name=code, latitude=Decimal(lat), longitude=Decimal(lon)
        )
        for code, _, _, lat, lon in scenario.STATIONS
    }
    team = Team.objects.create(station=stations["HS"], name="Response Team A")
    officers = {
        collar: officer_create(
            collar_number=collar,
            given_name="Demo",
            family_name=collar,
            password=demo.DEMO_PASSWORD,
            officer_roles=[roles.OFFICER],
            station=stations["HS"],
            team=team,
        )
        for collar in demo.PILOT_OFFICERS
    }
    officers["ST4002"] = officer_create(
        collar_number="ST4002",
        given_name="Nadia",
        family_name="Ali",
        password=demo.DEMO_PASSWORD,
        officer_roles=[roles.EVALUATOR],
        station=stations["HS"],
    )
    demo.demo_load(officers=officers, stations=stations, teams={})
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


def _each_role_gets_a_recommendation_from_a_full_shortlist(pilot):
    result = report.programme_report(pilot)
    assert [role.role for role in result.roles] == ["CID", "Neighbourhood", "Response"]
    for role in result.roles:
        kinds = sorted(o.option.kind for o in role.options)
        assert kinds == ["bau", "do_minimum", "hardware", "hardware", "hardware", "hardware"]
        assert role.recommended is not None and role.reasons and not role.problems
        assert len(role.weights) == 7 and sum(role.weights.values()) == 1
        assert all(o.score is not None for o in role.options if o.option.kind == "hardware")
    # A rugged tablet's first year: 320 x (£1,450 + £250) = £544,000 of kit before uplift
    response = next(r for r in result.roles if r.role == "Response")
    rugged = next(o for o in response.options if o.option.name == "Rugged tablet")
    assert greenbook.pence(rugged.flows.capital[0]) == 54_400_000


def _rollout_plan_reaches_fifteen_thousand_devices(pilot):
    phases = selectors.rollout_phases(programme=pilot)
    assert sum(phase.devices_planned for phase in phases) == 15_000
    progress = report.programme_report(pilot).phases
    assert progress[0].devices_live == len(demo.PILOT_OFFICERS)  # the pilot handsets in use
