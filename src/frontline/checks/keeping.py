"""What subject access needs from checks (see frontline.audit.keeping): the person in the
reference data, the vehicles they keep, and every check that named them or showed them.

A person is matched the way a check matches them (the name keys of names.py), but strictly: the
name must be a strong match to a recorded name or alias, and a date of birth, when given, must
be theirs exactly. A disclosure that took in a namesake would hand one person's data to another.

Checks about the person are those whose query named them (a strong name match and, when the
search gave a date of birth, that date), those that returned them or one of their vehicles, and
those from which one was opened. Locations are not searched: they hold addresses, not people; a
person's own addresses are disclosed with their reference record.
"""

from datetime import date

from django.db import connection
from django.db.models import Q

from frontline.audit.keeping import SubjectMatch, SubjectSource, subject_source_register
from frontline.checks import names, search
from frontline.checks.models import Check, CheckOpen, Person, Vehicle
from frontline.checks.reasons import REASONS
from frontline.common.errors import InvalidInput

PERSON_TYPE = "checks.person"
VEHICLE_TYPE = "checks.vehicle"
CHECK_TYPE = "checks.check"
PERSONS_MAX = 50
CHECKS_MAX = 2_000
QUERY_NAME_MAX = search.QUERY_MAX
# A reference row's part in a disclosure, by type: what it is to the person, and its label.
REFERENCE_ROWS = {
    PERSON_TYPE: ("person in the reference data", "Reference data: person"),
    VEHICLE_TYPE: ("vehicle they are the registered keeper of", "Reference data: vehicle"),
}


def register() -> None:
    subject_source_register(
        SubjectSource(
            name="checks.reference_data",
            section="reference_data",
            label="Reference data (persons and the vehicles they keep)",
            find=reference_data_about,
        )
    )
    subject_source_register(
        SubjectSource(
            name="checks.checks",
            section="checks",
            label="Person and vehicle checks",
            find=checks_about,
        )
    )


def reference_data_about(name: str, birth_date: date | None) -> list[SubjectMatch]:
    """The person's reference records, then the vehicles they are the keeper of."""
    persons = _persons(name, birth_date)
    vehicles = _vehicles_kept(persons)
    return [
        _reference_match(PERSON_TYPE, person, _person_content(person)) for person in persons
    ] + [_reference_match(VEHICLE_TYPE, vehicle, _vehicle_content(vehicle)) for vehicle in vehicles]


def _returned(object_id: str) -> Q:
    """Checks whose results held this id. On PostgreSQL a containment test the GIN index of
    migration 0003 answers; SQLite has no JSON containment lookup and scans the stored text."""
    if connection.vendor == "postgresql":
        return Q(result_ids__contains=[object_id])
    return Q(result_ids__icontains=object_id)


def checks_about(name: str, birth_date: date | None) -> list[SubjectMatch]:
    """Checks that named the person, returned them (or a vehicle they keep), or opened one."""
    persons = _persons(name, birth_date)
    vehicles = _vehicles_kept(persons)
    shown = {str(person.pk) for person in persons} | {str(vehicle.pk) for vehicle in vehicles}
    opened = set(
        CheckOpen.objects.filter(
            Q(object_type="person", object_id__in=[person.pk for person in persons])
            | Q(object_type="vehicle", object_id__in=[vehicle.pk for vehicle in vehicles])
        ).values_list("check_made_id", flat=True)
    )
    returned = Q()
    for object_id in sorted(shown):
        returned |= _returned(object_id)
    tokens = names.tokens(name)
    named = Q(kind="person", query_family_name__in=tokens)
    if birth_date is not None:
        named &= Q(query_date_of_birth=birth_date)
    condition = named | Q(pk__in=opened)
    if shown:
        condition |= Q(kind__in=["person", "vehicle"]) & returned
    found = Check.objects.filter(condition).select_related("officer").order_by("at")
    matches = []
    for check in found[:CHECKS_MAX]:
        role = _check_role(check, tokens, birth_date, shown, opened)
        if role is not None:
            matches.append(_check_match(check, role))
    return matches


