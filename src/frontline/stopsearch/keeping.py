"""What information management needs from stop and search (see frontline.audit.keeping).

Disposal blanks who was searched (name, address, date of birth), the free-text grounds and the
vehicle registration; the row stays with the fields data.police.uk publishes, so monthly
statistics do not change when a record is disposed.
"""

from uuid import UUID

from frontline.audit.keeping import HeldRecord, RecordKeeping, SubjectMatch, record_keeping_register
from frontline.common.appendonly import append_only_redact
from frontline.stopsearch.export import export_row
from frontline.stopsearch.models import StopSearch
from frontline.stopsearch.sync import stop_search_serialise

RECORD_TYPE = "stopsearch.record"
PERSONAL = {
    "person_name": "",
    "person_address": "",
    "person_date_of_birth": None,
    "grounds": "",
    "vehicle_registration": "",
}
SUBJECT_LIMIT = 500


def register() -> None:
    record_keeping_register(
        RecordKeeping(
            record_type=RECORD_TYPE,
            label="Stop and search",
            review_years=6,
            held=stop_searches_held,
            held_get=stop_searches_held_get,
            dispose=stop_search_dispose,
            subject_find=stop_searches_of_person,
            content=stop_search_content,
            formats={"police_uk": stop_search_police_uk},
        )
    )


def stop_searches_held(made_before, station: str | None, limit: int) -> list[HeldRecord]:
    query = StopSearch.objects.filter(recorded_at__lt=made_before)
    if station:
        query = query.filter(station__code=station)
    return _held(query.order_by("recorded_at")[:limit])


def stop_searches_held_get(ids: list[UUID]) -> list[HeldRecord]:
    return _held(StopSearch.objects.filter(pk__in=ids))


def stop_search_dispose(record_id: UUID) -> dict | None:
    query = StopSearch.objects.filter(pk=record_id)
    if not query.exists():
        return None
    append_only_redact(query, **PERSONAL)
    return {"urn": query.values_list("urn", flat=True).get()}


def stop_searches_of_person(name: str, birth_date) -> list[SubjectMatch]:
    query = StopSearch.objects.filter(person_name__icontains=name)
    if birth_date is not None:
        query = query.filter(person_date_of_birth=birth_date)
    return [
        SubjectMatch(
            record_type=RECORD_TYPE,
            record_id=record.pk,
            made_at=record.recorded_at,
            officer=record.officer.collar_number,
            role="searched person",
            content=stop_search_serialise(record),
        )
        for record in query.select_related("officer").order_by("recorded_at")[:SUBJECT_LIMIT]
    ]


def stop_search_content(record_id: UUID) -> dict | None:
    record = StopSearch.objects.filter(pk=record_id).first()
    return stop_search_serialise(record) if record else None


def stop_search_police_uk(record_id: UUID) -> dict | None:
    """The record in data.police.uk's shape: no name, address or date of birth."""
    record = StopSearch.objects.filter(pk=record_id).first()
    return export_row(record) if record else None


def _held(query) -> list[HeldRecord]:
    return [
        HeldRecord(
            record_type=RECORD_TYPE,
            record_id=record.pk,
            made_at=record.recorded_at,
            station=record.station.code if record.station_id else "",
            officer=record.officer.collar_number,
            summary=record.urn,
        )
        for record in query.select_related("officer", "station")
    ]
