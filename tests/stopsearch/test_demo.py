"""The demo month of searches loads, follows every rule, and gives the statistics page figures."""

from frontline.accounts import roles
from frontline.accounts.models import Officer, Station, Team
from frontline.accounts.services import officer_create
from frontline.stopsearch import demo, vocab
from frontline.stopsearch.models import StopSearch


def test_the_demo_month_loads_with_a_plausible_spread(db):
    # Given the H&F stations and the demo's searching officers
    stations = {code: Station.objects.create(code=code, name=code) for code in ("HS", "FF", "SB")}
    team = Team.objects.create(station=stations["HS"], name="Response Team A")
    officers = {
        collar: officer_create(
            collar_number=collar,
            given_name="Demo",
            family_name=collar,
            password="x-demo-password-1",
            officer_roles=[roles.OFFICER],
            station=stations["HS"],
            team=team,
        )
        for collar in demo.OFFICERS
    }

    # When the demo loads
    demo.demo_load(officers=officers, stations=stations, teams={})

    # Then there is a month of valid searches with several powers, outcomes and ethnicities
    records = StopSearch.objects.all()
    assert records.count() == demo.RECORDS
    assert len(set(records.values_list("legislation", flat=True))) >= 4
    assert len(set(records.values_list("outcome", flat=True))) >= 4
    assert len(set(records.values_list("self_defined_ethnicity", flat=True))) >= 10
    assert records.filter(outcome=vocab.ARREST).exists()
    assert records.filter(legislation=vocab.CJPOA_S60).exclude(authorisation_reference="").exists()
    assert Officer.objects.filter(stop_searches__isnull=False).distinct().count() >= 10
