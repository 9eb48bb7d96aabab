"""Outbound notifications: a transactional outbox fed by the committed change feed.

Every record change already appends to the change feed (`sync.Change`) inside its own
transaction, and a feed row with seq at or below the committed head (`sync.ChangeHead`) is
committed (seq order is commit order). So the feed is the outbox: each destination keeps a
cursor, and `outbox_enqueue` turns the changes past it into `Delivery` rows, in one transaction
with the cursor's advance, so a change is queued exactly once per destination and none is
skipped (docs/decisions/0009-information-management-and-outbox.md).

`outbox_deliver` sends what is due: HTTP POST signed with HMAC-SHA256 (optionally over mutual
TLS), or a file written atomically into a directory. A failure is retried with exponential
backoff; after the last attempt the delivery is a dead letter with its last error, until it is
replayed from the back office. Delivery is at least once; the delivery id (header
`X-Frontline-Delivery`, and the file name) lets a receiver drop a repeat, so each record reaches
it exactly once.
"""

import csv
import io
import json
import os
import ssl
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from uuid import UUID

from django.conf import settings
from django.db import transaction

from frontline.audit.keeping import record_keeping_get
from frontline.audit.services import audit_record
from frontline.common.clock import now
from frontline.common.errors import InvalidInput, NotFound
from frontline.common.ids import uuid7
from frontline.interop.models import (
    CREATED,
    DEAD,
    DELETED,
    DELIVERED,
    DIRECTORY,
    PENDING,
    UPDATED,
    Delivery,
    Destination,
)
from frontline.interop.signing import signature_make
from frontline.sync.models import Change, ChangeHead
from frontline.sync.registry import record_type_get

ENQUEUE_BATCH = 1_000
DELIVER_BATCH = 100
LEASE = timedelta(minutes=5)  # a claimed delivery is left to its worker this long
BACKOFF_CAP = timedelta(hours=6)
HTTP_TIMEOUT = 10
FEED_HEAD = "main"  # the change feed's head row, as sync.selectors reads it


@dataclass(frozen=True)
class DeliveryRun:
    queued: int
    delivered: int
    retried: int
    dead: int


# --- the outbox -----------------------------------------------------------------------------


def outbox_enqueue() -> int:
    """Queue the committed changes past each active destination's cursor. Returns how many."""
    queued = 0
    for destination_id in Destination.objects.filter(active=True).values_list("pk", flat=True):
        with transaction.atomic():
            destination = Destination.objects.select_for_update().get(pk=destination_id)
            head = feed_head()
            changes = list(
                Change.objects.filter(seq__gt=destination.cursor, seq__lte=head).order_by("seq")[
                    :ENQUEUE_BATCH
                ]
            )
            if not changes:
                continue
            at = now()
            rows = [
                Delivery(
                    id=uuid7(),
                    destination=destination,
                    change_seq=change.seq,
                    record_type=change.type,
                    record_id=change.record_id,
                    event=_event(change),
                    next_attempt_at=at,
                    created_at=at,
                )
                for change in changes
                if change.type in destination.record_types and _event(change) in destination.events
            ]
            Delivery.objects.bulk_create(rows, ignore_conflicts=True)
            destination.cursor = changes[-1].seq
            destination.save(update_fields=["cursor"])
            queued += len(rows)
    return queued


def outbox_deliver(*, limit: int = DELIVER_BATCH) -> DeliveryRun:
    """Send every delivery that is due, each claimed first so two workers never both send it."""
    delivered = retried = dead = 0
    due = list(
        Delivery.objects.filter(
            status=PENDING, next_attempt_at__lte=now(), destination__active=True
        )
        .select_related("destination")
        .order_by("next_attempt_at", "change_seq")[:limit]
    )
    for delivery in due:
        claimed = Delivery.objects.filter(
            pk=delivery.pk, status=PENDING, next_attempt_at=delivery.next_attempt_at
        ).update(next_attempt_at=now() + LEASE)
        if not claimed:
            continue  # another worker has it
        error = _send(delivery)
        delivery.attempts += 1
        if error is None:
            delivery.status = DELIVERED
            delivery.delivered_at = now()
            delivery.last_error = ""
            delivered += 1
        elif delivery.attempts >= settings.OUTBOX_MAX_ATTEMPTS:
            delivery.status = DEAD
            delivery.last_error = error
            dead += 1
        else:
            delivery.next_attempt_at = now() + backoff(delivery.attempts)
            delivery.last_error = error
            retried += 1
        Delivery.objects.filter(pk=delivery.pk).update(
            status=delivery.status,
            attempts=delivery.attempts,
            next_attempt_at=delivery.next_attempt_at,
            last_error=delivery.last_error,
            delivered_at=delivery.delivered_at,
        )
    return DeliveryRun(0, delivered, retried, dead)


