"""Vehicle registrations: normal form, the confusion-folded form, and partial patterns.

Officers mishear and misread plates: O and 0, I and 1, S and 5 are folded to one character
before comparing, so either spelling finds the vehicle. Patterns use `*` for any run of
characters and `?` for exactly one; spaces and case never matter.
"""

import re
from dataclasses import dataclass

from frontline.common.errors import InvalidInput

PLATE_MAX = 12
_FOLD = str.maketrans({"O": "0", "I": "1", "S": "5"})
_ALLOWED = re.compile(r"^[A-Z0-9*?]+$")
# A plain registration at least this long is looked up whole; shorter ones are fragments.
WHOLE_MIN = 5
END_MIN = 2  # known characters needed at the start or at the end of a pattern


def plate_normal(text: str) -> str:
    """Upper case, no spaces or punctuation: `ab12 cde` -> `AB12CDE`."""
    return re.sub(r"[^A-Z0-9]", "", (text or "").upper())


def plate_folded(text: str) -> str:
    return plate_normal(text).translate(_FOLD)


@dataclass(frozen=True)
class PlatePattern:
    text: str  # normalised, with wildcards
    folded: str
    regex: re.Pattern
    exact: bool  # no wildcards: a whole registration
    prefix: str  # folded literal characters before the first wildcard
    suffix: str  # folded literal characters after the last wildcard
    known: int  # how many characters are known


def plate_pattern_parse(text: str) -> PlatePattern:
    """A registration or pattern from an officer, or a clear error naming `registration`."""
    raw = re.sub(r"[\s\-.]", "", (text or "").upper())
    if not raw:
        raise InvalidInput("required", "give a registration or part of one", field="registration")
    if len(raw) > PLATE_MAX:
        raise InvalidInput(
            "too_long", f"a registration has at most {PLATE_MAX} characters", field="registration"
        )
    if not _ALLOWED.match(raw):
        raise InvalidInput(
            "invalid_characters",
            "use letters, digits, * for any characters and ? for one character",
            field="registration",
        )
    known = sum(ch not in "*?" for ch in raw)
    if known == 0:
        raise InvalidInput(
            "wildcard_only", "a pattern needs some known characters", field="registration"
        )
    has_wildcard = "*" in raw or "?" in raw
    if not has_wildcard and len(raw) < WHOLE_MIN:
        raw = f"{raw}*"  # a fragment: the start of the registration
    folded = raw.translate(_FOLD)
    prefix = re.match(r"[^*?]*", folded).group(0)
    suffix = re.search(r"[^*?]*$", folded).group(0)
    if ("*" in folded or "?" in folded) and len(prefix) < END_MIN and len(suffix) < END_MIN:
        raise InvalidInput(
            "too_few_known_characters",
            f"give at least {END_MIN} known characters at the start or the end",
            field="registration",
        )
    regex = re.compile(
        "".join(".*" if ch == "*" else "." if ch == "?" else re.escape(ch) for ch in folded)
    )
    return PlatePattern(
        text=raw,
        folded=folded,
        regex=regex,
        exact="*" not in raw and "?" not in raw,
        prefix=prefix,
        suffix=suffix,
        known=known,
    )


def plate_score(pattern: PlatePattern, normal: str) -> float:
    """1.0 for the exact registration, 0.95 when only confusable characters differ, less for
    partial matches the fewer characters were known."""
    if pattern.exact:
        return 1.0 if normal == pattern.text else 0.95
    return round(0.5 + 0.4 * min(1.0, pattern.known / max(len(normal), 1)), 4)
