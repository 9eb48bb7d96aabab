"""Every rule of the record: a per-field error, and nothing written."""

from datetime import timedelta

import pytest

from frontline.audit.models import AuditEvent
from frontline.common.clock import now
from frontline.stopsearch.models import StopSearch
from frontline.sync.models import Change
from tests.stopsearch.helpers import URL, api_body

S60 = "Criminal Justice and Public Order Act 1994 (section 60)"
VEHICLE = {"type": "Vehicle search", "vehicle_registration": "AB12CDE"}

# (what is wrong, fields to send, the field the error names)
BROKEN = [
    ("unknown type", {"type": "Dog search"}, "type"),
    (
        "time in the future",
        {"occurred_at": (now() + timedelta(hours=1)).isoformat()},
        "occurred_at",
    ),
    ("time without offset", {"occurred_at": "2026-01-01T10:00:00"}, "occurred_at"),
    ("time before 2000", {"occurred_at": "1999-12-31T10:00:00+00:00"}, "occurred_at"),
    ("no street", {"street_name": ""}, "street_name"),
    ("blank street", {"street_name": "   "}, "street_name"),
    ("latitude without longitude", {"longitude": None}, "longitude"),
    ("longitude without latitude", {"latitude": None}, "latitude"),
    ("latitude off the globe", {"latitude": "91"}, "latitude"),
    ("unknown gender", {"gender": "M"}, "gender"),
    ("unknown age range", {"age_range": "18-25"}, "age_range"),
    ("person search without ethnicity", {"self_defined_ethnicity": None}, "self_defined_ethnicity"),
    ("unknown ethnicity code", {"self_defined_ethnicity": "X1"}, "self_defined_ethnicity"),
    ("unknown officer view", {"officer_defined_ethnicity": "Pink"}, "officer_defined_ethnicity"),
    (
        "officer view the same as the person's",
        {"self_defined_ethnicity": "A1", "officer_defined_ethnicity": "Asian"},
        "officer_defined_ethnicity",
    ),
    ("unknown legislation", {"legislation": "Theft Act 1968"}, "legislation"),
    ("unknown object", {"object_of_search": "Sweets"}, "object_of_search"),
    ("no grounds", {"grounds": ""}, "grounds"),
    ("grounds too thin", {"grounds": "smell"}, "grounds"),
    ("grounds with control characters", {"grounds": "Smell of\x00 cannabis noted"}, "grounds"),
    ("no-suspicion power without authorisation", {"legislation": S60}, "authorisation_reference"),
    (
        "authorisation for a suspicion power",
        {"authorisation_reference": "S60/1"},
        "authorisation_reference",
    ),
    (
        "vehicle search without registration",
        {"type": "Vehicle search", "self_defined_ethnicity": None},
        "vehicle_registration",
    ),
    (
        "registration with symbols",
        {**VEHICLE, "vehicle_registration": "AB1?"},
        "vehicle_registration",
    ),
    (
        "registration on a person search",
        {"vehicle_registration": "AB12CDE"},
        "vehicle_registration",
    ),
    (
        "clothing removed in a vehicle search",
        {**VEHICLE, "removal_of_more_than_outer_clothing": False},
        "removal_of_more_than_outer_clothing",
    ),
    ("operation without a name", {"operation": True}, "operation_name"),
    ("operation name without an operation", {"operation_name": "Op Tarlton"}, "operation_name"),
    ("unknown outcome", {"outcome": "Fine"}, "outcome"),
    (
        "arrest without saying if linked",
        {"outcome": "Arrest"},
        "outcome_linked_to_object_of_search",
    ),
    (
        "no further action linked",
        {"outcome_linked_to_object_of_search": True},
        "outcome_linked_to_object_of_search",
    ),
    ("born after the search", {"person_date_of_birth": "2099-01-01"}, "person_date_of_birth"),
    ("born before 1900", {"person_date_of_birth": "1899-12-31"}, "person_date_of_birth"),
    ("malformed reference number", {"urn": "HS-12"}, "urn"),
    ("reference number of another station", {"urn": "FF-{device}-1"}, "urn"),
    ("reference number of another device", {"urn": "HS-000000-1"}, "urn"),
    ("short receipt token", {"receipt_token": "abc"}, "receipt_token"),
    ("receipt token with symbols", {"receipt_token": "a" * 21 + "!"}, "receipt_token"),
    ("an unknown field", {"colour": "red"}, "colour"),
]


def _state():
    return StopSearch.objects.count(), AuditEvent.objects.count(), Change.objects.count()


@pytest.mark.parametrize(
    ("problem", "fields", "field"), [pytest.param(*b, id=b[0]) for b in BROKEN]
)
def test_a_broken_rule_names_its_field_and_writes_nothing(
    api_factory, officer, problem, fields, field
):
    # Given an officer's device and a record with one thing wrong
    api = api_factory(officer)
    device_part = api.device.pk.hex[:6].upper()
    fields = {
        name: value.format(device=device_part)
        if isinstance(value, str) and name == "urn"
        else value
        for name, value in fields.items()
    }
    before = _state()

    # When it is sent
    response = api.post(URL, api_body(api.device, **fields))

    # Then it is refused, naming the field, and nothing is written
    assert response.status_code == 422, response.content
    assert response.json()["field"] == field
    assert _state() == before


@pytest.mark.parametrize(
    "fields",
    [
        pytest.param(
            {"legislation": S60, "grounds": "", "authorisation_reference": "S60/HF/14"},
            id="s60 with authorisation",
        ),
        pytest.param(
            {**VEHICLE, "self_defined_ethnicity": None, "gender": None, "age_range": None},
            id="unattended vehicle",
        ),
        pytest.param({"self_defined_ethnicity": "NS"}, id="ethnicity not stated"),
        pytest.param(
            {"self_defined_ethnicity": "W1", "officer_defined_ethnicity": "Mixed"},
            id="officer view differs",
        ),
        pytest.param(
            {"outcome": "Arrest", "outcome_linked_to_object_of_search": True}, id="arrest linked"
        ),
        pytest.param({"latitude": None, "longitude": None}, id="no coordinates"),
        pytest.param({"operation": True, "operation_name": "Operation Tarlton"}, id="operation"),
        pytest.param(
            {"type": "Person and Vehicle search", "vehicle_registration": "ab12 cde"}, id="both"
        ),
        pytest.param(
            {
                "person_name": "Jo Bloggs",
                "person_address": "1 King Street",
                "person_date_of_birth": "2001-02-03",
            },
            id="person details given",
        ),
    ],
)
def test_a_valid_variant_is_recorded(api_factory, officer, fields):
    api = api_factory(officer)

    response = api.post(URL, api_body(api.device, **fields))

    assert response.status_code == 201, response.content
    assert StopSearch.objects.count() == 1


def test_registration_is_stored_without_spaces_in_capitals(api_factory, officer):
    api = api_factory(officer)

    body = api_body(api.device, type="Person and Vehicle search", vehicle_registration="ab12 cde")
    response = api.post(URL, body)

    assert response.json()["vehicle_registration"] == "AB12CDE"


def test_name_address_and_birth_date_are_optional_in_the_schema():
    from frontline.api import api

    schema = api.get_openapi_schema()["components"]["schemas"]["StopSearchIn"]
    for name in ("person_name", "person_address", "person_date_of_birth"):
        assert name not in schema["required"]
        assert "optional" in schema["properties"][name]["description"]
