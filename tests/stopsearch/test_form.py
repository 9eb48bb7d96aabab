"""The form the officer app caches: value lists, rules and the receipt's words, for offline use."""

from typing import get_args

from django.db import connection
from django.test.utils import CaptureQueriesContext

from frontline.stopsearch import schemas
from frontline.stopsearch.receipt import receipt_data
from frontline.stopsearch.urn import urn_make, urn_problem
from tests.stopsearch.helpers import URL, record


def test_the_form_gives_the_station_code_that_starts_an_acceptable_urn(api_factory, officer):
    api = api_factory(officer)

    form = api.get(f"{URL}/form").json()

    code = form["station"]["code"]
    assert code == officer.station.code.upper()
    urn = urn_make(station_code=code, device_id=api.device.pk, seq=1)
    assert urn_problem(urn, station_code=officer.station.code, device_id=api.device.pk) is None


def test_the_form_names_the_officer_exactly_as_the_stored_receipt_does(api_factory, officer):
    form = api_factory(officer).get(f"{URL}/form").json()

    named = record(officer, station=officer.station.code)
    withheld = record(officer, station=officer.station.code, officer_name_withheld=True)
    assert form["officer_identity"] == receipt_data(named).officer
    assert form["officer_identity_withheld"] == receipt_data(withheld).officer


def test_the_form_offers_exactly_the_values_the_record_accepts(api_factory, officer):
    form = api_factory(officer).get(f"{URL}/form").json()

    assert form["types"] == list(get_args(schemas.SearchType))
    assert form["genders"] == list(get_args(schemas.Gender))
    assert form["age_ranges"] == list(get_args(schemas.AgeRange))
    assert [c["value"] for c in form["self_defined_ethnicities"]] == list(
        get_args(schemas.Ethnicity)
    )
    assert len(form["self_defined_ethnicities"]) == 19
    assert form["officer_defined_ethnicities"] == list(get_args(schemas.OfficerEthnicity))
    assert form["legislation"] == list(get_args(schemas.Legislation))
    assert form["objects_of_search"] == list(get_args(schemas.ObjectOfSearch))
    assert form["outcomes"] == list(get_args(schemas.Outcome))
    assert set(form["no_suspicion_powers"]) == {
        "Criminal Justice and Public Order Act 1994 (section 60)",
        "Terrorism Act 2000 (section 47A)",
    }
    assert "".join(item["letter"] for item in form["gowisely"]) == "GOWISELY"
    assert (form["record_request_months"], form["record_request_months_in_custody"]) == (3, 12)


def test_the_form_costs_one_query_more_than_authentication_alone(api_factory, officer):
    api = api_factory(officer)
    api.get(f"{URL}/gowisely")  # warm up anything cached per process
    with CaptureQueriesContext(connection) as bare:
        api.get(f"{URL}/gowisely")  # authentication and nothing else
    with CaptureQueriesContext(connection) as form:
        response = api.get(f"{URL}/form")

    assert response.status_code == 200
    assert len(form.captured_queries) <= len(bare.captured_queries) + 1
