"""Canonical serialisation and hashing for hash-chained records.

A chained record is serialised as a fixed list of fields joined by the ASCII unit separator
(0x1F), preceded by a format tag. Fields may not contain that separator (text fields refuse
control characters), so the encoding is unambiguous and cheap to rebuild when verifying a
million rows. Anyone can recompute a hash from the documented field order.
"""

import hashlib
import json
from collections.abc import Iterable
from datetime import UTC, datetime

SEPARATOR = "\x1f"
GENESIS_HASH = "0" * 64


def canonical_bytes(tag: str, fields: Iterable[str]) -> bytes:
    return SEPARATOR.join((tag, *fields)).encode("utf-8")


def chain_hash(tag: str, fields: Iterable[str]) -> str:
    return hashlib.sha256(canonical_bytes(tag, fields)).hexdigest()


def canonical_time(value: datetime) -> str:
    """UTC, microsecond precision, fixed width: 2026-11-28T16:30:00.000000Z."""
    if value.tzinfo is None:
        raise ValueError("canonical times must be timezone-aware")
    value = value.astimezone(UTC)
    return value.strftime("%Y-%m-%dT%H:%M:%S.") + f"{value.microsecond:06d}Z"


def canonical_json(value: object) -> str:
    """Key-sorted, compact JSON: the same object always gives the same string."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
