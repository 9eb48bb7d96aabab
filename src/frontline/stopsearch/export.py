"""The monthly export in the data.police.uk stop-and-search shape, as JSON or CSV.

Field names and value strings are data.police.uk's. Unknown values are null (JSON) or empty (CSV).
`location.street.id` is data.police.uk's own snapped-street id, which we do not hold: always null.
The person's name, address and date of birth never leave in an export.
"""

import csv
import io
import json
from datetime import UTC

from frontline.stopsearch import selectors, vocab

FIELDS = [
    "type",
    "involved_person",
    "datetime",
    "operation",
    "operation_name",
    "location",
    "gender",
    "age_range",
    "self_defined_ethnicity",
    "officer_defined_ethnicity",
    "legislation",
    "object_of_search",
    "outcome",
    "outcome_object",
    "outcome_linked_to_object_of_search",
    "removal_of_more_than_outer_clothing",
]
# CSV flattens the nested objects with dots, as data.police.uk's own CSV files do.
CSV_COLUMNS = [
    "type",
    "involved_person",
    "datetime",
    "operation",
    "operation_name",
    "location.latitude",
    "location.longitude",
    "location.street.id",
    "location.street.name",
    "gender",
    "age_range",
    "self_defined_ethnicity",
    "officer_defined_ethnicity",
    "legislation",
    "object_of_search",
    "outcome",
    "outcome_object.id",
    "outcome_object.name",
    "outcome_linked_to_object_of_search",
    "removal_of_more_than_outer_clothing",
]
FORMATS = {"json": "application/json", "csv": "text/csv; charset=utf-8"}


def stop_searches_export(*, month: str, format: str) -> str:
    """The month's records (YYYY-MM, London time) as data.police.uk JSON or CSV text."""
    rows = [export_row(record) for record in selectors.stop_searches_in_month(month=month)]
    if format == "csv":
        return _csv(rows)
    return json.dumps(rows, ensure_ascii=False, indent=1)


def export_row(record) -> dict:
    located = record.latitude is not None
    return {
        "type": record.type,
        "involved_person": record.type in vocab.PERSON_TYPES,
        "datetime": record.occurred_at.astimezone(UTC).replace(microsecond=0).isoformat(),
        "operation": record.operation,
        "operation_name": record.operation_name or None,
        "location": {
            "latitude": f"{record.latitude:.6f}" if located else None,
            "longitude": f"{record.longitude:.6f}" if located else None,
            "street": {"id": None, "name": record.street_name or None},
        },
        "gender": record.gender or None,
        "age_range": record.age_range or None,
        "self_defined_ethnicity": vocab.SELF_DEFINED_ETHNICITY.get(record.self_defined_ethnicity),
        "officer_defined_ethnicity": record.officer_defined_ethnicity or None,
        "legislation": record.legislation,
        "object_of_search": record.object_of_search,
        "outcome": record.outcome,
        "outcome_object": {"id": vocab.OUTCOMES[record.outcome], "name": record.outcome},
        "outcome_linked_to_object_of_search": record.outcome_linked_to_object_of_search,
        "removal_of_more_than_outer_clothing": record.removal_of_more_than_outer_clothing,
    }


def _csv(rows: list[dict]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for row in rows:
        writer.writerow([_csv_value(_dig(row, column)) for column in CSV_COLUMNS])
    return out.getvalue()


def _dig(row: dict, column: str):
    value = row
    for part in column.split("."):
        value = value[part]
    return value


def _csv_value(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)
