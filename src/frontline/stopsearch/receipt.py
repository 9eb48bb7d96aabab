"""The receipt a searched person is given: no name, address or date of birth, ever."""

from dataclasses import dataclass
from datetime import date, datetime

import segno

from frontline.stopsearch import vocab
from frontline.stopsearch.period import LONDON, months_after


@dataclass(frozen=True)
class ReceiptData:
    urn: str
    occurred_at: datetime
    officer: str
    legislation: str
    object_of_search: str
    how_to_request_record: str
    request_record_by: date
    in_custody: bool


def receipt_data(record) -> ReceiptData:
    """What the receipt shows. The officer's name, or their warrant number and station if the
    name was withheld (PACE Code A 4.3); the record may be asked for within 3 months, or 12 when
    the person was taken into custody (an arrest)."""
    in_custody = record.outcome == vocab.ARREST
    months = vocab.RECORD_REQUEST_MONTHS_IN_CUSTODY if in_custody else vocab.RECORD_REQUEST_MONTHS
    return ReceiptData(
        urn=record.urn,
        occurred_at=record.occurred_at,
        officer=officer_identity(record),
        legislation=record.legislation,
        object_of_search=record.object_of_search,
        how_to_request_record=vocab.HOW_TO_REQUEST_RECORD,
        request_record_by=months_after(record.occurred_at.astimezone(LONDON).date(), months),
        in_custody=in_custody,
    )


def officer_identity(record) -> str:
    return officer_identity_of(
        record.officer, station=record.station, withheld=record.officer_name_withheld
    )


def officer_identity_of(officer, *, station, withheld: bool) -> str:
    """How a receipt names the officer; the app shows the same words before any sync."""
    if withheld:
        return (
            f"Warrant number {officer.collar_number}, {station.name if station else 'no station'}"
        )
    return f"{officer.rank} {officer.display_name} ({officer.collar_number})"


def receipt_qr_svg(url: str) -> str:
    return segno.make(url, error="m").svg_inline(scale=4, title="Link to your receipt")
