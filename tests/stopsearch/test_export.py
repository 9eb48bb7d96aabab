"""The monthly export, field by field against the data.police.uk names and value lists."""

import csv
import io
import json
from datetime import UTC, datetime

import pytest

from frontline.cli import main
from frontline.stopsearch import vocab
from tests.stopsearch.helpers import URL, record

DOCUMENTED_FIELDS = [
    "type", "involved_person", "datetime", "operation", "operation_name", "location", "gender",
    "age_range", "self_defined_ethnicity", "officer_defined_ethnicity", "legislation",
    "object_of_search", "outcome", "outcome_object", "outcome_linked_to_object_of_search",
    "removal_of_more_than_outer_clothing",
]  # fmt: skip
EXPECTED = [
    {
        "type": "Person search",
        "involved_person": True,
        "datetime": "2026-03-10T14:05:00+00:00",
        "operation": False,
        "operation_name": None,
        "location": {
            "latitude": "51.492700",
            "longitude": "-0.229700",
            "street": {"id": None, "name": "King Street"},
        },
        "gender": "Male",
        "age_range": "18-24",
        "self_defined_ethnicity": "Asian/Asian British - Indian",
        "officer_defined_ethnicity": None,
        "legislation": "Misuse of Drugs Act 1971 (section 23)",
        "object_of_search": "Controlled drugs",
        "outcome": "A no further action disposal",
        "outcome_object": {"id": "bu-no-further-action", "name": "A no further action disposal"},
        "outcome_linked_to_object_of_search": None,
        "removal_of_more_than_outer_clothing": None,
    },
    {
        "type": "Vehicle search",
        "involved_person": False,
        "datetime": "2026-03-20T09:00:00+00:00",
        "operation": False,
        "operation_name": None,
        "location": {
            "latitude": None,
            "longitude": None,
            "street": {"id": None, "name": "Lillie Road"},
        },
        "gender": None,
        "age_range": None,
        "self_defined_ethnicity": None,
        "officer_defined_ethnicity": None,
        "legislation": "Police and Criminal Evidence Act 1984 (section 1)",
        "object_of_search": "Stolen goods",
        "outcome": "Arrest",
        "outcome_object": {"id": "bu-arrest", "name": "Arrest"},
        "outcome_linked_to_object_of_search": True,
        "removal_of_more_than_outer_clothing": None,
    },
    {
        "type": "Person and Vehicle search",
        "involved_person": True,
        "datetime": "2026-03-31T22:30:00+00:00",
        "operation": True,
        "operation_name": "Operation Tarlton",
        "location": {
            "latitude": "51.480200",
            "longitude": "-0.195300",
            "street": {"id": None, "name": "Fulham Broadway"},
        },
        "gender": "Female",
        "age_range": "over 34",
        "self_defined_ethnicity": "Other ethnic group - Not stated",
        "officer_defined_ethnicity": "Black",
        "legislation": "Criminal Justice and Public Order Act 1994 (section 60)",
        "object_of_search": "Offensive weapons",
        "outcome": "Community resolution",
        "outcome_object": {"id": "bu-community-resolution", "name": "Community resolution"},
        "outcome_linked_to_object_of_search": False,
        "removal_of_more_than_outer_clothing": True,
    },
]


@pytest.fixture
def march(officer):
    """Three searches in March 2026 (London time), and two just outside it."""
    record(
        officer,
        occurred_at=datetime(2026, 3, 10, 14, 5, tzinfo=UTC),
        person_name="Jo Bloggs",
        person_address="12 Rivercourt Road",
        person_date_of_birth="2001-02-03",
    )
    record(
        officer,
        occurred_at=datetime(2026, 3, 20, 9, 0, tzinfo=UTC),
        type="Vehicle search",
        latitude=None,
        longitude=None,
        street_name="Lillie Road",
        gender=None,
        age_range=None,
        self_defined_ethnicity=None,
        vehicle_registration="AB12CDE",
        legislation="Police and Criminal Evidence Act 1984 (section 1)",
        object_of_search="Stolen goods",
        grounds="Matches the description of a car used in a burglary.",
        outcome="Arrest",
        outcome_linked_to_object_of_search=True,
    )
    # 23:30 in London on 31 March (BST): still March
    record(
        officer,
        occurred_at=datetime(2026, 3, 31, 22, 30, tzinfo=UTC),
        type="Person and Vehicle search",
        latitude="51.480200",
        longitude="-0.195300",
        street_name="Fulham Broadway",
        operation=True,
        operation_name="Operation Tarlton",
        gender="Female",
        age_range="over 34",
        self_defined_ethnicity="NS",
        officer_defined_ethnicity="Black",
        legislation="Criminal Justice and Public Order Act 1994 (section 60)",
        object_of_search="Offensive weapons",
        grounds="",
        authorisation_reference="S60/HF/2026/014",
        vehicle_registration="LB07XYZ",
        outcome="Community resolution",
        outcome_linked_to_object_of_search=False,
        removal_of_more_than_outer_clothing=True,
    )
    # 00:30 on 1 April in London, and 23:30 on 28 February: outside March
    record(officer, occurred_at=datetime(2026, 3, 31, 23, 30, tzinfo=UTC))
    record(officer, occurred_at=datetime(2026, 2, 28, 23, 30, tzinfo=UTC))


