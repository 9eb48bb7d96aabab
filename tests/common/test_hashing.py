"""Canonical text rendered ahead with slots equals the text rendered whole."""

import json
import threading
from datetime import UTC, datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from frontline.common.hashing import (
    SEPARATOR,
    SLOT,
    canonical_bytes,
    canonical_filled,
    canonical_json,
    canonical_template,
    canonical_time,
)

# No half surrogate pairs: no UTF-8 text holds one, and every API body with one is refused
# (frontline.bodies, sync.services) before anything is hashed.
field = st.text(
    alphabet=st.characters(blacklist_characters=SEPARATOR, blacklist_categories=("Cs",)),
    max_size=12,
)


@given(
    tag=field,
    fields=st.lists(st.tuples(field, st.booleans()), max_size=12),
)
def test_a_template_filled_in_is_the_canonical_text(tag, fields):
    values = [value for value, _ in fields]
    template = canonical_template(tag, [SLOT if later else value for value, later in fields])
    later = [value for value, is_later in fields if is_later]
    assert canonical_filled(template, later) == canonical_bytes(tag, values)


def test_a_time_rendered_again_is_the_same_and_each_time_is_its_own():
    first = datetime(2026, 11, 29, 9, 0, 0, 5, tzinfo=UTC)
    assert canonical_time(first) == canonical_time(first) == "2026-11-29T09:00:00.000005Z"
    later = first + timedelta(microseconds=1)
    assert canonical_time(later) == "2026-11-29T09:00:00.000006Z"
    assert canonical_time(first) == "2026-11-29T09:00:00.000005Z"


def test_threads_rendering_different_times_each_get_their_own():
    base = datetime(2026, 11, 29, 9, 0, tzinfo=UTC)
    wrong = []

    def render(offset: int) -> None:
        value = base + timedelta(seconds=offset)
        expected = value.strftime("%Y-%m-%dT%H:%M:%S.000000Z")
        for _ in range(20_000):
            if canonical_time(value) != expected:
                wrong.append(offset)
                return

    threads = [threading.Thread(target=render, args=(offset,)) for offset in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert wrong == []


# canonical_json: stored hashes (audit details, pushed mutations, statements, incidents) were
# made from the json module's text, so the quicker path must give that text, byte for byte, for
# every value, or fail as the json module fails.
_JSON_TEXT = json.JSONEncoder(sort_keys=True, separators=(",", ":"), ensure_ascii=False)


class _Text(str):
    pass


_any_character = st.characters(exclude_categories=())  # half surrogate pairs included
_scalars = (
    st.none()
    | st.booleans()
    | st.integers()  # beyond 64 bits too
    | st.sampled_from([2**63 - 1, 2**63, 2**64 - 1, 2**64, -(2**63), -(2**63) - 1])
    | st.floats()  # orjson writes some differently (1e-05): the json module's text is kept
    | st.text(_any_character)
    | st.text(_any_character, max_size=3).map(_Text)
)
_values = st.recursive(
    _scalars,
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(st.text(_any_character, max_size=4), inner, max_size=4)
        | st.dictionaries(st.integers(), inner, max_size=2)
    ),  # keys the json module turns to text
    max_leaves=12,
)


def _outcome(render, value):
    try:
        # surrogatepass: a text holding half a pair is compared too, not only its failure
        return ("text", render(value).encode("utf-8", "surrogatepass"))
    except (TypeError, ValueError, RecursionError) as exc:
        return ("error", type(exc).__name__)


@settings(max_examples=2000)  # pure and quick: many more than the suite's default
@given(_values)
def test_canonical_json_is_the_json_modules_text_for_every_value(value):
    assert _outcome(canonical_json, value) == _outcome(_JSON_TEXT.encode, value)


def test_canonical_json_keeps_the_json_modules_text_where_orjson_differs():
    assert canonical_json({"b": [1e-05, float("nan")], "a": 1}) == '{"a":1,"b":[1e-05,NaN]}'
    assert canonical_json({"a": 2**70}) == '{"a":1180591620717411303424}'
    assert canonical_json({"z": "é\u2028\x1f", "é": None, "a": True}) == (
        '{"a":true,"z":"é\u2028\\u001f","é":null}'
    )


def test_canonical_json_writes_deep_values_as_the_json_module_does():
    """orjson stops at 255 levels; the json module, and so canonical_json, goes far deeper, as
    a pushed payload may (its hash is made before its schema refuses it)."""
    for depth in (254, 255, 600):
        value = "x"
        for _ in range(depth):
            value = {"k": [value]} if depth % 2 else {"k": value}
        assert canonical_json(value) == _JSON_TEXT.encode(value)
    circular = []
    circular.append(circular)
    assert _outcome(canonical_json, circular) == ("error", "ValueError")
