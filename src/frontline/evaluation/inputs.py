"""Reading typed or imported values: money to pence, decimals, dates. Each error names its
field and nothing is guessed (no negative money, no "about", no thousands in the wrong place)."""

import re
from datetime import date
from decimal import Decimal, InvalidOperation

from frontline.common.errors import InvalidInput
from frontline.common.text import has_control_characters

MONEY = re.compile(r"^£?\s*(\d{1,3}(,\d{3})+|\d+)(\.\d{1,2})?$")
PENCE_MAX = 10**13  # £100bn: well beyond any programme, well inside a 64-bit column


def money_pence(value, *, field: str, allow_zero: bool = False) -> int:
    """'£1,234.56', '1234.5' or '1234' -> pence. Refuses negatives and anything non-numeric."""
    if isinstance(value, int) and not isinstance(value, bool):
        pence = value
    else:
        text = str(value if value is not None else "").strip()
        if text.startswith("-") or text.startswith("£-"):
            raise InvalidInput("negative_amount", "an amount cannot be negative", field=field)
        match = MONEY.match(text)
        if not match:
            raise InvalidInput(
                "invalid_amount", "give an amount in pounds, e.g. 1234.56", field=field
            )
        pounds = Decimal(text.lstrip("£").strip().replace(",", ""))
        pence = int(pounds * 100)
    if pence < 0:
        raise InvalidInput("negative_amount", "an amount cannot be negative", field=field)
    if pence == 0 and not allow_zero:
        raise InvalidInput("zero_amount", "an amount must be more than zero", field=field)
    if pence > PENCE_MAX:
        raise InvalidInput("amount_too_large", "that amount is implausibly large", field=field)
    return pence


def decimal_in(value, *, field: str, low, high, places: int = 4) -> Decimal:
    """A decimal between `low` and `high` inclusive, with at most `places` decimal places."""
    try:
        number = value if isinstance(value, Decimal) else Decimal(str(value).strip())
    except (InvalidOperation, ValueError):
        raise InvalidInput("invalid_number", "give a number", field=field) from None
    if not number.is_finite():
        raise InvalidInput("invalid_number", "give a number", field=field)
    if not Decimal(low) <= number <= Decimal(high):
        raise InvalidInput("out_of_range", f"must be between {low} and {high}", field=field)
    if number != number.quantize(Decimal(1).scaleb(-places)):
        raise InvalidInput("too_precise", f"use at most {places} decimal places", field=field)
    return number


def whole_number(value, *, field: str, low: int, high: int) -> int:
    try:
        number = value if isinstance(value, int) else int(str(value).strip())
    except ValueError:
        raise InvalidInput("invalid_number", "give a whole number", field=field) from None
    if isinstance(number, bool) or not low <= number <= high:
        raise InvalidInput("out_of_range", f"must be between {low} and {high}", field=field)
    return number


def date_in(value, *, field: str) -> date:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value).strip())
    except ValueError:
        raise InvalidInput("invalid_date", "give a date as YYYY-MM-DD", field=field) from None


def text_in(value, *, field: str, max_length: int, required: bool = True) -> str:
    text = str(value if value is not None else "").strip()
    if required and not text:
        raise InvalidInput("required", "this is required", field=field)
    if len(text) > max_length:
        raise InvalidInput("too_long", f"at most {max_length} characters", field=field)
    if has_control_characters(text):
        raise InvalidInput("control_characters", "remove control characters", field=field)
    return text
