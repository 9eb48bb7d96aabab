"""Search behind one interface: persons by name and date of birth, vehicles by full or partial
registration, locations by address or postcode.

Each search runs a fixed number of queries. Persons are found through the precomputed name keys
(names.py) and birth year on both databases, so ranking is the same wherever it runs. Locations
use pg_trgm's GIN index on PostgreSQL when the extension is installed, and a plain scan of the
folded address on SQLite.
"""

import re
from dataclasses import dataclass, field
from datetime import date

from django.db import connection
from django.db.models import Prefetch, Q

from frontline.checks import names, plates
from frontline.checks.models import (
    Location,
    LocationMarker,
    Person,
    PersonAlias,
    PersonKey,
    PersonMarker,
    Vehicle,
)
from frontline.common.clock import london_today
from frontline.common.errors import InvalidInput

RESULTS_MAX = 20
CANDIDATES_MAX = 400
NAME_MIN_SCORE = 0.6
STRONG = 0.85
QUERY_MAX = 100
TOKENS_MAX = 6
PLATE_CANDIDATES_MAX = 20000
POSTCODE = re.compile(r"^[A-Z]{1,2}[0-9][A-Z0-9]?([0-9][A-Z]{0,2})?$")


@dataclass(frozen=True)
class PersonQuery:
    name: str
    tokens: list[str]
    date_of_birth: date | None = None
    birth_years: tuple[int, int] | None = None  # inclusive range


@dataclass
class Hit:
    kind: str
    id: object
    score: float
    alert: bool
    record: object
    warnings: list[dict] = field(default_factory=list)


def person_query_parse(
    *,
    name: str | None,
    date_of_birth: str | date | None = None,
    birth_year: int | None = None,
    age: int | None = None,
    age_tolerance: int = 2,
    today: date | None = None,
) -> PersonQuery:
    """Validate a person query; a clear error names the field at fault. Today is London's day
    (the app's), so a date of birth of today is taken however soon after midnight."""
    name = (name or "").strip()
    if not name:
        raise InvalidInput("required", "give a name to check", field="name")
    if len(name) > QUERY_MAX:
        raise InvalidInput("too_long", f"a name has at most {QUERY_MAX} characters", field="name")
    tokens = names.tokens(name)
    if not any(len(token) >= 2 for token in tokens):
        raise InvalidInput("too_short", "give at least two letters of a name", field="name")
    if len(tokens) > TOKENS_MAX:
        raise InvalidInput("too_many_names", f"give at most {TOKENS_MAX} names", field="name")
    today = today or london_today()
    given = [value is not None and value != "" for value in (date_of_birth, birth_year, age)]
    if sum(given) > 1:
        raise InvalidInput(
            "one_date_filter",
            "give a date of birth, a year of birth or an age, not more than one",
            field="date_of_birth",
        )
    if isinstance(date_of_birth, str) and date_of_birth:
        try:
            date_of_birth = date.fromisoformat(date_of_birth)
        except ValueError:
            raise InvalidInput(
                "invalid_date",
                "the date of birth must be a real date, YYYY-MM-DD",
                field="date_of_birth",
            ) from None
    if isinstance(date_of_birth, date):
        if not date(1900, 1, 1) <= date_of_birth <= today:
            raise InvalidInput(
                "impossible_date",
                "the date of birth must be after 1900 and not in the future",
                field="date_of_birth",
            )
        return PersonQuery(name=name, tokens=tokens, date_of_birth=date_of_birth)
    if birth_year is not None:
        if not 1900 <= birth_year <= today.year:
            raise InvalidInput(
                "impossible_year",
                f"the year of birth must be 1900 to {today.year}",
                field="birth_year",
            )
        return PersonQuery(name=name, tokens=tokens, birth_years=(birth_year, birth_year))
    if age is not None:
        if not 0 <= age <= 120:
            raise InvalidInput("impossible_age", "the age must be 0 to 120", field="age")
        if not 0 <= age_tolerance <= 10:
            raise InvalidInput(
                "invalid_tolerance",
                "the age tolerance must be 0 to 10 years",
                field="age_tolerance",
            )
        newest = today.year - age + age_tolerance
        oldest = today.year - age - age_tolerance - 1
        return PersonQuery(name=name, tokens=tokens, birth_years=(oldest, newest))
    return PersonQuery(name=name, tokens=tokens)