def outbox_run_once() -> DeliveryRun:
    queued = outbox_enqueue()
    run = outbox_deliver()
    return DeliveryRun(queued, run.delivered, run.retried, run.dead)


def outbox_run(*, once: bool = False, interval: float = 2.0, should_stop=lambda: False) -> None:
    """The delivery worker: queue and send until stopped (or once)."""
    while True:
        outbox_run_once()
        if once or should_stop():
            return
        waited = 0.0
        while waited < interval and not should_stop():
            time.sleep(0.1)
            waited += 0.1
        if should_stop():
            return


def backoff(attempts: int) -> timedelta:
    """30 s, 1 min, 2 min, 4 min, ... (FRONTLINE_OUTBOX_BACKOFF_SECONDS), at most six hours."""
    delay = timedelta(seconds=settings.OUTBOX_BACKOFF_SECONDS * 2 ** (attempts - 1))
    return min(delay, BACKOFF_CAP)


def dead_letters(*, limit: int = 200) -> list[Delivery]:
    return list(
        Delivery.objects.filter(status=DEAD)
        .select_related("destination")
        .order_by("-next_attempt_at", "-change_seq")[:limit]
    )


def delivery_replay(*, actor, delivery_id: UUID) -> Delivery:
    """Send a dead letter again: pending now, attempts from zero."""
    with transaction.atomic():
        delivery = Delivery.objects.select_for_update().filter(pk=delivery_id).first()
        if delivery is None:
            raise NotFound("not_found", "no such delivery", field="delivery_id")
        if delivery.status != DEAD:
            raise InvalidInput(
                "not_dead", "only a dead letter can be replayed", field="delivery_id"
            )
        delivery.status = PENDING
        delivery.attempts = 0
        delivery.next_attempt_at = now()
        delivery.save(update_fields=["status", "attempts", "next_attempt_at"])
        audit_record(
            action="interop.delivery_replay",
            object_type="interop.delivery",
            object_id=delivery.pk,
            actor=actor,
            detail={"destination": str(delivery.destination_id), "change_seq": delivery.change_seq},
        )
    return delivery


# --- payloads -------------------------------------------------------------------------------


def delivery_body(delivery: Delivery) -> tuple[bytes, str, str]:
    """The payload to send: (bytes, media type, file extension)."""
    destination = delivery.destination
    record = None
    if delivery.event != DELETED:
        record = _document(destination, delivery.record_type, delivery.record_id)
    envelope = {
        "delivery_id": str(delivery.pk),
        "destination": destination.name,
        "event": delivery.event,
        "record_type": delivery.record_type,
        "record_id": str(delivery.record_id),
        "change_seq": delivery.change_seq,
        "format": destination.format,
    }
    if destination.format == "csv":
        row = {**envelope, **_flatten(record or {})}
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(row.keys())
        writer.writerow(["" if value is None else value for value in row.values()])
        return out.getvalue().encode(), "text/csv; charset=utf-8", "csv"
    body = json.dumps({**envelope, "record": record}, ensure_ascii=False, sort_keys=True)
    return body.encode(), "application/json", "json"


# --- helpers --------------------------------------------------------------------------------


