"""The server clock. Device clocks are stored as given but never trusted for ordering."""

from datetime import UTC, datetime, timedelta

# How far ahead of the server a device clock may be before a timestamp is refused.
ALLOWED_CLOCK_SKEW = timedelta(minutes=5)


def now() -> datetime:
    return datetime.now(UTC)


def is_far_future(value: datetime) -> bool:
    return value > now() + ALLOWED_CLOCK_SKEW
