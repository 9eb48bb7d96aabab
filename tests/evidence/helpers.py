"""Making evidence the way the officer app does: bytes through the blob service, items by id."""

import hashlib
from datetime import UTC, datetime, timedelta
from uuid import uuid4

from frontline.evidence import services
from frontline.sync import blobs

PHOTO = b"\x89PNG\r\n\x1a\n evidence photograph of the scene"
REASON = "Reviewing the evidence for the file"


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def upload(device, data: bytes = PHOTO, media_type: str = "image/png") -> None:
    """Upload the bytes in full from `device`, as the resumable upload path does."""
    _, offset = blobs.upload_start(
        device=device, sha256=sha(data), size=len(data), media_type=media_type
    )
    if offset < len(data):
        blobs.upload_append(device=device, sha256=sha(data), offset=offset, chunk=data[offset:])


def item_payload(type_name: str, record_id, data: bytes = PHOTO, **overrides) -> dict:
    payload = {
        "sha256": sha(data),
        "media_type": "image/png",
        "size": len(data),
        "filename": "scene.png",
        "captured_at": (datetime.now(UTC) - timedelta(minutes=5)).isoformat(),
        "description": "Rear door of the shop, forced.",
        "record_type": type_name,
        "record_id": str(record_id),
    }
    payload.update(overrides)
    return payload


def item_create(officer, record_id, *, data: bytes = PHOTO, device=None, item_id=None):
    return services.evidence_item_create(
        officer=officer,
        item_id=item_id or uuid4(),
        sha256=sha(data),
        media_type="image/png",
        size=len(data),
        filename="scene.png",
        captured_at=datetime.now(UTC) - timedelta(minutes=5),
        description="Rear door of the shop, forced.",
        record_type="notebook.entry",
        record_id=record_id,
        device=device,
        app_version="1.4.0",
    ).item
