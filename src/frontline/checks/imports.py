"""`frontline import persons|vehicles|locations|markers FILE.csv`: an idempotent upsert by
source id, all or nothing.

Every row is validated before anything is written. Any rejected row (row number as a
spreadsheet shows it, the header being row 1; the field; the reason) stops the import and
nothing is written, unless `skip_invalid` is given, in which case the valid rows are imported
and the rejected ones reported. Either way a row is never half-imported: a person, their
aliases, markers and search keys are written together in one transaction.
"""

import csv
import io
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date

from django.db import transaction

from frontline.accounts.models import Station
from frontline.audit.services import audit_record
from frontline.checks import names, plates, services
from frontline.checks.models import (
    SOURCE_ID_MAX,
    Location,
    LocationMarker,
    Marker,
    Person,
    PersonAlias,
    PersonMarker,
    Vehicle,
)
from frontline.common.ids import uuid7
from frontline.common.text import has_control_characters

KINDS = ("markers", "persons", "vehicles", "locations")
BATCH = 1000
TRUE = {"1", "true", "yes", "y"}
FALSE = {"", "0", "false", "no", "n"}
COLUMNS = {
    "markers": ["source_id", "code", "description", "valid_from", "valid_to"],
    "persons": [
        "source_id",
        "given_name",
        "family_name",
        "date_of_birth",
        "gender",
        "aliases",
        "addresses",
        "identifiers",
        "markers",
        "wanted",
        "missing",
        "flag_note",
        "station",
    ],
    "vehicles": [
        "source_id",
        "registration",
        "make",
        "model",
        "colour",
        "keeper_source_id",
        "stolen",
        "no_insurance",
        "no_mot",
        "of_interest",
        "flag_note",
        "station",
    ],
    "locations": ["source_id", "address", "postcode", "markers", "note", "station"],
}
REQUIRED = {
    "markers": ["source_id", "code", "description"],
    "persons": ["source_id", "given_name", "family_name"],
    "vehicles": ["source_id", "registration"],
    "locations": ["source_id", "address"],
}
LIMITS = {
    "source_id": SOURCE_ID_MAX,
    "code": 8,
    "description": 200,
    "given_name": 100,
    "family_name": 100,
    "gender": 20,
    "flag_note": 300,
    "registration": 12,
    "make": 60,
    "model": 60,
    "colour": 40,
    "address": 300,
    "postcode": 10,
    "note": 300,
    "keeper_source_id": SOURCE_ID_MAX,
    "station": 8,
    "aliases": 2000,
    "addresses": 3000,
    "identifiers": 1000,
    "markers": 200,
}


@dataclass(frozen=True)
class Rejection:
    row: int
    field: str
    reason: str


@dataclass
class ImportReport:
    kind: str
    rows: int = 0
    created: int = 0
    updated: int = 0
    rejected: list[Rejection] = field(default_factory=list)
    written: bool = False


def reference_import(
    *,
    kind: str,
    text: str,
    skip_invalid: bool = False,
    actor=None,
    progress: Callable[[int, int], None] | None = None,
) -> ImportReport:
    """Import one CSV text of reference data; see the module docstring."""
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {', '.join(KINDS)}")
    report = ImportReport(kind=kind)
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    header = reader.fieldnames or []
    missing = [name for name in REQUIRED[kind] if name not in header]
    unknown = [name for name in header if name not in COLUMNS[kind]]
    if missing or unknown:
        for name in missing:
            report.rejected.append(Rejection(1, name, "required column missing from the header"))
        for name in unknown:
            report.rejected.append(Rejection(1, name, "unknown column"))
        return report
    rows = list(reader)
    report.rows = len(rows)
    context = _Context(kind, rows)
    valid = []
    seen: dict[str, int] = {}
    for number, row in enumerate(rows, start=2):
        try:
            values = _VALIDATORS[kind](context, row)
            if values["source_id"] in seen:
                raise _Bad("source_id", f"duplicate of row {seen[values['source_id']]}")
            seen[values["source_id"]] = number
            valid.append(values)
        except _Bad as bad:
            report.rejected.append(Rejection(number, bad.field, bad.reason))
    if report.rejected and not skip_invalid:
        return report
    with transaction.atomic():
        for start in range(0, len(valid), BATCH):
            created, updated = _WRITERS[kind](valid[start : start + BATCH])
            report.created += created
            report.updated += updated
            if progress:
                progress(min(start + BATCH, len(valid)), len(valid))
        audit_record(
            action="reference_import",
            object_type=f"checks.{kind}",
            object_id=uuid7(),
            actor=actor,
            detail={
                "created": report.created,
                "updated": report.updated,
                "rejected": len(report.rejected),
            },
        )
    report.written = True
    return report


