"""Resumable, content-addressed uploads. A blob counts only once its SHA-256 is verified.

Each device uploads into its own partial file (`Upload`), so two devices sending the same photo
cannot interfere, and a device that knows a hash cannot spoil someone else's upload.
"""

import hashlib
import os
from pathlib import Path

from django.conf import settings
from django.db import transaction

from frontline.common.clock import now
from frontline.common.errors import Conflict, InvalidInput, NotFound
from frontline.sync import registry
from frontline.sync.models import Blob, MediaWait, Upload

HEX = set("0123456789abcdef")


def blob_path(sha256: str) -> Path:
    return Path(settings.MEDIA_ROOT) / "blobs" / sha256[:2] / sha256[2:4] / sha256


def blobs_discard(*, hashes: list[str]) -> list[str]:
    """Remove held blobs for good (a retention disposal of the only records that used them).

    The rows (and every device's partial upload) go in the caller's transaction; the files go
    once it has committed, so a rolled-back disposal leaves the bytes where they were. Returns
    the hashes that were held.
    """
    hashes = sorted({_valid_sha(sha256) for sha256 in hashes})
    held = list(Blob.objects.filter(pk__in=hashes).values_list("pk", flat=True))
    uploads = list(Upload.objects.filter(blob_id__in=held).select_related("device"))
    files = [blob_path(sha256) for sha256 in held]
    files += [_part_path(upload.blob_id, upload.device) for upload in uploads]
    Upload.objects.filter(blob_id__in=held).delete()
    Blob.objects.filter(pk__in=held).delete()
    transaction.on_commit(lambda: _files_remove(files))
    return held


def upload_start(*, device, sha256: str, size: int, media_type: str) -> tuple[Blob, int]:
    """Begin or resume this device's upload; an already-held blob is never uploaded again.

    Returns the blob and this device's offset (the blob's size when it is already held).
    """
    sha256 = _valid_sha(sha256)
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
            [Blob(sha256=sha256, size=size, media_type=media_type)], ignore_conflicts=True
        )
        blob = Blob.objects.get(pk=sha256)
        if blob.complete:
            return blob, blob.size
        if blob.size != size or blob.media_type != media_type:
            raise Conflict(
                "upload_mismatch",
                "this hash is being uploaded with another size or media type",
                field="size",
            )
        Upload.objects.bulk_create([Upload(blob=blob, device=device)], ignore_conflicts=True)
        upload = Upload.objects.get(blob=blob, device=device)
    return blob, upload.received


def upload_offset(*, device, sha256: str) -> tuple[Blob, int]:
    """Where this device's upload stands (the blob's size once the blob is held)."""
    blob = Blob.objects.filter(pk=_valid_sha(sha256)).first()
    if blob is not None and blob.complete:
        return blob, blob.size
    upload = Upload.objects.filter(blob_id=sha256.lower(), device=device).first()
    if blob is None or upload is None:
        raise NotFound("not_found", "this device has no upload with this hash", field="sha256")
    return blob, upload.received


def upload_append(*, device, sha256: str, offset: int, chunk: bytes) -> tuple[Blob, int]:
    """Append a chunk at `offset`; on the last byte verify the hash, then the blob counts."""
    limit = settings.FRONTLINE["UPLOAD_CHUNK_MAX_BYTES"]
    if len(chunk) > limit:
        raise InvalidInput(
            "chunk_too_large", f"send at most {limit} bytes per request", field="body"
        )
    sha256 = _valid_sha(sha256)
    mismatch = False
    with transaction.atomic():
        upload = (
            Upload.objects.select_for_update()
            .select_related("blob")
            .filter(blob_id=sha256, device=device)
            .first()
        )
        if upload is None:
            raise NotFound("not_found", "this device has no upload with this hash", field="sha256")
        blob = upload.blob
        if blob.complete:
            return blob, blob.size
        if offset != upload.received:
            error = Conflict(
                "offset_mismatch",
                f"the upload is at offset {upload.received}",
                field="Upload-Offset",
            )
            error.headers["Upload-Offset"] = str(upload.received)
            raise error
        if upload.received + len(chunk) > blob.size:
            raise InvalidInput("too_long", "the chunk runs past the declared size", field="body")
        part = _part_path(sha256, device)
        part.parent.mkdir(parents=True, exist_ok=True)
        with open(part, "r+b" if part.exists() else "wb") as handle:
            handle.truncate(upload.received)  # drop bytes a crashed request left behind
            handle.seek(upload.received)
            handle.write(chunk)
            handle.flush()
            os.fsync(handle.fileno())
        received = upload.received + len(chunk)
        if received < blob.size:
            Upload.objects.filter(pk=upload.pk).update(received=received)
            return blob, received
        if _file_sha256(part) != sha256:
            # The reset must commit, so the error is raised after the transaction.
            part.unlink()
            Upload.objects.filter(pk=upload.pk).update(received=0)
            mismatch = True
        else:
            final = blob_path(sha256)
            final.parent.mkdir(parents=True, exist_ok=True)
            os.replace(part, final)
            Upload.objects.filter(pk=upload.pk).update(received=received)
            _blob_complete(blob, device)
    if mismatch:
        raise InvalidInput(
            "hash_mismatch",
            "the bytes received do not match the declared sha256; start again from offset 0",
            field="sha256",
        )
    return blob, blob.size


def _blob_complete(blob: Blob, device) -> None:
    # Lock the blob so two devices finishing the same photo release waiting records once.
    locked = Blob.objects.select_for_update().get(pk=blob.pk)
    blob.complete = True
    if locked.complete:
        return
    Blob.objects.filter(pk=blob.pk).update(complete=True, completed_at=now(), completed_by=device)
    media_waits_release(hashes=[blob.sha256])
    # A record pushed while this upload was finishing may have committed its wait after the
    # release above looked: look again once this upload has committed.
    transaction.on_commit(lambda: media_waits_release(hashes=[blob.sha256]))


def media_waits_release(*, hashes) -> None:
    """Release records whose awaited blobs are all held; each record's callback runs once.

    A record's wait rows are locked in a fixed order, so two releasers of one record serialise
    and exactly one of them sees the last wait go.
    """
    records = set(MediaWait.objects.filter(sha256__in=hashes).values_list("type", "record_id"))
    for type_name, record_id in sorted(records, key=str):
        with transaction.atomic():
            waits = list(
                MediaWait.objects.select_for_update()
                .filter(type=type_name, record_id=record_id)
                .order_by("pk")
            )
            held = set(
                Blob.objects.filter(
                    sha256__in=[w.sha256 for w in waits], complete=True
                ).values_list("sha256", flat=True)
            )
            done = [w.pk for w in waits if w.sha256 in held]
            if not done:
                continue
            MediaWait.objects.filter(pk__in=done).delete()
            record_type = registry.record_type_get(type_name)
            if len(done) == len(waits) and record_type and record_type.on_media_complete:
                record_type.on_media_complete(record_id)


def _files_remove(paths: list[Path]) -> None:
    for path in paths:
        path.unlink(missing_ok=True)


def _valid_sha(sha256: str) -> str:
    sha256 = sha256.lower()
    if len(sha256) != 64 or not set(sha256) <= HEX:
        raise InvalidInput("invalid_sha256", "sha256 must be 64 hexadecimal digits", field="sha256")
    return sha256


def _part_path(sha256: str, device) -> Path:
    return Path(settings.MEDIA_ROOT) / "uploads" / f"{sha256}.{device.pk.hex}.part"


def _file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while block := handle.read(1 << 20):
            digest.update(block)
    return digest.hexdigest()
