"""Unique reference numbers, made on the device even offline.

Format: `<station code>-<device part>-<sequence>`, e.g. `HS-3FA9C2-17`. The device part is the
first six hex digits of the enrolled device's id, upper case; the sequence counts that device's
searches from 1. One device never repeats a sequence, so two devices collide only if their ids
share six leading hex digits (about one in 16 million per pair); the server's unique constraint
catches that case and the app then takes its next sequence. Short enough to read aloud.
"""

import re

URN_PATTERN = re.compile(
    r"^(?P<station>[A-Z]{1,4})-(?P<device>[0-9A-F]{6})-(?P<seq>[1-9][0-9]{0,6})$"
)
RECEIPT_TOKEN_PATTERN = re.compile(r"^[A-Za-z0-9_-]{22,64}$")


def urn_make(*, station_code: str, device_id, seq: int) -> str:
    """What the app does: the same rule in Python, for the demo and tests."""
    return f"{station_code.upper()}-{urn_device_part(device_id)}-{seq}"


def urn_device_part(device_id) -> str:
    return device_id.hex[:6].upper()


def urn_problem(urn: str, *, station_code: str | None, device_id) -> str | None:
    """Why `urn` is not acceptable from this device at this station, or None."""
    match = URN_PATTERN.match(urn)
    if match is None:
        return "the reference number must look like HS-3FA9C2-17"
    if station_code and match["station"] != station_code.upper():
        return f"the reference number must start with the station code {station_code.upper()}"
    if device_id is not None and match["device"] != urn_device_part(device_id):
        return "the reference number's device part must come from this device's id"
    return None
