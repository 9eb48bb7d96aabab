"""The demo fleet: the H&F pilot register (641 iPads issued July 2014 - March 2015, 12 replaced)
and a current fleet of other models with check-ins and a lost handset that confirmed its wipe."""

from datetime import date

from frontline.accounts import roles
from frontline.accounts.models import Station, Team
from frontline.accounts.services import officer_create
from frontline.devices import demo, selectors, stats
from frontline.devices.models import FleetDevice, LifecycleEvent, WipeConfirmation


def _scene():
    stations = {code: Station.objects.create(code=code, name=code) for code in ("HS", "FF", "SB")}
    teams = {
        "HS": Team.objects.create(station=stations["HS"], name="Response Team A"),
        "SB": Team.objects.create(station=stations["SB"], name="Roads Policing"),
    }
    officers = {}
    for collar in [*demo.NAMED, "ST4001"]:
        station = "SB" if collar in {"PC1010", "PC1011", "IN3001"} else "HS"
        officers[collar] = officer_create(
            collar_number=collar,
            given_name="Demo",
            family_name=collar,
            password=None,
            officer_roles=[roles.FLEET_MANAGER] if collar == "ST4001" else [roles.OFFICER],
            station=stations[station],
            team=None if collar == "ST4001" else teams[station],
        )
    return officers, stations


def test_the_pilot_register_loads_with_its_replacements(db):
    officers, stations = _scene()

    demo.demo_load(officers=officers, stations=stations, teams={})

    pilot = FleetDevice.objects.filter(asset_tag__startswith="HF-PILOT-")
    first_issues = LifecycleEvent.objects.filter(
        device__in=pilot, event="issued", reason__startswith="Pilot tablet"
    )
    days = sorted(event.at.date() for event in first_issues)
    assert first_issues.count() == 641
    assert days[0] == date(2014, 7, 1) and days[-1] == date(2015, 3, 31)
    replaced = pilot.filter(status="replaced")
    assert replaced.count() == 12
    for old in replaced.select_related("replaced_by"):
        holder = LifecycleEvent.objects.get(device=old, event="replaced").officer
        assert old.replaced_by.status == "issued" and old.replaced_by.assigned_officer == holder
    assert pilot.filter(status="issued").count() == 641
    assert FleetDevice.objects.exclude(asset_tag__startswith="HF-PILOT-").count() == 40


def test_the_pilot_period_dashboard_shows_the_replacement_rate(db):
    officers, stations = _scene()
    demo.demo_load(officers=officers, stations=stations, teams={})

    figures = stats.fleet_dashboard(start=date(2014, 7, 1), end=date(2015, 6, 30))

    assert figures.replacements == 12 and figures.failures == 12
    assert 300 < figures.device_years < 641
    assert figures.replacement_rate == round(100 * 12 / figures.device_years, 2)


def test_the_current_fleet_checks_in_and_its_lost_handset_confirmed_its_wipe(db):
    officers, stations = _scene()
    demo.demo_load(officers=officers, stations=stations, teams={})

    lost = FleetDevice.objects.get(status="lost")
    rows, total, _ = selectors.non_compliant_list()
    reasons = {row["asset_tag"]: row["reasons"] for row in rows}

    assert WipeConfirmation.objects.get().fleet_device == lost
    assert FleetDevice.objects.filter(last_contact_at__isnull=False).count() == 9
    assert reasons["HF-XC-0003"] == ["app_outdated"]
    assert "HF-XC-0001" not in reasons
    assert "os_unsupported" in reasons["HF-PILOT-0001"]
    assert total == len(rows)
