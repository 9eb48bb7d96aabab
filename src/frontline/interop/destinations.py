"""Destinations: the force systems that receive records, validated before anything is stored.

An HTTP destination must have a signing secret of at least 32 characters (the payload is signed
with HMAC-SHA256, see interop.signing) and may add mutual TLS over https; a directory drop
writes files atomically. Each names the record types and events it receives and one format.
"""

import os
from urllib.parse import urlsplit
from uuid import UUID

from django.db import transaction

from frontline.audit.keeping import record_keeping_get
from frontline.audit.services import audit_record
from frontline.common.clock import now
from frontline.common.errors import InvalidInput, NotFound
from frontline.common.ids import uuid7
from frontline.common.text import has_control_characters
from frontline.interop.models import DIRECTORY, EVENTS, HTTP, Destination
from frontline.interop.outbox import feed_head
from frontline.sync.registry import record_type_names

FORMATS = {
    "json": "Frontline record JSON",
    "police_uk": "data.police.uk JSON (stop and search)",
    "pole": "POLE JSON (incident reports)",
    "csv": "CSV (one row per record)",
}
SECRET_MIN = 32
NAME_MAX = 100
PATH_MAX = 500


def destination_create(
    *,
    actor,
    name: str,
    kind: str,
    record_types: list[str],
    events: list[str],
    format: str,
    url: str = "",
    secret: str = "",
    client_cert: str = "",
    client_key: str = "",
    ca_bundle: str = "",
    directory: str = "",
    backfill: bool = False,
    restricted: bool = False,
) -> Destination:
    """Validate everything first; the destination receives changes from now on, or (`backfill`)
    every change still in the feed. Restricted content (an MG11's rear page) goes only to a
    destination created with `restricted`, and the audit event says so."""
    name = _text(name, "name", NAME_MAX, required=True)
    if kind not in {HTTP, DIRECTORY}:
        raise InvalidInput("invalid", "the kind must be http or directory", field="kind")
    record_types = _record_types(record_types)
    events = _events(events)
    _format_check(format, record_types)
    if not isinstance(restricted, bool):
        raise InvalidInput("invalid", "restricted must be true or false", field="restricted")
    secret = secret or ""
    if secret and len(secret) < SECRET_MIN:
        raise InvalidInput(
            "too_short", f"the secret must be at least {SECRET_MIN} characters", field="secret"
        )
    if len(secret) > 200 or has_control_characters(secret):
        raise InvalidInput("invalid", "the secret is not usable", field="secret")
    values = {"url": "", "client_cert": "", "client_key": "", "ca_bundle": "", "directory": ""}
    if kind == HTTP:
        values["url"] = _url(url)
        if not secret:
            raise InvalidInput(
                "required", "an HTTP destination needs a secret to sign with", field="secret"
            )
        for field in ("client_cert", "client_key", "ca_bundle"):
            values[field] = _path(locals()[field], field, required=False)
        if bool(values["client_cert"]) != bool(values["client_key"]):
            raise InvalidInput(
                "incomplete", "mutual TLS needs both a certificate and a key", field="client_key"
            )
        if values["client_cert"] and not values["url"].startswith("https://"):
            raise InvalidInput("invalid", "mutual TLS needs an https URL", field="url")
    else:
        values["directory"] = _path(directory, "directory", required=True)
    with transaction.atomic():
        if Destination.objects.filter(name=name).exists():
            raise InvalidInput("duplicate", "a destination of that name exists", field="name")
        head = feed_head()
        destination = Destination.objects.create(
            id=uuid7(),
            name=name,
            kind=kind,
            secret=secret,
            record_types=record_types,
            events=events,
            format=format,
            restricted=restricted,
            cursor=0 if backfill else head,
            created_at=now(),
            **values,
        )
        audit_record(
            action="interop.destination_create",
            object_type="interop.destination",
            object_id=destination.pk,
            actor=actor,
            detail={
                "name": name,
                "kind": kind,
                "format": format,
                "types": record_types,
                "restricted": restricted,
            },
        )
    return destination


def destination_set_active(*, actor, destination_id: UUID, active: bool) -> Destination:
    with transaction.atomic():
        destination = Destination.objects.select_for_update().filter(pk=destination_id).first()
        if destination is None:
            raise NotFound("not_found", "no such destination", field="destination_id")
        destination.active = active
        destination.save(update_fields=["active"])
        audit_record(
            action="interop.destination_active" if active else "interop.destination_paused",
            object_type="interop.destination",
            object_id=destination.pk,
            actor=actor,
        )
    return destination


def destinations_list() -> list[Destination]:
    return list(Destination.objects.order_by("name"))


def _record_types(values) -> list[str]:
    known = set(record_type_names())
    values = sorted(set(values or []))
    if not values:
        raise InvalidInput("required", "choose at least one record type", field="record_types")
    unknown = [value for value in values if value not in known]
    if unknown:
        raise InvalidInput(
            "unknown_type", f"no such record type: {unknown[0][:60]}", field="record_types"
        )
    return values


def _events(values) -> list[str]:
    values = sorted(set(values or []))
    if not values:
        raise InvalidInput("required", "choose at least one event", field="events")
    if any(value not in EVENTS for value in values):
        raise InvalidInput("invalid", "events are created, updated and deleted", field="events")
    return values


def _format_check(format: str, record_types: list[str]) -> None:
    if format not in FORMATS:
        raise InvalidInput("invalid", "no such format", field="format")
    if format in {"json", "csv"}:
        return
    for record_type in record_types:
        keeping = record_keeping_get(record_type)
        if keeping is None or format not in keeping.formats:
            raise InvalidInput(
                "unsupported",
                f"{FORMATS[format]} cannot carry {record_type} records",
                field="format",
            )


def _url(value: str) -> str:
    value = (value or "").strip()
    parts = urlsplit(value)
    if parts.scheme not in {"http", "https"} or not parts.hostname:
        raise InvalidInput(
            "invalid", "the URL must be http:// or https:// with a host", field="url"
        )
    if len(value) > PATH_MAX or has_control_characters(value) or " " in value:
        raise InvalidInput("invalid", "the URL is not usable", field="url")
    return value


def _path(value: str, field: str, *, required: bool) -> str:
    value = (value or "").strip()
    if not value:
        if required:
            raise InvalidInput("required", f"give the {field.replace('_', ' ')}", field=field)
        return ""
    if len(value) > PATH_MAX or has_control_characters(value) or not os.path.isabs(value):
        raise InvalidInput("invalid", "give an absolute path on the server", field=field)
    return value


def _text(value: str, field: str, limit: int, *, required: bool) -> str:
    value = " ".join((value or "").split())
    if required and not value:
        raise InvalidInput("required", f"give the {field}", field=field)
    if len(value) > limit or has_control_characters(value):
        raise InvalidInput("invalid", f"the {field} may be at most {limit} characters", field=field)
    return value