def _csv_expected(row: dict) -> dict:
    def text(value):
        return (
            ""
            if value is None
            else ("true" if value is True else "false" if value is False else value)
        )

    flat = {}
    for name, value in row.items():
        if name == "location":
            flat["location.latitude"] = text(value["latitude"])
            flat["location.longitude"] = text(value["longitude"])
            flat["location.street.id"] = text(value["street"]["id"])
            flat["location.street.name"] = text(value["street"]["name"])
        elif name == "outcome_object":
            flat["outcome_object.id"] = text(value["id"])
            flat["outcome_object.name"] = text(value["name"])
        else:
            flat[name] = text(value)
    return flat


def test_the_json_export_is_the_months_records_in_the_data_police_uk_shape(
    api_factory, evaluator, march
):
    response = api_factory(evaluator).get(f"{URL}/export", {"month": "2026-03", "format": "json"})

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response["Content-Disposition"] == 'attachment; filename="stop-and-search-2026-03.json"'
    rows = json.loads(response.content)
    assert [list(row) for row in rows] == [DOCUMENTED_FIELDS] * 3
    assert rows == EXPECTED


def test_the_csv_export_flattens_the_same_rows_with_empty_nulls(api_factory, auditor, march):
    response = api_factory(auditor).get(f"{URL}/export", {"month": "2026-03", "format": "csv"})

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert rows == [_csv_expected(row) for row in EXPECTED]


def test_exported_values_come_from_the_documented_lists(api_factory, admin_officer, march):
    rows = json.loads(api_factory(admin_officer).get(f"{URL}/export", {"month": "2026-03"}).content)

    for row in rows:
        assert row["type"] in vocab.SEARCH_TYPES
        assert row["gender"] in [*vocab.GENDERS, None]
        assert row["age_range"] in [*vocab.AGE_RANGES, None]
        assert row["self_defined_ethnicity"] in [*vocab.SELF_DEFINED_ETHNICITY.values(), None]
        assert row["officer_defined_ethnicity"] in [*vocab.OFFICER_DEFINED_ETHNICITIES, None]
        assert row["legislation"] in vocab.LEGISLATION
        assert row["object_of_search"] in vocab.OBJECTS_OF_SEARCH
        assert row["outcome"] in vocab.OUTCOMES
        assert datetime.fromisoformat(row["datetime"]).utcoffset() is not None


def test_the_export_never_carries_the_persons_details(api_factory, auditor, march):
    api = api_factory(auditor)
    for format in ("json", "csv"):
        text = api.get(f"{URL}/export", {"month": "2026-03", "format": format}).content.decode()
        for value in ("Jo Bloggs", "Rivercourt", "2001-02-03", "AB12CDE", "S60/HF", "smell"):
            assert value not in text


def test_all_nineteen_ethnicity_codes_have_their_published_text():
    assert list(vocab.SELF_DEFINED_ETHNICITY) == [
        "W1", "W2", "W3", "W9", "M1", "M2", "M3", "M9", "A1", "A2", "A3", "A4", "A9",
        "B1", "B2", "B9", "O2", "O9", "NS",
    ]  # fmt: skip
    assert vocab.SELF_DEFINED_ETHNICITY["A1"] == "Asian/Asian British - Indian"
    assert vocab.SELF_DEFINED_ETHNICITY["NS"] == "Other ethnic group - Not stated"


@pytest.mark.parametrize("caller", ["officer", "supervisor", "fleet_manager"])
def test_only_auditors_evaluators_and_admins_export(request, api_factory, caller, march):
    response = api_factory(request.getfixturevalue(caller)).get(
        f"{URL}/export", {"month": "2026-03"}
    )

    assert response.status_code == 403


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({"month": "2026-13"}, "month"),
        ({"month": "March"}, "month"),
        ({}, "month"),
        ({"month": "2026-03", "format": "xml"}, "format"),
    ],
)
def test_a_bad_export_request_names_the_field(api_factory, auditor, query, field):
    response = api_factory(auditor).get(f"{URL}/export", query)

    assert (response.status_code, response.json()["field"]) == (422, field)


def test_the_command_line_writes_the_same_export(capsys, march):
    assert main(["export", "stop-search", "--month", "2026-03", "--format", "csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert rows == [_csv_expected(row) for row in EXPECTED]

    assert main(["export", "stop-search", "--month", "2026-03"]) == 0
    assert json.loads(capsys.readouterr().out) == EXPECTED


def test_the_command_line_refuses_a_bad_month_with_exit_2(capsys, db):
    assert main(["export", "stop-search", "--month", "2026-3"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "YYYY-MM" in captured.err


def test_the_command_line_writes_to_a_file(tmp_path, capsys, march):
    target = tmp_path / "march.json"

    assert main(["export", "stop-search", "--month", "2026-03", "--output", str(target)]) == 0

    assert json.loads(target.read_text()) == EXPECTED
