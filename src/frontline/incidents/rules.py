"""Checks on a report's content that a schema cannot express. Each names the field it is about."""

import re
from datetime import UTC, date, datetime

from frontline.common.clock import is_far_future, london_today
from frontline.common.errors import InvalidInput
from frontline.common.text import has_control_characters
from frontline.incidents import vocab

EARLIEST = datetime(2000, 1, 1, tzinfo=UTC)
EARLIEST_BIRTH = date(1900, 1, 1)
REGISTRATION = re.compile(r"^[A-Z0-9]{1,8}$")


def report_content_check(content) -> dict:
    """Check a ReportContent and give back the dict to store: JSON-ready, registrations tidied."""
    if content.category not in vocab.CATEGORIES:
        raise InvalidInput(
            "unknown_category", "choose a category from the published list", field="category"
        )
    _check_time(content.occurred_from, "occurred_from")
    if content.occurred_to is not None:
        _check_time(content.occurred_to, "occurred_to")
        if content.occurred_to < content.occurred_from:
            raise InvalidInput(
                "before_start", "the end time is before the start time", field="occurred_to"
            )
    _check_text(content.address, "address")
    _check_text(content.narrative, "narrative")
    _check_point(content.latitude, content.longitude, "")
    seen: set = set()
    for index, person in enumerate(content.persons):
        _check_person(person, f"persons.{index}")
        _check_unique(person.id, seen, f"persons.{index}.id")
    for index, thing in enumerate(content.objects):
        _check_object(thing, f"objects.{index}")
        _check_unique(thing.id, seen, f"objects.{index}.id")
    for index, location in enumerate(content.locations):
        _check_text(location.address, f"locations.{index}.address", required=True)
        _check_text(location.description, f"locations.{index}.description")
        _check_point(location.latitude, location.longitude, f"locations.{index}.")
        _check_unique(location.id, seen, f"locations.{index}.id")
    links: set = set()
    for index, link in enumerate(content.links):
        _check_unique((link.type, link.id), links, f"links.{index}.id")
    stored = content.model_dump(mode="json")
    for thing in stored["objects"]:
        thing["registration"] = _registration(thing["registration"])
    return stored


def report_submission_check(content: dict) -> None:
    """A draft may be partial; a submitted report says where and what happened."""
    for name, label in (("address", "where it happened"), ("narrative", "what happened")):
        if not content.get(name, "").strip():
            raise InvalidInput("required", f"say {label} before submitting", field=name)


def review_comments_check(comments: str, *, required: bool) -> str:
    comments = comments.strip()
    if required and not comments:
        raise InvalidInput(
            "required", "say what the officer must change before resubmitting", field="comments"
        )
    if len(comments) > vocab.COMMENTS_MAX:
        raise InvalidInput(
            "too_long", f"comments may be at most {vocab.COMMENTS_MAX} characters", field="comments"
        )
    _check_text(comments, "comments")
    return comments


def _check_time(value: datetime, field: str) -> None:
    if value.tzinfo is None:
        raise InvalidInput("timezone_required", "the time must include a UTC offset", field=field)
    if is_far_future(value):
        raise InvalidInput("in_future", "the time is in the future", field=field)
    if value < EARLIEST:
        raise InvalidInput("too_early", "the time is before the year 2000", field=field)


def _check_text(value: str, field: str, *, required: bool = False) -> None:
    if required and not value.strip():
        raise InvalidInput("required", "this may not be blank", field=field)
    if has_control_characters(value):
        raise InvalidInput(
            "control_characters", "the text contains control characters", field=field
        )


def _check_point(latitude, longitude, prefix: str) -> None:
    if (latitude is None) != (longitude is None):
        missing = "longitude" if longitude is None else "latitude"
        raise InvalidInput(
            "incomplete_point",
            "give both latitude and longitude, or neither",
            field=prefix + missing,
        )


def _check_person(person, prefix: str) -> None:
    if len(set(person.roles)) != len(person.roles):
        raise InvalidInput("duplicate_role", "a role is listed twice", field=f"{prefix}.roles")
    _check_text(person.name, f"{prefix}.name")
    _check_text(person.description, f"{prefix}.description")
    if not person.name.strip() and not person.description.strip():
        raise InvalidInput(
            "required", "give the person's name or a description", field=f"{prefix}.name"
        )
    born = person.date_of_birth
    if born is not None and (born > london_today() or born < EARLIEST_BIRTH):
        raise InvalidInput(
            "implausible_date",
            "the date of birth is not plausible",
            field=f"{prefix}.date_of_birth",
        )


def _check_object(thing, prefix: str) -> None:
    for name in ("description", *vocab.VEHICLE_ONLY_FIELDS):
        _check_text(getattr(thing, name), f"{prefix}.{name}")
    if thing.kind != vocab.VEHICLE:
        for name in vocab.VEHICLE_ONLY_FIELDS:
            if getattr(thing, name):
                raise InvalidInput(
                    "vehicle_only", f"{name} is for vehicles only", field=f"{prefix}.{name}"
                )
        if not thing.description.strip():
            raise InvalidInput("required", "describe the object", field=f"{prefix}.description")
        return
    if thing.registration and not REGISTRATION.match(_registration(thing.registration)):
        raise InvalidInput(
            "invalid_registration",
            "a registration is letters and digits only, at most 8",
            field=f"{prefix}.registration",
        )
    if not thing.registration.strip() and not thing.description.strip():
        raise InvalidInput(
            "required", "give the registration or a description", field=f"{prefix}.registration"
        )


def _check_unique(key, seen: set, field: str) -> None:
    if key in seen:
        raise InvalidInput("duplicate", "this id is used twice in the report", field=field)
    seen.add(key)


def _registration(value: str) -> str:
    return "".join(value.split()).upper()
