"""Serving an item's bytes: the stored blob, never a static URL, with safe headers."""

import mimetypes

from django.http import FileResponse

from frontline.audit.selectors import disposal_get
from frontline.common.errors import Conflict
from frontline.sync.blobs import blob_path


def content_response(item, *, inline: bool = False) -> FileResponse:
    """Stream the verified blob with the item's media type. The caller has logged the view."""
    if disposal_get(record_type="evidence.item", record_id=item.pk) is not None:
        raise Conflict(
            "disposed", "this item was disposed of under a retention decision", field="item_id"
        )
    path = blob_path(item.sha256)
    if not path.exists():
        raise Conflict("awaiting_media", "the file is not held on the server", field="item_id")
    response = FileResponse(
        open(path, "rb"),  # noqa: SIM115 - FileResponse closes it when sent
        as_attachment=not inline,
        filename=content_filename(item),
        content_type=item.media_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


def content_filename(item) -> str:
    if item.filename:
        return item.filename
    extension = mimetypes.guess_extension(item.media_type) or ""
    return f"evidence-{item.pk}{extension}"