class _Bad(Exception):
    def __init__(self, field_name: str, reason: str):
        super().__init__(reason)
        self.field = field_name
        self.reason = reason


class _Context:
    """What rows refer to: marker codes, station codes and (for vehicles) keepers."""

    def __init__(self, kind: str, rows: list[dict]):
        self.markers = dict(Marker.objects.values_list("code", "pk"))
        self.stations = dict(Station.objects.values_list("code", "pk"))
        self.keepers: dict[str, object] = {}
        if kind == "vehicles":
            wanted = {row.get("keeper_source_id", "").strip() for row in rows} - {""}
            found = {}
            listed = sorted(wanted)
            for start in range(0, len(listed), 900):
                found.update(
                    Person.objects.filter(source_id__in=listed[start : start + 900]).values_list(
                        "source_id", "pk"
                    )
                )
            self.keepers = found


def _text(row: dict, name: str, kind: str) -> str:
    value = (row.get(name) or "").strip()
    if name in REQUIRED[kind] and not value:
        raise _Bad(name, "required")
    if len(value) > LIMITS.get(name, 300):
        raise _Bad(name, f"longer than {LIMITS.get(name, 300)} characters")
    if has_control_characters(value):
        raise _Bad(name, "contains control characters")
    return value


def _date(row: dict, name: str) -> date | None:
    value = (row.get(name) or "").strip()
    if not value:
        return None
    try:
        parsed = date.fromisoformat(value)
    except ValueError:
        raise _Bad(name, f"not a date in the form YYYY-MM-DD: {value[:20]!r}") from None
    if parsed.year < 1900:
        raise _Bad(name, "before 1900")
    return parsed


def _flag(row: dict, name: str) -> bool:
    value = (row.get(name) or "").strip().lower()
    if value in TRUE:
        return True
    if value in FALSE:
        return False
    raise _Bad(name, "must be yes or no")


def _station(context: _Context, row: dict, kind: str):
    code = _text(row, "station", kind).upper()
    if not code:
        return None
    if code not in context.stations:
        raise _Bad("station", f"unknown station code {code!r}")
    return context.stations[code]


def _marker_ids(context: _Context, row: dict, kind: str) -> list:
    codes = [code.strip().upper() for code in _text(row, "markers", kind).split(";")]
    ids = []
    for code in [code for code in codes if code]:
        if code not in context.markers:
            raise _Bad("markers", f"unknown marker code {code!r}")
        ids.append(context.markers[code])
    return sorted(set(ids))


def _marker_values(context: _Context, row: dict) -> dict:
    values = {name: _text(row, name, "markers") for name in ("source_id", "description")}
    values["code"] = _text(row, "code", "markers").upper()
    values["valid_from"] = _date(row, "valid_from")
    values["valid_to"] = _date(row, "valid_to")
    if values["valid_from"] and values["valid_to"] and values["valid_to"] < values["valid_from"]:
        raise _Bad("valid_to", "before valid_from")
    return values


def _person_values(context: _Context, row: dict) -> dict:
    kind = "persons"
    values = {
        name: _text(row, name, kind)
        for name in ("source_id", "given_name", "family_name", "gender", "flag_note")
    }
    if not names.tokens(values["given_name"], values["family_name"]):
        raise _Bad("family_name", "has no letters")
    values["date_of_birth"] = _date(row, "date_of_birth")
    if values["date_of_birth"] and values["date_of_birth"] > date.today():
        raise _Bad("date_of_birth", "in the future")
    values["wanted"] = _flag(row, "wanted")
    values["missing"] = _flag(row, "missing")
    values["station_id"] = _station(context, row, kind)
    aliases = []
    for alias in _text(row, "aliases", kind).split("|"):
        if alias.strip():
            given, _, family = alias.partition("/")
            if len(given) > 100 or len(family) > 100:
                raise _Bad("aliases", "an alias name is longer than 100 characters")
            aliases.append((given.strip(), family.strip()))
    values["aliases"] = aliases
    values["addresses"] = [
        part.strip() for part in _text(row, "addresses", kind).split("|") if part.strip()
    ]
    identifiers = {}
    for pair in _text(row, "identifiers", kind).split(";"):
        if pair.strip():
            name, sep, value = pair.partition("=")
            if not sep or not name.strip() or not value.strip():
                raise _Bad("identifiers", "write identifiers as name=value;name=value")
            identifiers[name.strip().lower()] = value.strip()
    values["identifiers"] = identifiers
    values["marker_ids"] = _marker_ids(context, row, kind)
    return values