def persons_search(query: PersonQuery, *, limit: int = RESULTS_MAX) -> list[Hit]:
    """Ranked persons for a name (and date of birth). Four queries: the candidates' ids by their
    name keys and birth year (a covering index, so no person row is read to find them), then
    the candidates with their aliases and markers. An exact date of birth searches its year and
    keeps the exact matches: going to the date index instead reads every person born that day
    (about 40 rows scattered over the table at a million persons), which measured slower."""
    candidate_ids = _person_candidates(query)
    persons = Person.objects.filter(pk__in=candidate_ids)
    if query.date_of_birth is not None:
        persons = persons.filter(date_of_birth=query.date_of_birth)
    persons = persons_with_related(persons)
    hits = []
    for person in persons:
        score = _person_score(query, person)
        if score is None:
            continue
        hits.append(_person_hit(person, score))
    return _ranked(hits)[:limit]


def person_get(person_id) -> Person | None:
    found = persons_with_related(Person.objects.filter(pk=person_id))
    return found[0] if found else None


def person_warnings(person: Person) -> list[dict]:
    today = london_today()
    warnings = []
    if person.wanted:
        warnings.append({"code": "WANTED", "description": "Wanted", "note": person.flag_note})
    if person.missing:
        warnings.append({"code": "MISSING", "description": "Missing", "note": person.flag_note})
    for link in sorted(person.person_markers.all(), key=lambda link: link.marker.code):
        if _valid(link, today):
            warnings.append(
                {"code": link.marker.code, "description": link.marker.description, "note": ""}
            )
    return warnings


def vehicles_search(pattern: plates.PlatePattern, *, limit: int = RESULTS_MAX) -> list[Hit]:
    """Vehicles whose registration fits the pattern, stolen and flagged first among equals.
    Two queries: the candidates' plates by an index range, then the matching vehicles."""
    rows = Vehicle.objects.all()
    if pattern.exact:
        rows = rows.filter(plate_folded=pattern.folded)
    elif len(pattern.prefix) >= len(pattern.suffix):
        rows = rows.filter(plate_folded__range=(pattern.prefix, pattern.prefix + "~"))
    else:
        reversed_suffix = pattern.suffix[::-1]
        rows = rows.filter(plate_folded_reversed__range=(reversed_suffix, reversed_suffix + "~"))
    matching = [
        pk
        for pk, folded in rows.values_list("pk", "plate_folded")[:PLATE_CANDIDATES_MAX]
        if pattern.regex.fullmatch(folded)
    ]
    vehicles = Vehicle.objects.filter(pk__in=matching[:CANDIDATES_MAX]).select_related("keeper")
    hits = []
    for vehicle in vehicles:
        warnings = vehicle_warnings(vehicle)
        hits.append(
            Hit(
                kind="vehicle",
                id=vehicle.pk,
                score=plates.plate_score(pattern, vehicle.plate),
                alert=bool(warnings),
                record=vehicle,
                warnings=warnings,
            )
        )
    return _ranked(hits)[:limit]


def vehicle_get(vehicle_id) -> Vehicle | None:
    return Vehicle.objects.filter(pk=vehicle_id).select_related("keeper").first()


def vehicle_warnings(vehicle: Vehicle) -> list[dict]:
    flags = [
        (vehicle.stolen, "STOLEN", "Reported stolen"),
        (vehicle.of_interest, "INTEREST", "Of interest"),
        (vehicle.no_insurance, "NO_INSURANCE", "No insurance"),
        (vehicle.no_mot, "NO_MOT", "No MOT"),
    ]
    return [
        {"code": code, "description": text, "note": vehicle.flag_note if code == "STOLEN" else ""}
        for flagged, code, text in flags
        if flagged
    ]


def location_query_parse(text: str | None) -> str:
    text = (text or "").strip()
    if not text:
        raise InvalidInput("required", "give an address or a postcode", field="query")
    if len(text) > QUERY_MAX:
        raise InvalidInput("too_long", f"at most {QUERY_MAX} characters", field="query")
    if len(re.sub(r"[^A-Za-z0-9]", "", text)) < 3:
        raise InvalidInput("too_short", "give at least three letters or digits", field="query")
    return text