# --- helpers --------------------------------------------------------------------------------


def _persons(name: str, birth_date: date | None) -> list[Person]:
    """Reference persons who are strongly this person: name (or alias) and, if given, birth."""
    try:
        query = search.person_query_parse(name=name[:QUERY_NAME_MAX], date_of_birth=birth_date)
    except InvalidInput:
        return []  # a name or date no reference record can hold (e.g. born before 1900)
    hits = search.persons_search(query, limit=PERSONS_MAX)
    return [
        hit.record
        for hit in hits
        if _name_score(query.tokens, hit.record) >= search.STRONG
        and (birth_date is None or hit.record.date_of_birth == birth_date)
    ]


def _name_score(tokens: list[str], person: Person) -> float:
    recorded = [(person.given_name, person.family_name)] + [
        (alias.given_name, alias.family_name) for alias in person.aliases.all()
    ]
    return max(names.name_similarity(tokens, names.tokens(*name)) for name in recorded)


def _vehicles_kept(persons: list[Person]) -> list[Vehicle]:
    if not persons:
        return []
    return list(
        Vehicle.objects.filter(keeper__in=persons).select_related("keeper").order_by("plate")
    )


def _check_role(check, tokens, birth_date, shown, opened) -> str | None:
    """Why a candidate check is about the person, or None when it only looked as if it were."""
    if check.pk in opened:
        return "a check from which their record was opened"
    if shown & set(check.result_ids):
        return "a check that returned their record"
    asked = (check.query or {}).get("name", "")
    if check.kind == "person" and isinstance(asked, str):
        same_birth = birth_date is None or check.query_date_of_birth == birth_date
        if same_birth and names.name_similarity(tokens, names.tokens(asked)) >= search.STRONG:
            return "a check that named them"
    return None


def _reference_match(record_type: str, record: Person | Vehicle, content: dict) -> SubjectMatch:
    """Reference data is made by no officer: a row is dated by its last change at source."""
    role, label = REFERENCE_ROWS[record_type]
    return SubjectMatch(
        record_type=record_type,
        record_id=record.pk,
        made_at=record.updated_at,
        officer="",
        role=role,
        label=label,
        content=content,
    )


def _person_content(person: Person) -> dict:
    return {
        "source_id": person.source_id,
        "given_name": person.given_name,
        "family_name": person.family_name,
        "aliases": [
            {"given_name": alias.given_name, "family_name": alias.family_name}
            for alias in person.aliases.all()
        ],
        "date_of_birth": person.date_of_birth.isoformat() if person.date_of_birth else None,
        "gender": person.gender,
        "addresses": person.addresses,
        "identifiers": person.identifiers,
        "wanted": person.wanted,
        "missing": person.missing,
        "flag_note": person.flag_note,
        "warnings": search.person_warnings(person),
    }


def _vehicle_content(vehicle: Vehicle) -> dict:
    return {
        "source_id": vehicle.source_id,
        "registration": vehicle.registration,
        "make": vehicle.make,
        "model": vehicle.model,
        "colour": vehicle.colour,
        "keeper": str(vehicle.keeper),
        "warnings": search.vehicle_warnings(vehicle),
    }


def _check_match(check: Check, role: str) -> SubjectMatch:
    return SubjectMatch(
        record_type=CHECK_TYPE,
        record_id=check.pk,
        made_at=check.at,
        officer=check.officer.collar_number,
        role=role,
        label=f"{check.get_kind_display()} check",
        content={
            "kind": check.kind,
            "at": check.at.isoformat(),
            "origin": check.origin,
            "reason": REASONS.get(check.reason, check.reason),
            "reason_text": check.reason_text,
            "query": check.query,
            "results": check.result_count,
        },
    )
