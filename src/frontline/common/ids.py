"""Identifiers: UUIDv7 so ids made on different devices still sort roughly by creation time."""

import os
import time
import uuid


def uuid7(millis: int | None = None, random_bytes: bytes | None = None) -> uuid.UUID:
    """A version 7 UUID (RFC 9562): 48-bit Unix milliseconds, then random bits. Now and from
    the system's randomness unless given (10 bytes: a benchmark replays a device's ids)."""
    if millis is None:
        millis = time.time_ns() // 1_000_000
    rand = int.from_bytes(random_bytes if random_bytes is not None else os.urandom(10), "big")
    value = (millis & ((1 << 48) - 1)) << 80
    value |= 0x7 << 76
    value |= ((rand >> 62) & 0xFFF) << 64
    value |= 0b10 << 62
    value |= rand & ((1 << 62) - 1)
    return uuid.UUID(int=value)
