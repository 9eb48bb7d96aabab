"""Tamper detection: change any stored field of any chained row and `frontline verify` says so."""

import uuid
from datetime import UTC, datetime, timedelta

import pytest
from django.db import connection

from frontline import cli
from frontline.audit.models import AuditEvent
from frontline.notebook import services
from frontline.notebook.models import NotebookEntry
from tests.conftest import enrolled_device

ENTRY_FIELDS = [
    "id",
    "officer",
    "author",
    "seq",
    "kind",
    "occurred_at",
    "recorded_at",
    "text",
    "supersedes",
    "device",
    "app_version",
    "prev_hash",
    "hash",
]
AUDIT_FIELDS = [
    "seq",
    "at",
    "actor",
    "device",
    "action",
    "object_type",
    "object_id",
    "justification",
    "detail",
    "prev_hash",
    "hash",
]


@pytest.fixture
def notebook(officer):
    device, _ = enrolled_device()
    start = datetime.now(UTC) - timedelta(hours=1)
    entries = []
    for index in range(4):
        entries.append(
            services.notebook_entry_create(
                officer=officer,
                entry_id=uuid.uuid4(),
                kind="entry",
                occurred_at=start + timedelta(minutes=index),
                text=f"Entry {index}",
                device=device,
                app_version="1.0.0",
            ).entry
        )
    entries.append(
        services.notebook_entry_create(
            officer=officer,
            entry_id=uuid.uuid4(),
            kind="correction",
            occurred_at=start,
            text="Correction",
            supersedes_id=entries[0].pk,
            device=device,
            app_version="1.0.0",
        ).entry
    )
    return entries


def run_verify(capsys) -> tuple[int, str]:
    code = cli.main(["verify", "--quiet"])
    return code, capsys.readouterr().out


def raw_update(model, pk, column, value):
    """Write a raw value past the ORM and, on PostgreSQL, past the append-only trigger."""
    field = model._meta.get_field(column)
    pk_field = model._meta.pk
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL session_replication_role = replica")
        cursor.execute(
            f"UPDATE {model._meta.db_table} SET {field.column} = %s WHERE {pk_field.column} = %s",
            [
                field.get_db_prep_value(value, connection),
                pk_field.get_db_prep_value(pk, connection),
            ],
        )
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL session_replication_role = origin")


def raw_delete(model, pk):
    pk_field = model._meta.pk
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL session_replication_role = replica")
        cursor.execute(
            f"DELETE FROM {model._meta.db_table} WHERE {pk_field.column} = %s",
            [pk_field.get_db_prep_value(pk, connection)],
        )
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL session_replication_role = origin")


def tampered(value, other):
    """A different value of the same type."""
    if isinstance(value, datetime):
        return value + timedelta(microseconds=1)
    if isinstance(value, int):
        return value + 100
    if isinstance(value, uuid.UUID) or value is None:
        return other
    if isinstance(value, str) and len(value) == 64:  # a hex digest: keep its length
        return value[:-1] + ("0" if value[-1] != "0" else "1")
    return (value or "") + "x"


def test_intact_chains_verify(notebook, capsys):
    code, out = run_verify(capsys)
    assert code == 0, out
    assert "notebook: 5 rows in 1 chain(s): intact" in out
    assert "All chains intact." in out


@pytest.mark.parametrize("column", ENTRY_FIELDS)
def test_changing_any_entry_field_is_detected_and_restoring_it_passes(
    notebook, team_mate, column, capsys
):
    target = notebook[3]  # not referenced by any correction, so its id may change
    field = NotebookEntry._meta.get_field(column)
    original = getattr(target, field.attname)
    others = {
        "officer": team_mate.pk,
        "author": team_mate.pk,
        "supersedes": notebook[1].pk,
        "device": enrolled_device("other")[0].pk,
    }
    changed = tampered(original, others.get(column, uuid.uuid4()))
    raw_update(NotebookEntry, target.pk, column, changed)
    code, out = run_verify(capsys)
    assert code == 1, out
    row_id = (changed if column == "id" else target.pk).hex
    assert f"entry {row_id}" in out, out
    assert "Integrity check FAILED." in out

    raw_update(NotebookEntry, changed if column == "id" else target.pk, column, original)
    assert run_verify(capsys)[0] == 0


@pytest.mark.parametrize("column", AUDIT_FIELDS)
def test_changing_any_audit_field_is_detected_and_restoring_it_passes(
    notebook, team_mate, column, capsys
):
    target = AuditEvent.objects.filter(action="notebook.entry").order_by("seq")[1]
    field = AuditEvent._meta.get_field(column)
    original = getattr(target, field.attname)
    changed = tampered(
        original, team_mate.pk if column == "actor" else enrolled_device("other")[0].pk
    )
    if column == "seq":
        changed = 10_000
    raw_update(AuditEvent, target.seq, column, changed)
    code, out = run_verify(capsys)
    assert code == 1, out
    assert f"audit seq {changed if column == 'seq' else target.seq}" in out, out

    raw_update(AuditEvent, changed if column == "seq" else target.seq, column, original)
    assert run_verify(capsys)[0] == 0


def test_removing_an_entry_from_the_middle_is_detected(notebook, capsys):
    raw_delete(NotebookEntry, notebook[2].pk)
    code, out = run_verify(capsys)
    assert code == 1
    assert f"entry {notebook[3].pk.hex} (seq 4): expected seq 3" in out


def test_removing_the_last_entry_is_detected(notebook, capsys):
    raw_delete(NotebookEntry, notebook[4].pk)
    code, out = run_verify(capsys)
    assert code == 1
    assert "entries removed from the end" in out


def test_removing_the_last_audit_row_is_detected(notebook, capsys):
    last = AuditEvent.objects.order_by("-seq").first()
    raw_delete(AuditEvent, last.seq)
    code, out = run_verify(capsys)
    assert code == 1
    assert "rows removed from the end" in out


def test_each_broken_chain_is_named(notebook, team_mate, capsys):
    theirs = services.notebook_entry_create(
        officer=team_mate,
        entry_id=uuid.uuid4(),
        kind="entry",
        occurred_at=datetime.now(UTC),
        text="Theirs",
    ).entry
    raw_update(NotebookEntry, notebook[1].pk, "text", "rewritten")
    raw_update(NotebookEntry, theirs.pk, "text", "rewritten")
    code, out = run_verify(capsys)
    assert code == 1
    assert out.count("BROKEN notebook:") == 2
    assert f"entry {notebook[1].pk.hex}" in out and f"entry {theirs.pk.hex}" in out
