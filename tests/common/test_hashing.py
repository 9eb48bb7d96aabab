"""Canonical text rendered ahead with slots equals the text rendered whole."""

import threading
from datetime import UTC, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from frontline.common.hashing import (
    SEPARATOR,
    SLOT,
    canonical_bytes,
    canonical_filled,
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
