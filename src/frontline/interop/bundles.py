"""Court bundles: a record (or a notebook extract) with its evidence, custody and a check.

The bundle states the SHA-256 of each record's content as bundled (canonical JSON), each linked
record's, each evidence item's bytes and chain hashes, and the audit event that logged the
disclosure. `frontline verify --record <bundle or record id>` recomputes them from the database
and runs the record's own chain checks, so anyone can confirm the bundle shows what is held.
"""

import hashlib
from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from frontline.audit.keeping import (
    evidence_attached,
    evidence_bundled,
    record_keeping_all,
    record_keeping_get,
)
from frontline.audit.models import DISCLOSURE, AuditEvent
from frontline.audit.selectors import disposal_get
from frontline.audit.services import audit_record, justification_clean
from frontline.common.clock import now
from frontline.common.errors import InvalidInput, NotFound
from frontline.common.hashing import canonical_json
from frontline.common.ids import uuid7
from frontline.interop.readable import readable_lines

OBJECT_TYPE = "interop.bundle"
RECIPIENT_MAX = 200
LINKED_LIMIT = 50


@dataclass(frozen=True)
class BundleItem:
    record_type: str
    record_id: UUID
    content: dict
    content_sha256: str
    linked: bool  # a record the main one links to


@dataclass(frozen=True)
class Bundle:
    id: UUID
    title: str
    items: list[BundleItem]
    evidence: list[dict]
    audit_seq: int
    pdf: bytes


def content_sha256(content: dict) -> str:
    return hashlib.sha256(canonical_json(content).encode()).hexdigest()


def bundle_record(
    *, actor, record_type: str, record_id: UUID, reason: str, recipient: str = "", device=None
) -> Bundle:
    """A bundle for one record, with the records it links to and all their evidence."""
    keeping = record_keeping_get(record_type)
    if keeping is None:
        raise InvalidInput("unknown_type", "no such record type", field="record_type")
    content = keeping.content(record_id)
    if content is None:
        raise NotFound("not_found", "no such record", field="record_id")
    items = [_item(record_type, record_id, content, linked=False)]
    for link in _links(content)[:LINKED_LIMIT]:
        linked = record_keeping_get(link["type"])
        linked_content = linked.content(UUID(link["id"])) if linked else None
        if linked_content is not None:
            items.append(_item(link["type"], UUID(link["id"]), linked_content, linked=True))
    title = f"{keeping.label} {record_id}"
    return _bundle(actor, title, items, reason, recipient, device)


def bundle_notebook_extract(
    *,
    actor,
    collar_number: str,
    start: datetime,
    end: datetime,
    reason: str,
    recipient: str = "",
    device=None,
) -> Bundle:
    """An officer's notebook entries made in [start, end), in order, as one bundle."""
    if end <= start:
        raise InvalidInput("empty_period", "`to` must be after `from`", field="to")
    keeping = record_keeping_get("notebook.entry")
    ids = keeping.made_between(collar_number, start, end) if keeping else []
    if not ids:
        raise NotFound("not_found", "no notebook entries in that period", field="from")
    items = [
        _item("notebook.entry", entry_id, keeping.content(entry_id), linked=False)
        for entry_id in ids
    ]
    title = (
        f"Pocket notebook of {collar_number}, "
        f"{timezone.localtime(start):%d %b %Y %H:%M} to {timezone.localtime(end):%d %b %Y %H:%M}"
    )
    return _bundle(actor, title, items, reason, recipient, device)


def record_types_bundled() -> list[tuple[str, str]]:
    return [(k.record_type, k.label) for k in record_keeping_all()]


def _bundle(actor, title, items, reason, recipient, device) -> Bundle:
    reason = justification_clean(reason or "")
    recipient = (recipient or "").strip()
    if len(recipient) > RECIPIENT_MAX:
        raise InvalidInput("too_long", "the recipient is too long", field="recipient")
    by_type: dict[str, list[UUID]] = {}
    for item in items:
        by_type.setdefault(item.record_type, []).append(item.record_id)
    bundle_id = uuid7()
    with transaction.atomic():
        # Lock order: the evidence items' custody heads (the records' own locks), then audit.
        evidence = []
        for record_type, ids in sorted(by_type.items()):
            evidence_bundled(
                record_type, ids, actor=actor, device=device, bundle_id=bundle_id, reason=reason
            )
            evidence += evidence_attached(record_type, ids)
        event = audit_record(
            action=DISCLOSURE,
            object_type=OBJECT_TYPE,
            object_id=bundle_id,
            actor=actor,
            device=device,
            justification=reason,
            detail={
                "recipient": recipient,
                "records": [
                    [item.record_type, str(item.record_id), item.content_sha256] for item in items
                ],
                "evidence": [[entry["id"], entry["sha256"], entry["hash"]] for entry in evidence],
            },
        )
    pdf = _pdf(bundle_id, title, items, evidence, event, actor, recipient)
    return Bundle(bundle_id, title, items, evidence, event.seq, pdf)


def _item(record_type, record_id, content, *, linked) -> BundleItem:
    return BundleItem(record_type, record_id, content, content_sha256(content), linked)


def _links(content: dict) -> list[dict]:
    links = content.get("content", {}).get("links") if isinstance(content, dict) else None
    return [link for link in links or [] if isinstance(link, dict) and "type" in link]


def _pdf(bundle_id, title, items, evidence, event: AuditEvent, actor, recipient) -> bytes:
    import weasyprint

    html = render_to_string(
        "interop/bundle_pdf.html",
        {
            "bundle_id": bundle_id,
            "title": title,
            "items": [
                {
                    "item": item,
                    "label": _label(item.record_type),
                    "lines": readable_lines(item.content),
                    "disposal": disposal_get(
                        record_type=item.record_type, record_id=item.record_id
                    ),
                }
                for item in items
            ],
            "evidence": evidence,
            "event": event,
            "actor": actor,
            "recipient": recipient,
            "generated_at": timezone.localtime(now()),
        },
    )
    return weasyprint.HTML(string=html, url_fetcher=_no_fetch).write_pdf()


def _label(record_type: str) -> str:
    keeping = record_keeping_get(record_type)
    return keeping.label if keeping else record_type


def _no_fetch(url, *args, **kwargs):
    raise ValueError("the PDF embeds everything it needs: nothing is fetched")
