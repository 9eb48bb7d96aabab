"""What information management needs from stop and search (see frontline.audit.keeping).

Disposal blanks who was searched (name, address, date of birth), the free-text grounds and the
vehicle registration; the row stays with the fields data.police.uk publishes, so monthly
statistics do not change when a record is disposed.
"""

from uuid import UUID

from frontline.audit.keeping import (
    HeldRows,
    RecordKeeping,
    SubjectMatch,
    record_dispose,
    record_keeping_register,
)
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
    held_rows = HeldRows(
        record_type=RECORD_TYPE,
        rows=StopSearch.objects.all,
        made_at="recorded_at",
        officer="officer",
        station="station",
        summary=lambda record: record.urn,
    )
    record_keeping_register(
        RecordKeeping(
            record_type=RECORD_TYPE,
            label="Stop and search",
            review_years=6,
            held=held_rows.held,
            held_get=held_rows.held_get,
            dispose=stop_search_dispose,
            subject_find=stop_searches_of_person,
            content=stop_search_content,
            formats={"police_uk": stop_search_police_uk},
        )
    )


def stop_search_dispose(record_id: UUID) -> dict | None:
    """The URN stays with the row, and is the proof of which search was disposed."""
    return record_dispose(StopSearch.objects.filter(pk=record_id), blank=PERSONAL, proof=("urn",))


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
