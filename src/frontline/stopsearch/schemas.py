"""API shapes for stop and search. The sync payload is `StopSearchPayload` (module docstring of
frontline.stopsearch.sync); the API body adds the record id."""

from datetime import date, datetime
from decimal import Decimal
from typing import Literal
from uuid import UUID

from ninja import Schema
from pydantic import AwareDatetime, ConfigDict, Field

from frontline.stopsearch import vocab

SearchType = Literal["Person search", "Vehicle search", "Person and Vehicle search"]
Gender = Literal["Male", "Female", "Other"]
AgeRange = Literal["under 10", "10-17", "18-24", "25-34", "over 34"]
Ethnicity = Literal[
    "W1", "W2", "W3", "W9", "M1", "M2", "M3", "M9", "A1", "A2", "A3", "A4", "A9",
    "B1", "B2", "B9", "O2", "O9", "NS",
]  # fmt: skip
OfficerEthnicity = Literal["White", "Black", "Asian", "Other", "Mixed"]
Legislation = Literal[tuple(vocab.LEGISLATION)]
ObjectOfSearch = Literal[tuple(vocab.OBJECTS_OF_SEARCH)]
Outcome = Literal[tuple(vocab.OUTCOMES)]


class StopSearchPayload(Schema):
    """A stop and search as the app builds it, offline if need be."""

    model_config = ConfigDict(extra="forbid")

    urn: str = Field(max_length=24, description="made on the device: HS-3FA9C2-17")
    receipt_token: str = Field(
        min_length=22, max_length=64, description="random, URL-safe, made on the device"
    )
    type: SearchType
    occurred_at: AwareDatetime = Field(description="device clock, with UTC offset")
    latitude: Decimal | None = Field(None, ge=-90, le=90, max_digits=9, decimal_places=6)
    longitude: Decimal | None = Field(None, ge=-180, le=180, max_digits=9, decimal_places=6)
    street_name: str = Field(min_length=1, max_length=200)
    operation: bool = False
    operation_name: str = Field("", max_length=120)
    gender: Gender | None = None
    age_range: AgeRange | None = None
    self_defined_ethnicity: Ethnicity | None = Field(
        None, description="required when a person is searched; NS if they do not say"
    )
    officer_defined_ethnicity: OfficerEthnicity | None = Field(
        None, description="the officer's view, when it differs from the person's"
    )
    legislation: Legislation
    object_of_search: ObjectOfSearch
    grounds: str = Field("", max_length=2000, description="required except for no-suspicion powers")
    authorisation_reference: str = Field(
        "", max_length=60, description="required for no-suspicion powers (s60 CJPOA 1994...)"
    )
    officer_name_withheld: bool = Field(
        False, description="the receipt then shows the warrant number and station"
    )
    vehicle_registration: str = Field(
        "", max_length=10, description="required for vehicle searches"
    )
    outcome: Outcome
    outcome_linked_to_object_of_search: bool | None = None
    removal_of_more_than_outer_clothing: bool | None = None
    person_name: str = Field(
        "", max_length=120, description="optional: may be asked, never required"
    )
    person_address: str = Field(
        "", max_length=250, description="optional: may be asked, never required"
    )
    person_date_of_birth: date | None = Field(
        None, description="optional: may be asked, never required"
    )
    supersedes: UUID | None = Field(None, description="the record this one corrects")


class StopSearchIn(StopSearchPayload):
    id: UUID = Field(description="made on the device; sending the same record again is safe")


class StopSearchSummary(Schema):
    """A list row: no grounds, no person's details."""

    id: UUID
    urn: str
    officer_id: UUID
    type: str
    occurred_at: datetime
    street_name: str
    legislation: str
    object_of_search: str
    outcome: str
    self_defined_ethnicity: str


class StopSearchOut(StopSearchSummary):
    recorded_at: datetime
    officer_name_withheld: bool
    latitude: Decimal | None
    longitude: Decimal | None
    operation: bool
    operation_name: str
    gender: str
    age_range: str
    officer_defined_ethnicity: str
    grounds: str
    authorisation_reference: str
    vehicle_registration: str
    outcome_linked_to_object_of_search: bool | None
    removal_of_more_than_outer_clothing: bool | None
    person_name: str
    person_address: str
    person_date_of_birth: date | None
    supersedes: UUID | None = Field(None, alias="supersedes_id")
    app_version: str


class StopSearchPage(Schema):
    records: list[StopSearchSummary]
    more: bool = Field(description="older records remain: ask again with `before`")
    next_before: str | None


class Receipt(Schema):
    urn: str
    occurred_at: datetime
    officer: str = Field(description="name, or warrant number and station when withheld")
    legislation: str
    object_of_search: str
    receipt_url: str = Field(description="the public receipt page: give it as a link or QR code")
    qr_svg: str = Field(description="the receipt link as a QR code, inline SVG")
    how_to_request_record: str
    request_record_by: date = Field(description="3 months after the search, 12 if arrested")


class GowiselyItem(Schema):
    letter: str
    word: str
    prompt: str


class Choice(Schema):
    value: str
    label: str


class FormStation(Schema):
    code: str
    name: str


class StopSearchForm(Schema):
    """What the officer app caches to make a record and its receipt offline."""

    station: FormStation | None = Field(description="the officer's station; its code starts URNs")
    officer_identity: str = Field(description="as the receipt names the officer")
    officer_identity_withheld: str = Field(description="as the receipt names them if withheld")
    types: list[str]
    person_types: list[str]
    vehicle_types: list[str]
    genders: list[str]
    age_ranges: list[str]
    self_defined_ethnicities: list[Choice]
    officer_defined_ethnicities: list[str]
    legislation: list[str]
    no_suspicion_powers: list[str]
    objects_of_search: list[str]
    outcomes: list[str]
    no_further_action: str
    arrest: str
    grounds_min: int
    gowisely: list[GowiselyItem]
    how_to_request_record: str
    record_request_months: int
    record_request_months_in_custody: int
