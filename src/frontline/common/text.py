"""Rules for free text typed by officers."""

import re

# Control characters other than tab, newline and carriage return are refused: they are never
# typed by a person and one of them (0x1F) separates fields in canonical hashes.
_FORBIDDEN = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def has_control_characters(value: str) -> bool:
    return _FORBIDDEN.search(value) is not None
