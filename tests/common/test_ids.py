"""UUIDv7: the milliseconds first, then the version, the variant and random bits."""

import uuid

from frontline.common.ids import uuid7


def test_a_given_time_and_randomness_make_that_id_and_no_other():
    made = uuid7(1_764_400_000_123, bytes(range(10)))
    assert made == uuid7(1_764_400_000_123, bytes(range(10)))
    assert made != uuid7(1_764_400_000_123, bytes(range(1, 11)))
    assert (made.version, made.variant) == (7, uuid.RFC_4122)
    assert made.int >> 80 == 1_764_400_000_123


def test_ids_made_later_sort_later():
    earlier, later = uuid7(1_000, b"\xff" * 10), uuid7(1_001, b"\x00" * 10)
    assert str(earlier) < str(later) and earlier.int < later.int
    assert uuid7().version == 7
