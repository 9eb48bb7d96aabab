"""Writes: checks and their consultation records, openings, offline checks from the briefing
pack, briefing packs, and the search keys of reference data."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import IntegrityError, transaction
from django.db.models import Q

from frontline.audit.services import audit_record, consultation_record
from frontline.checks import access, names, plates, search
from frontline.checks.models import (
    BriefingPack,
    Check,
    CheckOpen,
    Person,
    PersonKey,
    Vehicle,
)
from frontline.checks.reasons import reason_clean, reason_justification
from frontline.common.clock import is_far_future, now
from frontline.common.errors import Conflict, InvalidInput, NotFound, PermissionDenied
from frontline.sync.feed import change_record

PACK_TYPE = "checks.briefing_pack"
OFFLINE_CHECK_TYPE = "checks.offline_check"
PACK_LIFETIME = timedelta(hours=12)
PACK_PERSONS_MAX = 2000
PACK_VEHICLES_MAX = 2000
LINKED_TYPE_MAX = 60
OPEN_TYPES = {"person", "vehicle", "location"}


@dataclass(frozen=True)
class CheckOutcome:
    check: Check
    hits: list


def check_person(
    *,
    officer,
    device,
    name,
    date_of_birth=None,
    birth_year=None,
    age=None,
    age_tolerance=2,
    reason,
    reason_text="",
    linked_type="",
    linked_id=None,
):
    """A person check. Bad input or no reason: an error, no search run, nothing written."""
    _may_check(officer)
    reason, reason_text = reason_clean(reason, reason_text)
    linked_type = _linked_clean(linked_type, linked_id)
    query = search.person_query_parse(
        name=name,
        date_of_birth=date_of_birth,
        birth_year=birth_year,
        age=age,
        age_tolerance=age_tolerance,
    )
    hits = search.persons_search(query)
    entered = {"name": query.name}
    if query.date_of_birth:
        entered["date_of_birth"] = query.date_of_birth.isoformat()
    if birth_year is not None:
        entered["birth_year"] = birth_year
    if age is not None:
        entered.update(age=age, age_tolerance=age_tolerance)
    family = query.tokens[-1] if query.tokens else ""
    check = _check_write(
        officer=officer,
        device=device,
        kind="person",
        reason=reason,
        reason_text=reason_text,
        query=entered,
        family=family,
        date_of_birth=query.date_of_birth,
        hits=hits,
        linked_type=linked_type,
        linked_id=linked_id,
    )
    return CheckOutcome(check=check, hits=hits)


def check_vehicle(
    *, officer, device, registration, reason, reason_text="", linked_type="", linked_id=None
):
    _may_check(officer)
    reason, reason_text = reason_clean(reason, reason_text)
    linked_type = _linked_clean(linked_type, linked_id)
    pattern = plates.plate_pattern_parse(registration)
    hits = search.vehicles_search(pattern)
    check = _check_write(
        officer=officer,
        device=device,
        kind="vehicle",
        reason=reason,
        reason_text=reason_text,
        query={"registration": pattern.text},
        hits=hits,
        linked_type=linked_type,
        linked_id=linked_id,
    )
    return CheckOutcome(check=check, hits=hits)


def check_location(
    *, officer, device, query, reason, reason_text="", linked_type="", linked_id=None
):
    _may_check(officer)
    reason, reason_text = reason_clean(reason, reason_text)
    linked_type = _linked_clean(linked_type, linked_id)
    text = search.location_query_parse(query)
    hits = search.locations_search(text)
    check = _check_write(
        officer=officer,
        device=device,
        kind="location",
        reason=reason,
        reason_text=reason_text,
        query={"query": text},
        hits=hits,
        linked_type=linked_type,
        linked_id=linked_id,
    )
    return CheckOutcome(check=check, hits=hits)


def check_result_open(*, officer, device, check_id, object_type, object_id):
    """Open one result of your own check in full; logged as a consultation of that record."""
    if object_type not in OPEN_TYPES:
        raise InvalidInput("invalid_type", "type must be person, vehicle or location", field="type")
    check = Check.objects.filter(pk=check_id, officer=officer).first()
    if check is None:
        raise NotFound("not_found", "no such check of yours", field="check_id")
    if str(object_id) not in check.result_ids:
        raise NotFound("not_a_result", "that record was not a result of this check", field="id")
    getter = {
        "person": search.person_get,
        "vehicle": search.vehicle_get,
        "location": search.location_get,
    }[object_type]
    record = getter(object_id)
    if record is None:
        raise NotFound("not_found", "the record is no longer held", field="id")
    with transaction.atomic():
        CheckOpen.objects.create(
            check_made=check, object_type=object_type, object_id=record.pk, at=now()
        )
        consultation_record(
            actor=officer,
            device=device,
            object_type=f"checks.{object_type}",
            object_id=record.pk,
            justification=reason_justification(check.reason, check.reason_text),
            detail={"check": str(check.pk)},
        )
    return record


def check_record_offline(*, officer, device, record_id, payload) -> tuple[Check, bool]:
    """A check the officer made against the briefing pack while offline, logged on sync.
    Idempotent by the device-made id."""
    _may_check(officer)
    reason, reason_text = reason_clean(payload.reason, payload.reason_text)
    if is_far_future(payload.checked_at):
        raise InvalidInput("future_time", "the check time is in the future", field="checked_at")
    pack = BriefingPack.objects.filter(pk=payload.pack_id, officer=officer).first()
    if pack is None:
        raise NotFound("unknown_pack", "no such briefing pack of yours", field="pack_id")
    held = {str(item["id"]) for item in pack.content.get("persons", [])}
    held |= {str(item["id"]) for item in pack.content.get("vehicles", [])}
    opened = [str(item) for item in payload.opened]
    if any(item not in held for item in opened):
        raise InvalidInput("not_in_pack", "an opened record is not in the pack", field="opened")
    existing = Check.objects.filter(pk=record_id).first()
    if existing is not None:
        return _same_offline(existing, officer), False
    query = dict(payload.query)
    with transaction.atomic():
        try:
            with transaction.atomic():
                check = Check.objects.create(
                    id=record_id,
                    officer=officer,
                    device=device,
                    at=now(),
                    checked_at=payload.checked_at,
                    origin="offline",
                    kind=payload.kind,
                    reason=reason,
                    reason_text=reason_text,
                    query=query,
                    query_family_name=(names.tokens(str(query.get("name", ""))) or [""])[-1][:100],
                    result_count=payload.result_count,
                    result_ids=opened,
                )
        except IntegrityError:
            return _same_offline(Check.objects.get(pk=record_id), officer), False
        CheckOpen.objects.bulk_create(
            CheckOpen(
                check_made=check,
                object_type=payload.kind,
                object_id=item,
                at=payload.checked_at,
            )
            for item in opened
        )
        consultation_record(
            actor=officer,
            device=device,
            object_type="checks.check",
            object_id=check.pk,
            justification=reason_justification(reason, reason_text),
            detail={
                "kind": payload.kind,
                "origin": "offline",
                "results": payload.result_count,
                "opened": len(opened),
            },
        )
    return check, True


def briefing_pack_issue(*, officer, device=None) -> BriefingPack:
    """A fresh pack for the officer's area, delivered to their devices by sync. The previous
    pack is withdrawn (a delete on the feed), so devices hold one pack at a time."""
    _may_check(officer)
    issued = now()
    content = _pack_content(officer)
    with transaction.atomic():
        previous = list(
            BriefingPack.objects.select_for_update().filter(officer=officer, withdrawn=False)
        )
        pack = BriefingPack.objects.create(
            officer=officer, issued_at=issued, expires_at=issued + PACK_LIFETIME, content=content
        )
        for old in previous:
            old.withdrawn = True
            old.save(update_fields=["withdrawn"])
            change_record(type=PACK_TYPE, record_id=old.pk, owner_id=officer.pk, op="delete")
        change_record(type=PACK_TYPE, record_id=pack.pk, owner_id=officer.pk)
        # A pack discloses personal data to a device: who received what, and when.
        audit_record(
            action="briefing_pack.issue",
            object_type=PACK_TYPE,
            object_id=pack.pk,
            actor=officer,
            device=device,
            detail={"persons": len(content["persons"]), "vehicles": len(content["vehicles"])},
        )
    return pack


def person_keys_rebuild(person_ids) -> int:
    """Recompute the search keys of these persons (after an import or an admin edit)."""
    persons = Person.objects.filter(pk__in=list(person_ids)).prefetch_related("aliases")
    rows = []
    for person in persons:
        year = person.date_of_birth.year if person.date_of_birth else None
        named = [(person.given_name, person.family_name)] + [
            (alias.given_name, alias.family_name) for alias in person.aliases.all()
        ]
        rows.extend(
            PersonKey(person_id=person.pk, key=key, birth_year=year)
            for key in sorted(names.names_keys(named))
        )
    with transaction.atomic():
        PersonKey.objects.filter(person_id__in=list(person_ids)).delete()
        PersonKey.objects.bulk_create(rows, batch_size=2000)
    return len(rows)


def vehicle_plate_forms(registration: str) -> dict:
    """The stored forms of a registration."""
    folded = plates.plate_folded(registration)
    return {
        "plate": plates.plate_normal(registration),
        "plate_folded": folded,
        "plate_folded_reversed": folded[::-1],
    }


def _may_check(officer) -> None:
    if not access.check_can_make(officer):
        raise PermissionDenied("not_an_officer", "only officers make checks")


def _linked_clean(linked_type, linked_id) -> str:
    linked_type = (linked_type or "").strip()
    if len(linked_type) > LINKED_TYPE_MAX:
        raise InvalidInput("too_long", "the linked record type is too long", field="linked_type")
    if bool(linked_type) != (linked_id is not None):
        raise InvalidInput(
            "incomplete_link",
            "give both the linked record's type and its id",
            field="linked_type",
        )
    return linked_type


def _check_write(
    *,
    officer,
    device,
    kind,
    reason,
    reason_text,
    query,
    hits,
    linked_type,
    linked_id,
    family="",
    date_of_birth=None,
) -> Check:
    at = now()
    with transaction.atomic():
        check = Check.objects.create(
            officer=officer,
            device=device,
            at=at,
            checked_at=at,
            kind=kind,
            reason=reason,
            reason_text=reason_text,
            query=query,
            query_family_name=family[:100],
            query_date_of_birth=date_of_birth,
            result_count=len(hits),
            result_ids=[str(hit.id) for hit in hits],
            linked_type=linked_type,
            linked_id=linked_id,
        )
        consultation_record(
            actor=officer,
            device=device,
            object_type="checks.check",
            object_id=check.pk,
            justification=reason_justification(reason, reason_text),
            detail={"kind": kind, "results": len(hits)},
        )
    return check


def _same_offline(existing: Check, officer) -> Check:
    if existing.officer_id != officer.pk or existing.origin != "offline":
        raise Conflict("id_reused", "a check with this id already exists", field="id")
    return existing


def _pack_content(officer) -> dict:
    station_id = officer.station_id
    person_ids = list(
        Person.objects.filter(Q(wanted=True) | Q(missing=True), station_id=station_id)
        .order_by("pk")
        .values_list("pk", flat=True)[:PACK_PERSONS_MAX]
    )
    found = search.persons_with_related(Person.objects.filter(pk__in=person_ids))
    vehicles = Vehicle.objects.filter(station_id=station_id, stolen=True).order_by("plate")[
        :PACK_VEHICLES_MAX
    ]
    return {
        "station_id": str(station_id) if station_id else None,
        # The app computes a query's nickname keys offline from the same table (pwa names.js).
        "nicknames": names.NICKNAMES,
        "persons": [
            {
                "id": str(person.pk),
                "given_name": person.given_name,
                "family_name": person.family_name,
                "aliases": [
                    f"{alias.given_name} {alias.family_name}".strip()
                    for alias in person.aliases.all()
                ],
                "date_of_birth": person.date_of_birth.isoformat() if person.date_of_birth else None,
                "keys": sorted(
                    names.names_keys([(person.given_name, person.family_name)])
                    | names.names_keys(
                        [(a.given_name, a.family_name) for a in person.aliases.all()]
                    )
                ),
                "warnings": search.person_warnings(person),
            }
            for person in sorted(found, key=lambda p: (p.family_name, p.given_name))
        ],
        "vehicles": [
            {
                "id": str(vehicle.pk),
                "registration": vehicle.registration,
                "plate_folded": vehicle.plate_folded,
                "make": vehicle.make,
                "model": vehicle.model,
                "colour": vehicle.colour,
                "warnings": search.vehicle_warnings(vehicle),
            }
            for vehicle in vehicles
        ],
    }


def pack_expired(pack: BriefingPack, at: datetime | None = None) -> bool:
    return (at or now()) >= pack.expires_at
