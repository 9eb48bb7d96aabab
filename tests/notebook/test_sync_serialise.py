"""Pulled notebook entries: rendered by the database exactly as Python renders an entry."""

import uuid
from datetime import UTC, datetime, timedelta, timezone

from frontline.notebook.models import NotebookEntry
from frontline.notebook.services import notebook_entry_create, notebook_inspection_record
from frontline.notebook.sync import entries_serialise, entry_serialise


def test_entries_rendered_in_sql_equal_the_python_rendering(officer, supervisor):
    whole_second = datetime(2026, 3, 29, 0, 59, 59, tzinfo=UTC)  # no fraction to print
    fraction = datetime(2025, 10, 26, 1, 30, 0, 120000, tzinfo=timezone(timedelta(hours=-3)))
    first = notebook_entry_create(
        officer=officer, entry_id=uuid.uuid4(), kind="entry", occurred_at=whole_second, text="A"
    ).entry
    correction = notebook_entry_create(
        officer=officer,
        entry_id=uuid.uuid4(),
        kind="correction",
        occurred_at=fraction,
        text='Zoë paid £20 at the café \u2014 "quoted" and \\ slashed',
        supersedes_id=first.pk,
    ).entry
    inspection = notebook_inspection_record(
        supervisor=supervisor, officer=officer, entry_id=uuid.uuid4(), text="Inspected."
    ).entry
    entries = [first, correction, inspection]

    rendered = entries_serialise([str(entry.pk) for entry in entries])

    expected = {
        str(entry.pk): entry_serialise(NotebookEntry.objects.get(pk=entry.pk)) for entry in entries
    }
    assert rendered == expected
    assert rendered[str(first.pk)]["occurred_at"] == "2026-03-29T00:59:59+00:00"
    assert rendered[str(correction.pk)]["occurred_at"] == "2025-10-26T04:30:00.120000+00:00"
    assert rendered[str(correction.pk)]["supersedes"] == str(first.pk)
    assert rendered[str(inspection.pk)]["author_collar_number"] == supervisor.collar_number


def test_ids_of_entries_not_held_are_left_out(officer):
    entry = notebook_entry_create(
        officer=officer,
        entry_id=uuid.uuid4(),
        kind="entry",
        occurred_at=datetime.now(UTC) - timedelta(minutes=1),
        text="Held.",
    ).entry
    assert list(entries_serialise([str(uuid.uuid4()), str(entry.pk)])) == [str(entry.pk)]
    assert entries_serialise([]) == {}
