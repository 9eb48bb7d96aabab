"""Writing evidence: items are only created; custody events are only appended.

Lock order, as everywhere: the item's own head row, then the change feed head, then the audit
head (`change_record` before `audit_record`).
"""

import hashlib
from dataclasses import dataclass
from datetime import datetime

from django.db import IntegrityError, transaction

from frontline.audit.models import DISCLOSURE
from frontline.audit.services import audit_record, consultation_record, justification_clean
from frontline.common.clock import now
from frontline.common.errors import Conflict, InvalidInput, NotFound, PermissionDenied
from frontline.common.hashing import chain_hash
from frontline.common.text import has_control_characters
from frontline.evidence import access, custody, validation
from frontline.evidence.models import (
    CAPTURED,
    EXPORTED,
    RECEIVED,
    UPLOADED,
    VIEWED,
    EvidenceHead,
    EvidenceItem,
)
from frontline.sync.blobs import blob_path
from frontline.sync.feed import change_record
from frontline.sync.models import Blob, Change

SYNC_TYPE = validation.SYNC_TYPE
OBJECT_TYPE = "evidence.item"
RECIPIENT_MAX = 200


@dataclass(frozen=True)
class ItemResult:
    item: EvidenceItem
    created: bool  # False when the same item had already been received


def evidence_item_create(
    *,
    officer,
    item_id,
    sha256: str,
    media_type: str,
    size: int,
    captured_at: datetime,
    record_type: str,
    record_id,
    description: str = "",
    filename: str = "",
    device=None,
    app_version: str = "",
) -> ItemResult:
    """An officer attaches a photo or file to a record. Idempotent by item id.

    The bytes may arrive before or after the item; once they are verified the chain gains an
    `uploaded` event (here, or in `evidence_media_complete`).
    """
    if not access.evidence_can_capture(officer):
        raise PermissionDenied("not_an_officer", "only officers capture evidence")
    sha256 = (sha256 or "").lower()
    validation.item_validate(
        sha256=sha256,
        media_type=media_type,
        size=size,
        captured_at=captured_at,
        record_type=record_type,
        description=description,
        filename=filename,
    )
    with transaction.atomic():
        _check_record(officer, record_type, record_id)
        blob = Blob.objects.select_for_update().filter(pk=sha256).first()
        if blob is not None and (blob.size != size or blob.media_type != media_type):
            raise Conflict(
                "blob_mismatch",
                "a file with this hash is held with another size or media type",
                field="size",
            )
        received_at = now()
        device_id = device.pk if device is not None else None
        fields = dict(
            officer_id=officer.pk,
            device_id=device_id,
            sha256=sha256,
            media_type=media_type,
            size=size,
            filename=filename,
            captured_at=captured_at,
            description=description,
            record_type=record_type,
            record_id=record_id,
            app_version=app_version[:40],
        )
        digest = chain_hash(
            custody.ITEM_TAG,
            custody.evidence_item_fields(item_id=item_id, received_at=received_at, **fields),
        )
        try:
            with transaction.atomic():
                item = EvidenceItem.objects.create(
                    id=item_id, received_at=received_at, hash=digest, **fields
                )
        except IntegrityError:
            existing = EvidenceItem.objects.filter(pk=item_id).first()
            if existing is None:
                raise
            if _same_content(existing, fields):
                return ItemResult(item=existing, created=False)
            raise Conflict(
                "id_reused", "an item with this id already exists with other content", field="id"
            ) from None
        head = EvidenceHead.objects.create(item=item, seq=0, hash=digest)
        custody.custody_append(
            head=head, action=CAPTURED, actor=officer, device=device, at=captured_at
        )
        custody.custody_append(
            head=head, action=RECEIVED, actor=officer, device=device, at=received_at
        )
        if blob is not None and blob.complete:
            _uploaded(head, item, blob)
        change_record(
            type=SYNC_TYPE, record_id=item_id, owner_id=officer.pk, team_id=officer.team_id
        )
        audit_record(
            action="evidence.capture",
            object_type=OBJECT_TYPE,
            object_id=item_id,
            actor=officer,
            device=device,
            detail={"record_type": record_type, "record_id": record_id.hex, "sha256": sha256},
        )
    return ItemResult(item=item, created=True)


def evidence_media_complete(*, item_id) -> bool:
    """The item's bytes are verified: mark it complete and log `uploaded`, exactly once.

    Called by the sync engine (`on_media_complete`) and by readers that find the blob held.
    Returns whether this call completed it.
    """
    with transaction.atomic():
        head = custody.head_for_update(item_id)
        if head.complete:
            return False
        item = EvidenceItem.objects.select_related("officer").get(pk=item_id)
        return _ensure_complete(head, item)