def _send(delivery: Delivery) -> str | None:
    """Send once; None on success, else the error (never any of the payload)."""
    try:
        body, media_type, extension = delivery_body(delivery)
    except Exception as exc:  # a record that cannot be rendered is a delivery error, not a crash
        return f"could not build the payload: {type(exc).__name__}"
    destination = delivery.destination
    timestamp = int(time.time())
    signature = signature_make(destination.secret, timestamp, body) if destination.secret else ""
    if destination.kind == DIRECTORY:
        return _drop(destination, delivery, body, extension, timestamp, signature)
    request = urllib.request.Request(  # noqa: S310 - the scheme was checked to be http(s)
        destination.url,
        data=body,
        method="POST",
        headers={
            "Content-Type": media_type,
            "User-Agent": "Frontline outbox",
            "X-Frontline-Delivery": str(delivery.pk),
            "X-Frontline-Event": f"{delivery.record_type}.{delivery.event}",
            "X-Frontline-Timestamp": str(timestamp),
            "X-Frontline-Signature": signature,
        },
    )
    try:
        with urllib.request.urlopen(  # noqa: S310 - the scheme is checked to be http(s)
            request, timeout=HTTP_TIMEOUT, context=_tls(destination)
        ) as response:
            if 200 <= response.status < 300:
                return None
            return f"HTTP {response.status}"
    except urllib.error.HTTPError as exc:
        return f"HTTP {exc.code} {exc.reason}"[:500]
    except (urllib.error.URLError, OSError, ssl.SSLError) as exc:
        reason = getattr(exc, "reason", exc)
        return f"connection failed: {reason}"[:500]


def _drop(destination, delivery, body, extension, timestamp, signature) -> str | None:
    folder = Path(destination.directory)
    name = f"{delivery.change_seq:012d}-{delivery.pk}.{extension}"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        if signature:
            _write_atomically(folder / f"{name}.sig", f"{timestamp} {signature}\n".encode())
        _write_atomically(folder / name, body)  # last: its arrival means the pair is complete
    except OSError as exc:
        return f"could not write to the directory: {exc.strerror or type(exc).__name__}"
    return None


def _write_atomically(path: Path, data: bytes) -> None:
    temporary = path.with_name(f".{path.name}.partial")
    with open(temporary, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temporary, path)


def _tls(destination: Destination) -> ssl.SSLContext | None:
    if not destination.url.startswith("https://"):
        return None
    context = ssl.create_default_context(cafile=destination.ca_bundle or None)
    if destination.client_cert:
        context.load_cert_chain(destination.client_cert, destination.client_key)
    return context


def _document(destination: Destination, record_type: str, record_id: UUID) -> dict | None:
    keeping = record_keeping_get(record_type)
    if destination.format in {"json", "csv"}:
        record_type_entry = record_type_get(record_type)
        if record_type_entry is None:
            return None
        found = record_type_entry.serialise_many([str(record_id)])
        # Keyed by the UUID or by its text, as the type chooses (sync.registry.RecordType).
        record = {str(key): data for key, data in found.items()}.get(str(record_id))
        return _restricted_removed(record, keeping, destination)
    render = keeping.formats.get(destination.format) if keeping else None
    return render(record_id) if render else None


def _restricted_removed(record: dict | None, keeping, destination: Destination) -> dict | None:
    """The record's own JSON without its restricted parts (an MG11's rear page: the witness's
    address, contacts, date of birth), unless the destination was set up to receive them."""
    if record is None or keeping is None or destination.restricted:
        return record
    return {key: value for key, value in record.items() if key not in keeping.restricted_keys}


def _flatten(value, prefix: str = "record") -> dict:
    if isinstance(value, dict):
        flat = {}
        for key, item in value.items():
            flat.update(_flatten(item, f"{prefix}.{key}"))
        return flat
    if isinstance(value, list):
        return {prefix: json.dumps(value, ensure_ascii=False, sort_keys=True)}
    return {prefix: value}


def feed_head() -> int:
    """The committed head of the change feed: every change at or below it has committed."""
    return ChangeHead.objects.filter(pk=FEED_HEAD).values_list("seq", flat=True).first() or 0


def _event(change: Change) -> str:
    if change.op == "delete":
        return DELETED
    return CREATED if change.version <= 1 else UPDATED
