"""A datetime with a UTC offset PostgreSQL would refuse (beyond ±15:59) still queries."""

from datetime import datetime, timedelta, timezone

from frontline.audit.models import AuditEvent


def test_a_far_utc_offset_is_sent_as_the_same_instant_in_utc(db):
    far = datetime(2026, 11, 28, 10, 0, tzinfo=timezone(-timedelta(hours=19, minutes=55)))

    # PostgreSQL would raise "time zone displacement out of range" without the UTC dumper
    assert list(AuditEvent.objects.filter(at__gte=far).values_list("seq", flat=True)) == []