def evidence_view_record(
    *, viewer, item, device=None, reason: str = "", detail: dict | None = None
) -> EvidenceHead:
    """Log one view of an item or its bytes: a `viewed` custody event and, for anyone but the
    officer who captured it, a consultation with the reason. Returns the item's head."""
    if not access.evidence_can_read(viewer, item.officer):
        raise NotFound("not_found", "no such evidence you may see", field="item_id")
    consultation = access.evidence_read_is_consultation(viewer, item.officer)
    if consultation:
        if not reason or not reason.strip():
            raise InvalidInput(
                "reason_required", "a reason is required to view this evidence", field="reason"
            )
        reason = justification_clean(reason)
    else:
        reason = ""
    with transaction.atomic():
        head = custody.head_for_update(item.pk)
        held = _ensure_complete(head, item)  # heals an upload that finished unnoticed
        if detail and detail.get("content") and not held:
            raise Conflict("awaiting_media", "the file has not been uploaded yet", field="item_id")
        custody.custody_append(
            head=head, action=VIEWED, actor=viewer, device=device, reason=reason, detail=detail
        )
        if consultation:
            consultation_record(
                actor=viewer,
                device=device,
                object_type=OBJECT_TYPE,
                object_id=item.pk,
                justification=reason,
                detail={"custody_seq": head.seq},
            )
    return head


def evidence_record_consult(
    *, viewer, record_type: str, record_id, reason: str, items: int, device=None
):
    """Listing others' evidence on a record is a consultation of that record, with a reason."""
    return consultation_record(
        actor=viewer,
        device=device,
        object_type=record_type,
        object_id=record_id,
        justification=reason,
        detail={"evidence_items": items},
    )


def evidence_export(*, viewer, item, reason: str, recipient: str, device=None):
    """Disclose an item to a named recipient: custody `exported` and an audited disclosure."""
    if not access.evidence_can_read(viewer, item.officer):
        raise NotFound("not_found", "no such evidence you may see", field="item_id")
    if not access.evidence_can_export(viewer, item.officer):
        raise PermissionDenied(
            "not_allowed", "only the capturing officer or their supervisor may export"
        )
    if not reason or not reason.strip():
        raise InvalidInput("reason_required", "say why it is being disclosed", field="reason")
    reason = justification_clean(reason)
    recipient = (recipient or "").strip()
    if not recipient:
        raise InvalidInput("required", "name who receives it", field="recipient")
    if len(recipient) > RECIPIENT_MAX or has_control_characters(recipient):
        raise InvalidInput(
            "invalid",
            f"the recipient must be plain text of at most {RECIPIENT_MAX} characters",
            field="recipient",
        )
    with transaction.atomic():
        head = custody.head_for_update(item.pk)
        if not _ensure_complete(head, item):
            raise Conflict("awaiting_media", "the file has not been uploaded yet", field="item_id")
        event = custody.custody_append(
            head=head,
            action=EXPORTED,
            actor=viewer,
            device=device,
            reason=reason,
            detail={"recipient": recipient},
        )
        audit_record(
            action=DISCLOSURE,
            object_type=OBJECT_TYPE,
            object_id=item.pk,
            actor=viewer,
            device=device,
            justification=reason,
            detail={"custody_seq": event.seq},
        )
    return event


def evidence_content_verify(*, viewer, item, device=None, reason: str = "") -> tuple[bool, str]:
    """Re-hash the stored bytes. Logged as a view. Returns (matches, the digest found)."""
    path = blob_path(item.sha256)
    digest = _file_sha256(path) if path.exists() else ""
    match = digest == item.sha256
    evidence_view_record(
        viewer=viewer,
        item=item,
        device=device,
        reason=reason,
        detail={"content": True, "verify": "match" if match else "mismatch"},
    )
    return match, digest


def _ensure_complete(head: EvidenceHead, item: EvidenceItem) -> bool:
    """Whether the bytes are held; completes the item here if the blob arrived unnoticed."""
    if head.complete:
        return True
    blob = Blob.objects.select_related("completed_by").filter(pk=item.sha256, complete=True).first()
    if blob is None:
        return False
    _uploaded(head, item, blob)
    change_record(
        type=SYNC_TYPE,
        record_id=item.pk,
        owner_id=item.officer_id,
        team_id=item.officer.team_id,
        version=2,
    )
    audit_record(
        action="evidence.uploaded",
        object_type=OBJECT_TYPE,
        object_id=item.pk,
        actor=item.officer,
        device=blob.completed_by,
        detail={"sha256": item.sha256},
    )
    return True


def _uploaded(head: EvidenceHead, item: EvidenceItem, blob: Blob) -> None:
    custody.custody_append(
        head=head,
        action=UPLOADED,
        actor=item.officer,
        device=blob.completed_by,
        detail={"sha256": blob.sha256, "size": blob.size},
    )
    EvidenceHead.objects.filter(pk=head.item_id).update(complete=True)
    head.complete = True


def _check_record(officer, record_type, record_id) -> None:
    """Attach only to a record the officer may see, as far as the change feed knows it.

    A record the server has not received yet (it may come in a later push) is accepted: the
    reference is kept and the owner checked when it arrives is the feed's, not this item's.
    """
    owner = (
        Change.objects.filter(type=record_type, record_id=record_id)
        .order_by("seq")
        .values_list("owner_id", "scope", "team_id")
        .first()
    )
    if owner is None:
        return
    owner_id, scope, team_id = owner
    if owner_id == officer.pk:
        return
    if scope == "team" and team_id is not None and team_id == officer.team_id:
        return
    raise NotFound("record_not_found", "no such record of yours to attach to", field="record_id")


def _same_content(existing: EvidenceItem, fields: dict) -> bool:
    return all(
        getattr(existing, name) == value
        for name, value in fields.items()
        if name not in {"device_id", "app_version"}
    )


def _file_sha256(path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while block := handle.read(1 << 20):
            digest.update(block)
    return digest.hexdigest()
