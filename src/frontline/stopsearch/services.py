"""Recording a stop and search. Records are only ever created; a correction is a new record
that names the one it corrects in `supersedes`."""

from dataclasses import dataclass
from datetime import UTC, date, datetime

from django.db import IntegrityError, transaction

from frontline.audit.services import audit_record
from frontline.common.clock import is_far_future, now
from frontline.common.errors import Conflict, InvalidInput, NotFound, PermissionDenied
from frontline.common.text import has_control_characters
from frontline.stopsearch import access, vocab
from frontline.stopsearch.models import StopSearch
from frontline.stopsearch.urn import RECEIPT_TOKEN_PATTERN, urn_problem
from frontline.sync.feed import change_record

SYNC_TYPE = "stopsearch.record"
EARLIEST = datetime(2000, 1, 1, tzinfo=UTC)
EARLIEST_BIRTH = date(1900, 1, 1)
GROUNDS_MIN = 10
# Self-defined code's first letter -> the officer-defined group it belongs to.
BROAD_GROUP = {"W": "White", "M": "Mixed", "A": "Asian", "B": "Black", "O": "Other"}
TEXT_FIELDS = [
    "street_name",
    "operation_name",
    "grounds",
    "authorisation_reference",
    "person_name",
    "person_address",
]
# The stored fields a record is made of, as the app sends them (besides id and supersedes).
FIELDS = [
    "urn",
    "receipt_token",
    "type",
    "occurred_at",
    "latitude",
    "longitude",
    "street_name",
    "operation",
    "operation_name",
    "gender",
    "age_range",
    "self_defined_ethnicity",
    "officer_defined_ethnicity",
    "legislation",
    "object_of_search",
    "grounds",
    "authorisation_reference",
    "officer_name_withheld",
    "vehicle_registration",
    "outcome",
    "outcome_linked_to_object_of_search",
    "removal_of_more_than_outer_clothing",
    "person_name",
    "person_address",
    "person_date_of_birth",
]
# Optional choices and texts arrive as None or ""; they are stored as "".
BLANKABLE = {
    "gender",
    "age_range",
    "self_defined_ethnicity",
    "officer_defined_ethnicity",
    *TEXT_FIELDS,
}


@dataclass(frozen=True)
class StopSearchResult:
    record: StopSearch
    created: bool  # False when the same record had already been received


def stop_search_record(
    *, officer, record_id, details: dict, device=None, app_version: str = ""
) -> StopSearchResult:
    """An officer records a search they made. Idempotent by record id."""
    if not access.stop_search_can_record(officer):
        raise PermissionDenied("not_an_officer", "only officers record stops and searches")
    values = _clean(details)
    station = officer.station
    _validate(values, station_code=station.code if station else None, device=device)
    supersedes_id = details.get("supersedes")
    with transaction.atomic():
        if supersedes_id is not None:
            _check_supersedes(officer, supersedes_id)
        try:
            with transaction.atomic():
                record = StopSearch.objects.create(
                    id=record_id,
                    officer=officer,
                    station=station,
                    team_id=officer.team_id,
                    recorded_at=now(),
                    supersedes_id=supersedes_id,
                    device=device,
                    app_version=app_version[:40],
                    **values,
                )
        except IntegrityError:
            existing = StopSearch.objects.filter(pk=record_id).first()
            if existing is not None:
                if _same(existing, officer, values, supersedes_id):
                    return StopSearchResult(record=existing, created=False)
                raise Conflict(
                    "id_reused",
                    "a record with this id already exists with other content",
                    field="id",
                ) from None
            for name in ("urn", "receipt_token"):
                if StopSearch.objects.filter(**{name: values[name]}).exists():
                    raise Conflict(
                        f"{name}_taken", f"another record already has this {name}", field=name
                    ) from None
            raise
        change_record(
            type=SYNC_TYPE, record_id=record_id, owner_id=officer.pk, team_id=officer.team_id
        )
        audit_record(
            action="stopsearch.record",
            object_type=SYNC_TYPE,
            object_id=record_id,
            actor=officer,
            device=device,
            detail={"urn": record.urn},
        )
    return StopSearchResult(record=record, created=True)


def _clean(details: dict) -> dict:
    values = {name: details.get(name) for name in FIELDS}
    for name in BLANKABLE:
        values[name] = (values[name] or "").strip()
    registration = (values["vehicle_registration"] or "").replace(" ", "").upper()
    values["vehicle_registration"] = registration
    values["operation"] = bool(values["operation"])
    values["officer_name_withheld"] = bool(values["officer_name_withheld"])
    return values


