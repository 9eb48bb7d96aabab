"""Rules for free text typed by officers."""

import re

# Control characters other than tab, newline and carriage return are refused: they are never
# typed by a person and one of them (0x1F) separates fields in canonical hashes.
_FORBIDDEN = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def has_control_characters(value: str) -> bool:
    return _FORBIDDEN.search(value) is not None


def unpaired_surrogate_at(value, path: str = "") -> str | None:
    """Where parsed JSON (dicts, lists, strings) holds half of a UTF-16 surrogate pair: the
    dotted path of the first such key or string, or None. JSON may escape one (`"\\ud83d"`,
    e.g. from a text cut in the middle of an emoji), Python keeps it, and no UTF-8 text, hash
    or database column can hold it."""
    if isinstance(value, str):
        return path or "body" if _SURROGATE.search(value) else None
    if isinstance(value, dict):
        for key, item in value.items():
            # A broken key is named with the half pair escaped, so the answer can be sent.
            name = str(key).encode("utf-8", "backslashreplace").decode("utf-8")
            where = f"{path}.{name}" if path else name
            if _SURROGATE.search(str(key)):
                return where
            found = unpaired_surrogate_at(item, where)
            if found is not None:
                return found
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found = unpaired_surrogate_at(item, f"{path}.{index}" if path else str(index))
            if found is not None:
                return found
    return None


# A valid pair arrives from JSON as one code point; one left in a str is unpaired.
_SURROGATE = re.compile("[\ud800-\udfff]")
