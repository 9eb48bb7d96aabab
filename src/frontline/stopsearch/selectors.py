"""Reading stop and search records. Fixed query counts: one query per page."""

from datetime import datetime
from uuid import UUID

from django.db.models import F, Q

from frontline.common.errors import InvalidInput
from frontline.common.paging import page_size
from frontline.stopsearch import services, vocab
from frontline.stopsearch.models import StopSearch
from frontline.stopsearch.period import month_bounds
from frontline.stopsearch.receipt import officer_identity_of

FILTERS = ["month", "station", "officer", "type", "outcome", "ethnicity"]


def stop_searches_list(*, scope: dict, filters: dict, before: str | None = None, limit=None):
    """A page of the records in `scope` (from access.stop_search_scope), newest first."""
    size = page_size(limit)
    query = stop_searches_filtered(scope=scope, filters=filters).select_related(
        "officer", "station"
    )
    if before:
        moment, record_id = _cursor_parse(before)
        query = query.filter(Q(occurred_at__lt=moment) | Q(occurred_at=moment, id__lt=record_id))
    rows = list(query.order_by("-occurred_at", "-id")[: size + 1])
    return rows[:size], len(rows) > size


def stop_searches_filtered(*, scope: dict, filters: dict):
    """Records in scope, narrowed by the list filters (empty values are ignored)."""
    query = StopSearch.objects.all()
    if "team_or_officer" in scope:
        team_id, officer_id = scope["team_or_officer"]
        query = query.filter(Q(team_id=team_id) | Q(officer_id=officer_id))
    elif "officer_id" in scope:
        query = query.filter(officer_id=scope["officer_id"])
    if filters.get("month"):
        start, end = month_bounds(filters["month"])
        query = query.filter(occurred_at__gte=start, occurred_at__lt=end)
    if filters.get("station"):
        query = query.filter(station__code__iexact=filters["station"])
    if filters.get("officer"):
        query = query.filter(officer__collar_number__iexact=filters["officer"])
    for name, column in (
        ("type", "type"),
        ("outcome", "outcome"),
        ("ethnicity", "self_defined_ethnicity"),
    ):
        if filters.get(name):
            query = query.filter(**{column: filters[name]})
    return query


def stop_search_get(*, record_id) -> StopSearch | None:
    return (
        StopSearch.objects.select_related("officer", "station", "team").filter(pk=record_id).first()
    )


def stop_search_by_receipt_token(*, token: str) -> StopSearch | None:
    return (
        StopSearch.objects.select_related("officer", "station").filter(receipt_token=token).first()
    )


def stop_searches_in_month(*, month: str, team_id=None):
    """The month's records, oldest first, for the export and the statistics."""
    start, end = month_bounds(month)
    query = StopSearch.objects.filter(occurred_at__gte=start, occurred_at__lt=end)
    if team_id is not None:
        query = query.filter(team_id=team_id)
    return query.order_by("occurred_at", "id")


def cursor_of(record) -> str:
    return f"{record.occurred_at.isoformat()}_{record.pk}"


def _cursor_parse(value: str):
    try:
        moment, record_id = value.rsplit("_", 1)
        return datetime.fromisoformat(moment), UUID(record_id)
    except ValueError:
        raise InvalidInput(
            "invalid_cursor", "use next_before from a page", field="before"
        ) from None


def stop_search_form(*, officer) -> dict:
    """Everything the officer app needs to make a record and its receipt with no signal: the
    value lists, the rules' parameters, the station code that starts a URN and the words the
    receipt uses for this officer. At most one query (the officer's station)."""
    station = officer.station
    return {
        "station": {"code": station.code.upper(), "name": station.name} if station else None,
        "officer_identity": officer_identity_of(officer, station=station, withheld=False),
        "officer_identity_withheld": officer_identity_of(officer, station=station, withheld=True),
        "types": vocab.SEARCH_TYPES,
        "person_types": [t for t in vocab.SEARCH_TYPES if t in vocab.PERSON_TYPES],
        "vehicle_types": [t for t in vocab.SEARCH_TYPES if t in vocab.VEHICLE_TYPES],
        "genders": vocab.GENDERS,
        "age_ranges": vocab.AGE_RANGES,
        "self_defined_ethnicities": [
            {"value": code, "label": f"{code}: {text}"}
            for code, text in vocab.SELF_DEFINED_ETHNICITY.items()
        ],
        "officer_defined_ethnicities": vocab.OFFICER_DEFINED_ETHNICITIES,
        "legislation": vocab.LEGISLATION,
        "no_suspicion_powers": [p for p in vocab.LEGISLATION if p in vocab.NO_SUSPICION_POWERS],
        "objects_of_search": vocab.OBJECTS_OF_SEARCH,
        "outcomes": list(vocab.OUTCOMES),
        "no_further_action": vocab.NO_FURTHER_ACTION,
        "arrest": vocab.ARREST,
        "grounds_min": services.GROUNDS_MIN,
        "gowisely": [
            {"letter": letter, "word": word, "prompt": prompt}
            for letter, word, prompt in vocab.GOWISELY
        ],
        "how_to_request_record": vocab.HOW_TO_REQUEST_RECORD,
        "record_request_months": vocab.RECORD_REQUEST_MONTHS,
        "record_request_months_in_custody": vocab.RECORD_REQUEST_MONTHS_IN_CUSTODY,
    }


def stop_search_usage_rows(*, officer_ids, start, end) -> list[dict]:
    """Searches by the officers received in [start, end): when, where and on which device, for
    the evaluation's usage measures. One query; nothing about the person searched."""
    return list(
        StopSearch.objects.filter(
            officer_id__in=officer_ids, recorded_at__gte=start, recorded_at__lt=end
        ).values(
            "officer_id",
            "device_id",
            "occurred_at",
            "latitude",
            "longitude",
            received_at=F("recorded_at"),
        )
    )
