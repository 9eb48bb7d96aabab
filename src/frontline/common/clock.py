"""The server clock. Device clocks are stored as given but never trusted for ordering."""

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

# The force's calendar: days begin at midnight in London, in GMT and in BST alike.
LONDON = ZoneInfo("Europe/London")

# How far ahead of the server a device clock may be before a timestamp is refused.
ALLOWED_CLOCK_SKEW = timedelta(minutes=5)


def now() -> datetime:
    return datetime.now(UTC)


def london_today() -> date:
    """Today as officers, staff and the officer app count days: London's, not UTC's. From
    midnight to 1 am in summer the UTC day is still yesterday, so a date of birth of today
    would read as in the future, and a period ending today would leave today out."""
    return now().astimezone(LONDON).date()


def is_far_future(value: datetime) -> bool:
    return value > now() + ALLOWED_CLOCK_SKEW