def locations_search(text: str, *, limit: int = RESULTS_MAX) -> list[Hit]:
    """Locations by postcode (whole or its start) or by words of the address."""
    postcode = re.sub(r"\s", "", text.upper())
    rows = Location.objects.all()
    by_postcode = bool(POSTCODE.match(postcode))
    if by_postcode:
        rows = rows.filter(postcode_normal__range=(postcode, postcode + "~"))
    else:
        words = names.fold(text).split() or [text.lower()]
        condition = Q()
        for word in words:
            condition &= Q(address_folded__contains=word)
        rows = rows.filter(condition)
    rows = rows.prefetch_related(
        Prefetch("location_markers", queryset=LocationMarker.objects.select_related("marker"))
    )[:CANDIDATES_MAX]
    today = london_today()
    hits = []
    for location in rows:
        warnings = [
            {"code": link.marker.code, "description": link.marker.description, "note": ""}
            for link in sorted(location.location_markers.all(), key=lambda link: link.marker.code)
            if _valid(link, today)
        ]
        exact = by_postcode and location.postcode_normal == postcode
        score = 1.0 if exact else 0.8
        hits.append(
            Hit(
                kind="location",
                id=location.pk,
                score=score,
                alert=bool(warnings),
                record=location,
                warnings=warnings,
            )
        )
    return _ranked(hits)[:limit]


def location_get(location_id) -> Location | None:
    return (
        Location.objects.filter(pk=location_id)
        .prefetch_related(
            Prefetch("location_markers", queryset=LocationMarker.objects.select_related("marker"))
        )
        .first()
    )


def persons_with_related(persons) -> list[Person]:
    """Persons with their aliases and markers: three queries however many."""
    return list(
        persons.prefetch_related(
            Prefetch("aliases", queryset=PersonAlias.objects.order_by("pk")),
            Prefetch("person_markers", queryset=PersonMarker.objects.select_related("marker")),
        )
    )


def _person_candidates(query: PersonQuery) -> list:
    """Persons sharing keys with at least two of the query's name tokens (one for a single
    name), most tokens matched first. One query: a UNION ALL of one index scan per token."""
    years = query.birth_years
    if query.date_of_birth is not None:
        years = (query.date_of_birth.year, query.date_of_birth.year)
    token_keys = [names.token_keys(token) for token in query.tokens if len(token) >= 2]
    token_keys = [keys for keys in token_keys if keys]
    need = min(2, len(token_keys))
    table = PersonKey._meta.db_table
    parts, params = [], []
    for index, keys in enumerate(token_keys):
        marks = ", ".join(["%s"] * len(keys))
        # Only the model's table name, an int and placeholders are put into the text.
        sql = f"SELECT DISTINCT person_id, {index} AS t FROM {table} WHERE key IN ({marks})"  # noqa: S608
        params.extend(sorted(keys))
        if years is not None:
            sql += " AND birth_year BETWEEN %s AND %s"
            params.extend(years)
        parts.append(sql)
    sql = (
        "SELECT person_id FROM ("  # noqa: S608 - the parts above hold placeholders only
        + " UNION ALL ".join(parts)
        + ") AS matched "
        "GROUP BY person_id HAVING COUNT(*) >= %s ORDER BY COUNT(*) DESC, person_id LIMIT %s"
    )
    params.extend([need, CANDIDATES_MAX])
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [row[0] for row in cursor.fetchall()]


def _person_score(query: PersonQuery, person: Person) -> float | None:
    name_score = max(
        names.name_similarity(query.tokens, names.tokens(given, family))
        for given, family in [(person.given_name, person.family_name)]
        + [(alias.given_name, alias.family_name) for alias in person.aliases.all()]
    )
    if name_score < NAME_MIN_SCORE:
        return None
    birth = person.date_of_birth
    if query.date_of_birth is not None:
        return round(0.85 * name_score + 0.15, 4)
    if query.birth_years is not None:
        if birth is None or not query.birth_years[0] <= birth.year <= query.birth_years[1]:
            return None
        return round(0.85 * name_score + 0.1, 4)
    return name_score


def _person_hit(person: Person, score: float) -> Hit:
    warnings = person_warnings(person)
    return Hit(
        kind="person",
        id=person.pk,
        score=score,
        alert=bool(warnings),
        record=person,
        warnings=warnings,
    )


def _ranked(hits: list[Hit]) -> list[Hit]:
    # Best score first; among results as good as each other, the ones with warnings first.
    return sorted(hits, key=lambda hit: (-round(hit.score, 2), not hit.alert, str(hit.id)))


def _valid(link, today: date) -> bool:
    marker = link.marker
    starts = [value for value in (link.valid_from, marker.valid_from) if value]
    ends = [value for value in (link.valid_to, marker.valid_to) if value]
    return all(start <= today for start in starts) and all(today <= end for end in ends)
