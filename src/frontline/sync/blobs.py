"""Resumable, content-addressed uploads. A blob counts only once its SHA-256 is verified."""

import hashlib
import os
from pathlib import Path

from django.conf import settings
from django.db import transaction

from frontline.common.clock import now
from frontline.common.errors import Conflict, InvalidInput, NotFound
from frontline.sync import registry
from frontline.sync.models import Blob, MediaWait

HEX = set("0123456789abcdef")


def blob_path(sha256: str) -> Path:
    return Path(settings.MEDIA_ROOT) / "blobs" / sha256[:2] / sha256[2:4] / sha256


def _part_path(sha256: str) -> Path:
    return Path(settings.MEDIA_ROOT) / "uploads" / f"{sha256}.part"


def upload_start(*, device, sha256: str, size: int, media_type: str) -> Blob:
    """Begin or resume an upload; an already-held blob is never uploaded again."""
    sha256 = sha256.lower()
    if len(sha256) != 64 or not set(sha256) <= HEX:
        raise InvalidInput("invalid_sha256", "sha256 must be 64 hexadecimal digits", field="sha256")
    limits = settings.FRONTLINE
    if size < 1 or size > limits["UPLOAD_MAX_BYTES"]:
        raise InvalidInput(
            "size_out_of_range",
            f"size must be between 1 and {limits['UPLOAD_MAX_BYTES']} bytes",
            field="size",
        )
    if media_type not in limits["UPLOAD_MEDIA_TYPES"]:
        raise InvalidInput(
            "media_type_not_allowed",
            f"media type {media_type!r} is not accepted",
            field="media_type",
        )
    with transaction.atomic():
        Blob.objects.bulk_create(
            [Blob(sha256=sha256, size=size, media_type=media_type, uploaded_by=device)],
            ignore_conflicts=True,
        )
        blob = Blob.objects.get(pk=sha256)
    if not blob.complete and (blob.size != size or blob.media_type != media_type):
        raise Conflict(
            "upload_mismatch",
            "an upload of this hash is under way with another size or media type",
            field="size",
        )
    return blob


def upload_status(*, sha256: str) -> Blob:
    blob = Blob.objects.filter(pk=sha256.lower()).first()
    if blob is None:
        raise NotFound("not_found", "no upload with this hash", field="sha256")
    return blob


def upload_append(*, sha256: str, offset: int, chunk: bytes) -> Blob:
    """Append a chunk at `offset`; on the last byte verify the hash, then the blob counts."""
    limit = settings.FRONTLINE["UPLOAD_CHUNK_MAX_BYTES"]
    if len(chunk) > limit:
        raise InvalidInput(
            "chunk_too_large", f"send at most {limit} bytes per request", field="body"
        )
    mismatch = False
    with transaction.atomic():
        blob = Blob.objects.select_for_update().filter(pk=sha256.lower()).first()
        if blob is None:
            raise NotFound("not_found", "no upload with this hash", field="sha256")
        if blob.complete:
            return blob
        if offset != blob.received:
            raise Conflict(
                "offset_mismatch", f"the upload is at offset {blob.received}", field="Upload-Offset"
            )
        if blob.received + len(chunk) > blob.size:
            raise InvalidInput("too_long", "the chunk runs past the declared size", field="body")
        part = _part_path(blob.sha256)
        part.parent.mkdir(parents=True, exist_ok=True)
        with open(part, "r+b" if part.exists() else "wb") as handle:
            handle.truncate(blob.received)  # drop any bytes a crashed request left behind
            handle.seek(blob.received)
            handle.write(chunk)
            handle.flush()
            os.fsync(handle.fileno())
        received = blob.received + len(chunk)
        if received < blob.size:
            Blob.objects.filter(pk=blob.pk).update(received=received)
            blob.received = received
            return blob
        if _file_sha256(part) != blob.sha256:
            # The reset must commit, so the error is raised after the transaction.
            part.unlink()
            Blob.objects.filter(pk=blob.pk).update(received=0)
            mismatch = True
        else:
            final = blob_path(blob.sha256)
            final.parent.mkdir(parents=True, exist_ok=True)
            os.replace(part, final)
            Blob.objects.filter(pk=blob.pk).update(
                received=received, complete=True, completed_at=now()
            )
            blob.received, blob.complete = received, True
            _release_waiting_records(blob.sha256)
    if mismatch:
        raise _HashMismatch()
    return blob


class _HashMismatch(InvalidInput):
    def __init__(self):
        super().__init__(
            "hash_mismatch",
            "the bytes received do not match the declared sha256; start again from offset 0",
            field="sha256",
        )


def _release_waiting_records(sha256: str) -> None:
    waits = list(MediaWait.objects.filter(sha256=sha256).values_list("type", "record_id"))
    MediaWait.objects.filter(sha256=sha256).delete()
    for type_name, record_id in waits:
        still_waiting = MediaWait.objects.filter(type=type_name, record_id=record_id).exists()
        record_type = registry.record_type_get(type_name)
        if not still_waiting and record_type and record_type.on_media_complete:
            record_type.on_media_complete(record_id)


def _file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while block := handle.read(1 << 20):
            digest.update(block)
    return digest.hexdigest()
