"""Checking an evidence item's fields, each refusal naming its field."""

from datetime import UTC, datetime

from django.conf import settings

from frontline.common.clock import is_far_future
from frontline.common.errors import InvalidInput
from frontline.common.text import has_control_characters
from frontline.sync.registry import record_type_names

SYNC_TYPE = "evidence.item"
EARLIEST = datetime(2000, 1, 1, tzinfo=UTC)
DESCRIPTION_MAX = 2000
FILENAME_MAX = 255
HEX = set("0123456789abcdef")


def item_validate(
    *, sha256, media_type, size, captured_at, record_type, description, filename
) -> None:
    if len(sha256) != 64 or not set(sha256) <= HEX:
        raise InvalidInput("invalid_sha256", "sha256 must be 64 hexadecimal digits", field="sha256")
    limits = settings.FRONTLINE
    if media_type not in limits["UPLOAD_MEDIA_TYPES"]:
        raise InvalidInput(
            "media_type_not_allowed",
            f"media type {media_type!r} is not accepted",
            field="media_type",
        )
    if size < 1 or size > limits["UPLOAD_MAX_BYTES"]:
        raise InvalidInput(
            "size_out_of_range",
            f"size must be between 1 and {limits['UPLOAD_MAX_BYTES']} bytes",
            field="size",
        )
    if captured_at.tzinfo is None:
        raise InvalidInput(
            "timezone_required", "the time must include a UTC offset", field="captured_at"
        )
    if is_far_future(captured_at):
        raise InvalidInput(
            "in_future", "the time is in the future: check the device clock", field="captured_at"
        )
    if captured_at < EARLIEST:
        raise InvalidInput("too_early", "the time is before the year 2000", field="captured_at")
    if record_type == SYNC_TYPE or record_type not in record_type_names():
        raise InvalidInput(
            "unknown_record_type", f"cannot attach to {record_type!r}", field="record_type"
        )
    if len(description) > DESCRIPTION_MAX:
        raise InvalidInput(
            "too_long",
            f"the description may be at most {DESCRIPTION_MAX} characters",
            field="description",
        )
    if has_control_characters(description):
        raise InvalidInput(
            "control_characters",
            "the description contains control characters",
            field="description",
        )
    if (
        len(filename) > FILENAME_MAX
        or has_control_characters(filename)
        or any(c in filename for c in '/\\"')
        or filename in {".", ".."}
    ):
        raise InvalidInput(
            "invalid_filename",
            "the file name must be a plain name without a path",
            field="filename",
        )
