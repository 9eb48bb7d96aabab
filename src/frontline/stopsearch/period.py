"""Calendar months as the force reports them: local (Europe/London) month boundaries."""

import calendar
import re
from datetime import date, datetime
from zoneinfo import ZoneInfo

from frontline.common.errors import InvalidInput

LONDON = ZoneInfo("Europe/London")
MONTH_PATTERN = re.compile(r"^(\d{4})-(\d{2})$")


def month_bounds(month: str) -> tuple[datetime, datetime]:
    """`YYYY-MM` -> [start, end) as aware datetimes; InvalidInput(field="month") otherwise."""
    match = MONTH_PATTERN.match(month or "")
    if match is None or not 1 <= int(match[2]) <= 12 or int(match[1]) < 2000:
        raise InvalidInput(
            "invalid_month", "give the month as YYYY-MM, e.g. 2026-11", field="month"
        )
    year, number = int(match[1]), int(match[2])
    start = datetime(year, number, 1, tzinfo=LONDON)
    end = datetime(year + number // 12, number % 12 + 1, 1, tzinfo=LONDON)
    return start, end


def month_of(moment: datetime) -> str:
    return moment.astimezone(LONDON).strftime("%Y-%m")


def months_after(day: date, months: int) -> date:
    """The same day `months` later, clamped to the end of a shorter month."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))
