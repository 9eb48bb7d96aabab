"""Subject access finds the checks that returned a person through an index on PostgreSQL, not by
reading every check's results; on both databases it finds exactly those checks."""

import uuid

import pytest
from django.db import connection
from django.utils import timezone

from frontline.checks.keeping import _returned
from frontline.checks.models import Check


def _check(officer, result_ids):
    return Check.objects.create(
        officer=officer, kind="person", reason="stop_search", query={"name": "x"},
        result_ids=result_ids, result_count=len(result_ids), at=timezone.now(),
        checked_at=timezone.now(),
    )  # fmt: skip


def test_the_checks_that_returned_an_id_are_found_and_no_others(db, officer):
    wanted, other = str(uuid.uuid4()), str(uuid.uuid4())
    returned = {_check(officer, [other, wanted]).pk, _check(officer, [wanted]).pk}
    _check(officer, [other])
    _check(officer, [])
    assert set(Check.objects.filter(_returned(wanted)).values_list("pk", flat=True)) == returned


def test_on_postgresql_the_lookup_reads_the_index(db):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite has no JSON containment index; a station's checks are scanned")
    query = Check.objects.filter(_returned(str(uuid.uuid4()))).values_list("pk", flat=True)
    # An empty table may be scanned whatever the indexes; forbid that to read the choice.
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        plan = query.explain()
    assert "checks_check_result_ids_gin" in plan, plan
