"""Stop and search records as the app builds them."""

import secrets
from datetime import timedelta

from frontline.common.clock import now
from frontline.common.ids import uuid7
from frontline.stopsearch.services import stop_search_record
from frontline.stopsearch.urn import urn_make

URL = "/api/v1/stop-searches"
REASON = "Reviewing the search for the monthly scrutiny panel"
_seq = iter(range(1, 10**6))


def payload(device=None, *, station="HS", **overrides) -> dict:
    """A valid person search under s23 Misuse of Drugs Act, made on `device` (or any)."""
    device_id = device.pk if device is not None else uuid7()
    body = {
        "urn": urn_make(station_code=station, device_id=device_id, seq=next(_seq)),
        "receipt_token": secrets.token_urlsafe(16),
        "type": "Person search",
        "occurred_at": (now() - timedelta(minutes=10)).replace(microsecond=0).isoformat(),
        "latitude": "51.492700",
        "longitude": "-0.229700",
        "street_name": "King Street",
        "gender": "Male",
        "age_range": "18-24",
        "self_defined_ethnicity": "A1",
        "legislation": "Misuse of Drugs Act 1971 (section 23)",
        "object_of_search": "Controlled drugs",
        "grounds": "Strong smell of cannabis; seen passing a small package.",
        "outcome": "A no further action disposal",
    }
    body.update(overrides)
    return body


def api_body(device, **overrides) -> dict:
    return {"id": str(uuid7()), **payload(device, **overrides)}


def record(officer, *, occurred_at=None, **overrides):
    """Stored through the service, as the demo does: no device."""
    from frontline.stopsearch.schemas import StopSearchPayload

    body = payload(**overrides)
    if occurred_at is not None:
        body["occurred_at"] = occurred_at.isoformat()
    details = StopSearchPayload.model_validate(body).model_dump()
    return stop_search_record(officer=officer, record_id=uuid7(), details=details).record
