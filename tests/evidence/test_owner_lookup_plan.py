"""Attaching evidence finds the record's owner in the change feed by an index, not a scan."""

from django.db import connection

from frontline.sync.models import Change


def test_the_owner_of_a_record_is_found_through_an_index(db):
    query = (
        Change.objects.filter(
            type="notebook.entry", record_id="0190c2f2-0000-7000-8000-000000000000"
        )
        .order_by("seq")
        .values_list("owner_id", "scope", "team_id")[:1]
    )
    plan = query.explain()
    if connection.vendor == "sqlite":
        assert "change_record_seq" in plan, plan
    else:
        # An empty table may be scanned whatever the indexes; forbid that to read the choice.
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL enable_seqscan = off")
            plan = query.explain()
        assert "change_record_seq" in plan, plan
