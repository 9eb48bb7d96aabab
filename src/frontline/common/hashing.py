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

import orjson

SEPARATOR = "\x1f"
GENESIS_HASH = "0" * 64


def canonical_bytes(tag: str, fields: Iterable[str]) -> bytes:
    return SEPARATOR.join((tag, *fields)).encode("utf-8")


def chain_hash(tag: str, fields: Iterable[str]) -> str:
    return hashlib.sha256(canonical_bytes(tag, fields)).hexdigest()


def canonical_time(value: datetime) -> str:
    """UTC, microsecond precision, fixed width: 2026-11-28T16:30:00.000000Z."""
    global _last_time
    last = _last_time  # one tuple, replaced whole: threads never see half of one
    if value is last[0]:  # a batch's rows share one time: rendered once
        return last[1]
    if value.tzinfo is None:
        raise ValueError("canonical times must be timezone-aware")
    utc = value.astimezone(UTC)
    text = utc.strftime("%Y-%m-%dT%H:%M:%S.") + f"{utc.microsecond:06d}Z"
    _last_time = (value, text)
    return text


_last_time: tuple = (None, "")


class Slot:
    """A field of a chained record known only later (its seq, its prev_hash): see
    `canonical_template`."""


SLOT = Slot()


def canonical_template(tag: str, fields: Iterable[str | Slot]) -> tuple[str, ...]:
    """The canonical text of a record with some fields still to come (SLOT), as the text
    between them: `canonical_filled` puts their values in. Everything else is rendered ahead,
    so a batch does that work before it takes the lock its chain's head needs."""
    parts, current = [], [tag]
    for field in fields:
        if isinstance(field, Slot):
            parts.append(SEPARATOR.join(current) + SEPARATOR)
            current = [""]
        else:
            current.append(field)
    parts.append(SEPARATOR.join(current))
    return tuple(parts)


def canonical_filled(template: tuple[str, ...], values: Iterable[str]) -> bytes:
    """`canonical_bytes` of the record whose template this is, with its slots' values."""
    text = [template[0]]
    for value, part in zip(values, template[1:], strict=True):
        text.append(value)
        text.append(part)
    return "".join(text).encode("utf-8")


def canonical_json(value: object) -> str:
    """Key-sorted, compact JSON: the same object always gives the same string.

    The text is the json module's (sorted keys, no spaces, non-ASCII as itself), which stored
    hashes were made from. A value of only dicts with text keys, lists, text, integers,
    booleans and None is written by orjson, which gives the same text for those (a test checks
    it over generated values) in half to two thirds of the time (bench/sync/percall.py): a
    push hashes every mutation and audit detail. Anything else (floats, which orjson writes
    differently, subclasses, other types, integers beyond 64 bits, half a surrogate pair,
    nesting deeper than orjson goes) goes to the json module as before, and fails or succeeds
    as it always did.
    """
    if _plain(value):
        try:
            return orjson.dumps(value, option=orjson.OPT_SORT_KEYS).decode()
        except orjson.JSONEncodeError:
            pass
    return _CANONICAL_ENCODER.encode(value)


def _plain(value: object) -> bool:
    # A loop, not recursion: a payload nested a few hundred deep must reach the json module,
    # which writes it as it always did, instead of exhausting the stack here.
    if type(value) in _SCALARS:
        return True
    pending = [(value, 1)]
    while pending:
        container, depth = pending.pop()
        if depth > _ORJSON_DEPTH:
            return False
        kind = type(container)
        if kind is dict:
            if any(type(key) is not str for key in container):
                return False
            items = container.values()
        elif kind is list:
            items = container
        else:
            return False
        for item in items:
            kind = type(item)
            if kind is dict or kind is list:
                pending.append((item, depth + 1))
            elif kind not in _SCALARS:
                return False
    return True


_SCALARS = frozenset({str, int, bool, type(None)})
_ORJSON_DEPTH = 254  # orjson refuses deeper nesting; the json module goes on


# One encoder for every call: json.dumps with options builds a new one each time, which cost
# more than encoding the few keys of an audit detail or a mutation (a push makes 150).
_CANONICAL_ENCODER = json.JSONEncoder(sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
