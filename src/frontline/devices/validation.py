"""Input rules for the register, shared by the API, the back office and the CSV import."""

import re
from datetime import date

from django.db.models import Q

from frontline.common.errors import Conflict, InvalidInput
from frontline.common.text import has_control_characters
from frontline.devices.models import FORM_FACTORS, FleetDevice

ASSET_TAG = re.compile(r"^[A-Z0-9][A-Z0-9-]{1,31}$")
SERIAL = re.compile(r"^[A-Z0-9][A-Z0-9-]{3,63}$")
IMEI = re.compile(r"^\d{15}$")
MAX_PENCE = 10_000_000  # £100,000: no single device costs more


def text(value: str, field: str, limit: int, *, required: bool = True) -> str:
    value = (value or "").strip()
    if required and not value:
        raise InvalidInput("required", f"{field.replace('_', ' ')} is required", field=field)
    if len(value) > limit:
        raise InvalidInput("too_long", f"at most {limit} characters", field=field)
    if has_control_characters(value):
        raise InvalidInput("control_characters", "contains control characters", field=field)
    return value


def pence(value, field: str) -> None:
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= MAX_PENCE:
        raise InvalidInput(
            "out_of_range", f"a whole number of pence from 0 to {MAX_PENCE}", field=field
        )


def form_factor(value: str) -> None:
    if value not in dict(FORM_FACTORS):
        raise InvalidInput(
            "unknown_form_factor",
            f"form factor must be one of {', '.join(dict(FORM_FACTORS))}",
            field="form_factor",
        )


def imei_valid(value: str) -> bool:
    """Fifteen digits whose Luhn check digit is right."""
    if not IMEI.match(value):
        return False
    total = 0
    for index, char in enumerate(reversed(value)):
        digit = int(char)
        if index % 2:
            digit *= 2
            digit -= 9 if digit > 9 else 0
        total += digit
    return total % 10 == 0


def register_fields(
    *,
    asset_tag: str,
    serial_number: str,
    imei: str | None,
    os_version: str,
    purchase_cost_pence: int | None,
    supplier: str,
    purchase_date: date | None,
    warranty_end: date | None,
) -> dict:
    """The register's own fields, normalised, or an InvalidInput naming the first bad one."""
    asset_tag = (asset_tag or "").strip().upper()
    if not ASSET_TAG.match(asset_tag):
        raise InvalidInput(
            "invalid_asset_tag",
            "an asset tag is 2-32 letters, digits or hyphens",
            field="asset_tag",
        )
    serial_number = (serial_number or "").strip().upper()
    if not SERIAL.match(serial_number):
        raise InvalidInput(
            "invalid_serial",
            "a serial number is 4-64 letters, digits or hyphens",
            field="serial_number",
        )
    imei = (imei or "").strip() or None
    if imei is not None and not imei_valid(imei):
        raise InvalidInput(
            "invalid_imei", "an IMEI is 15 digits with a valid check digit", field="imei"
        )
    pence(purchase_cost_pence, "purchase_cost_pence")
    if purchase_date and warranty_end and warranty_end < purchase_date:
        raise InvalidInput(
            "warranty_before_purchase",
            "the warranty ends before the purchase",
            field="warranty_end",
        )
    return {
        "asset_tag": asset_tag,
        "serial_number": serial_number,
        "imei": imei,
        "os_version": text(os_version, "os_version", 40, required=False),
        "purchase_cost_pence": purchase_cost_pence,
        "supplier": text(supplier, "supplier", 120, required=False),
        "purchase_date": purchase_date,
        "warranty_end": warranty_end,
    }


def register_unique(fields: dict) -> None:
    """A clear error for a tag, serial or IMEI already in the register (the unique constraints
    still decide a race)."""
    clash = Q(asset_tag=fields["asset_tag"]) | Q(serial_number=fields["serial_number"])
    if fields["imei"]:
        clash |= Q(imei=fields["imei"])
    existing = FleetDevice.objects.filter(clash).values("asset_tag", "serial_number", "imei")
    for row in existing:
        for name in ("asset_tag", "serial_number", "imei"):
            if row[name] and row[name] == fields[name]:
                raise Conflict(
                    f"duplicate_{name}",
                    f"{name.replace('_', ' ')} {fields[name]} is already registered",
                    field=name,
                )
