"""Stop and search for the sync engine: `stopsearch.record`, evidential, create-only.

The app pushes `{"type": "stopsearch.record", "op": "create", "id": <uuid>, "payload": {...}}`
with the payload of schemas.StopSearchPayload. Everything in it is made on the device, offline
if need be: `urn` (station code, first six hex digits of the device id, the device's own search
count, e.g. "HS-3FA9C2-17") and `receipt_token` (at least 22 random URL-safe characters; the
receipt link is /office/stop-searches/receipt/<token>/), so the receipt can be shown at once.
Values are data.police.uk's strings, except `self_defined_ethnicity`, a code such as "A1". A
rule broken gives `payload.<field>` in the rejection; a taken urn is `payload.urn`.
Pulls carry the record back to its owner only, with the fields below.
"""

from frontline.stopsearch import services
from frontline.stopsearch.models import StopSearch
from frontline.stopsearch.schemas import StopSearchPayload
from frontline.sync.registry import (
    EVIDENTIAL,
    Applied,
    ApplyContext,
    RecordType,
    evidential_applied,
)


def stop_search_apply(context: ApplyContext) -> Applied:
    result = services.stop_search_record(
        officer=context.officer,
        record_id=context.record_id,
        details=context.payload.model_dump(),
        device=context.device,
        app_version=context.app_version,
    )
    return evidential_applied(context, created=result.created)


def stop_searches_serialise(ids) -> dict:
    return {
        record.pk: stop_search_serialise(record) for record in StopSearch.objects.filter(pk__in=ids)
    }


def stop_search_serialise(record: StopSearch) -> dict:
    body = {name: getattr(record, name) for name in services.FIELDS}
    for name in ("latitude", "longitude"):
        body[name] = str(body[name]) if body[name] is not None else None
    body["occurred_at"] = record.occurred_at.isoformat()
    birth = record.person_date_of_birth
    body["person_date_of_birth"] = birth.isoformat() if birth else None
    return {
        "id": str(record.pk),
        "officer_id": str(record.officer_id),
        "recorded_at": record.recorded_at.isoformat(),
        "supersedes": str(record.supersedes_id) if record.supersedes_id else None,
        **body,
    }


RECORD_TYPES = [
    RecordType(
        name=services.SYNC_TYPE,
        lane=EVIDENTIAL,
        schema=StopSearchPayload,
        apply=stop_search_apply,
        serialise_many=stop_searches_serialise,
    ),
]