def _vehicle_values(context: _Context, row: dict) -> dict:
    kind = "vehicles"
    values = {
        name: _text(row, name, kind)
        for name in ("source_id", "registration", "make", "model", "colour", "flag_note")
    }
    normal = plates.plate_normal(values["registration"])
    if not 2 <= len(normal) <= 8:
        raise _Bad("registration", "must have 2 to 8 letters and digits")
    values["registration"] = values["registration"].upper()
    for name in ("stolen", "no_insurance", "no_mot", "of_interest"):
        values[name] = _flag(row, name)
    keeper = _text(row, "keeper_source_id", kind)
    values["keeper_id"] = None
    if keeper:
        if keeper not in context.keepers:
            raise _Bad("keeper_source_id", f"no person with source id {keeper!r}")
        values["keeper_id"] = context.keepers[keeper]
    values["station_id"] = _station(context, row, kind)
    values.update(services.vehicle_plate_forms(values["registration"]))
    return values


def _location_values(context: _Context, row: dict) -> dict:
    kind = "locations"
    values = {name: _text(row, name, kind) for name in ("source_id", "address", "note")}
    postcode = _text(row, "postcode", kind).upper()
    values["postcode"] = postcode
    values["postcode_normal"] = postcode.replace(" ", "")
    values["address_folded"] = " ".join(names.fold(values["address"]).split())
    values["station_id"] = _station(context, row, kind)
    values["marker_ids"] = _marker_ids(context, row, kind)
    return values


_VALIDATORS = {
    "markers": _marker_values,
    "persons": _person_values,
    "vehicles": _vehicle_values,
    "locations": _location_values,
}


def _upsert(model, batch: list[dict], fields: list[str]) -> tuple[list, int, int]:
    existing = dict(
        model.objects.filter(source_id__in=[v["source_id"] for v in batch]).values_list(
            "source_id", "pk"
        )
    )
    objects, new, old = [], [], []
    for values in batch:
        obj = model(
            pk=existing.get(values["source_id"]) or uuid7(),
            **{name: values[name] for name in ["source_id", *fields]},
        )
        objects.append(obj)
        (old if values["source_id"] in existing else new).append(obj)
    model.objects.bulk_create(new, batch_size=BATCH)
    if old:
        model.objects.bulk_update(old, fields, batch_size=BATCH)
    return objects, len(new), len(old)


def _markers_write(batch):
    _, created, updated = _upsert(Marker, batch, ["code", "description", "valid_from", "valid_to"])
    return created, updated


def _persons_write(batch):
    fields = [
        "given_name",
        "family_name",
        "date_of_birth",
        "gender",
        "addresses",
        "identifiers",
        "wanted",
        "missing",
        "flag_note",
        "station_id",
    ]
    objects, created, updated = _upsert(Person, batch, fields)
    ids = [obj.pk for obj in objects]
    PersonAlias.objects.filter(person_id__in=ids).delete()
    PersonMarker.objects.filter(person_id__in=ids).delete()
    PersonAlias.objects.bulk_create(
        PersonAlias(person_id=obj.pk, given_name=given, family_name=family)
        for obj, values in zip(objects, batch, strict=True)
        for given, family in values["aliases"]
    )
    PersonMarker.objects.bulk_create(
        PersonMarker(person_id=obj.pk, marker_id=marker_id)
        for obj, values in zip(objects, batch, strict=True)
        for marker_id in values["marker_ids"]
    )
    services.person_keys_rebuild(ids)
    return created, updated


def _vehicles_write(batch):
    fields = [
        "registration",
        "plate",
        "plate_folded",
        "plate_folded_reversed",
        "make",
        "model",
        "colour",
        "keeper_id",
        "stolen",
        "no_insurance",
        "no_mot",
        "of_interest",
        "flag_note",
        "station_id",
    ]
    _, created, updated = _upsert(Vehicle, batch, fields)
    return created, updated


def _locations_write(batch):
    fields = ["address", "address_folded", "postcode", "postcode_normal", "note", "station_id"]
    objects, created, updated = _upsert(Location, batch, fields)
    ids = [obj.pk for obj in objects]
    LocationMarker.objects.filter(location_id__in=ids).delete()
    LocationMarker.objects.bulk_create(
        LocationMarker(location_id=obj.pk, marker_id=marker_id)
        for obj, values in zip(objects, batch, strict=True)
        for marker_id in values["marker_ids"]
    )
    return created, updated


_WRITERS = {
    "markers": _markers_write,
    "persons": _persons_write,
    "vehicles": _vehicles_write,
    "locations": _locations_write,
}


def rejections_text(rejected: Iterable[Rejection]) -> str:
    return "\n".join(f"row {r.row}: {r.field}: {r.reason}" for r in rejected)