def _validate(values: dict, *, station_code, device) -> None:
    problem = urn_problem(
        values["urn"], station_code=station_code, device_id=device.pk if device else None
    )
    if problem:
        raise InvalidInput("invalid_urn", problem, field="urn")
    if not RECEIPT_TOKEN_PATTERN.match(values["receipt_token"]):
        raise InvalidInput(
            "invalid_token",
            "the receipt token must be 22 to 64 letters, digits, - or _",
            field="receipt_token",
        )
    _validate_time(values["occurred_at"])
    for name in TEXT_FIELDS:
        if has_control_characters(values[name]):
            raise InvalidInput("control_characters", "contains control characters", field=name)
    if not values["street_name"]:
        raise InvalidInput("required", "say where the search took place", field="street_name")
    if (values["latitude"] is None) != (values["longitude"] is None):
        missing = "latitude" if values["latitude"] is None else "longitude"
        raise InvalidInput(
            "required", "give both latitude and longitude, or neither", field=missing
        )
    _validate_operation(values)
    _validate_person(values)
    _validate_power(values)
    _validate_vehicle(values)
    _validate_outcome(values)


def _validate_time(occurred_at) -> None:
    if occurred_at.tzinfo is None:
        raise InvalidInput(
            "timezone_required", "the time must include a UTC offset", field="occurred_at"
        )
    if is_far_future(occurred_at):
        raise InvalidInput(
            "in_future", "the time is in the future: check the device clock", field="occurred_at"
        )
    if occurred_at < EARLIEST:
        raise InvalidInput("too_early", "the time is before the year 2000", field="occurred_at")


def _validate_operation(values) -> None:
    if values["operation"] and not values["operation_name"]:
        raise InvalidInput(
            "required", "name the operation the search was part of", field="operation_name"
        )
    if not values["operation"] and values["operation_name"]:
        raise InvalidInput(
            "not_allowed", "an operation name needs operation set to true", field="operation_name"
        )


def _validate_person(values) -> None:
    person = values["type"] in vocab.PERSON_TYPES
    if person and not values["self_defined_ethnicity"]:
        raise InvalidInput(
            "required",
            "ask the person's self-defined ethnicity; record NS if they do not say",
            field="self_defined_ethnicity",
        )
    code, officer_view = values["self_defined_ethnicity"], values["officer_defined_ethnicity"]
    if code and officer_view and BROAD_GROUP.get(code[0]) == officer_view:
        raise InvalidInput(
            "same_as_self_defined",
            "record the officer's view only when it differs from the person's",
            field="officer_defined_ethnicity",
        )
    if not person and values["removal_of_more_than_outer_clothing"] is not None:
        raise InvalidInput(
            "not_allowed",
            "clothing is only removed in a search of a person",
            field="removal_of_more_than_outer_clothing",
        )
    birth = values["person_date_of_birth"]
    if birth is not None and not EARLIEST_BIRTH <= birth <= values["occurred_at"].date():
        raise InvalidInput(
            "invalid_date",
            "the date of birth must be after 1900 and before the search",
            field="person_date_of_birth",
        )


def _validate_power(values) -> None:
    if values["legislation"] in vocab.NO_SUSPICION_POWERS:
        if not values["authorisation_reference"]:
            raise InvalidInput(
                "required",
                "a search without suspicion needs the authorisation's reference",
                field="authorisation_reference",
            )
        return
    if len(values["grounds"]) < GROUNDS_MIN:
        raise InvalidInput(
            "required",
            f"give the grounds for suspicion, in at least {GROUNDS_MIN} characters",
            field="grounds",
        )
    if values["authorisation_reference"]:
        raise InvalidInput(
            "not_allowed",
            "an authorisation reference is only for no-suspicion powers",
            field="authorisation_reference",
        )


def _validate_vehicle(values) -> None:
    registration = values["vehicle_registration"]
    if values["type"] in vocab.VEHICLE_TYPES:
        if not registration:
            raise InvalidInput(
                "required", "a vehicle search needs the registration", field="vehicle_registration"
            )
        if not registration.isalnum() or not 2 <= len(registration) <= 8:
            raise InvalidInput(
                "invalid",
                "a registration is 2 to 8 letters and digits",
                field="vehicle_registration",
            )
    elif registration:
        raise InvalidInput(
            "not_allowed",
            "a person search has no vehicle registration",
            field="vehicle_registration",
        )


def _validate_outcome(values) -> None:
    linked = values["outcome_linked_to_object_of_search"]
    if values["outcome"] == vocab.NO_FURTHER_ACTION:
        if linked:
            raise InvalidInput(
                "not_allowed",
                "no further action cannot be linked to the object of the search",
                field="outcome_linked_to_object_of_search",
            )
    elif linked is None:
        raise InvalidInput(
            "required",
            "say whether the outcome was linked to the object of the search",
            field="outcome_linked_to_object_of_search",
        )


def _check_supersedes(officer, supersedes_id) -> None:
    owner_id = (
        StopSearch.objects.filter(pk=supersedes_id).values_list("officer_id", flat=True).first()
    )
    if owner_id is None:
        raise NotFound("not_found", "the record to correct does not exist", field="supersedes")
    if owner_id != officer.pk:
        raise InvalidInput(
            "not_own_record", "an officer may only correct their own records", field="supersedes"
        )


def _same(existing, officer, values, supersedes_id) -> bool:
    if existing.officer_id != officer.pk or existing.supersedes_id != supersedes_id:
        return False
    return all(getattr(existing, name) == value for name, value in values.items())
