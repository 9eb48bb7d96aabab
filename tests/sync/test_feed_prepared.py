"""The change feed: changes prepared before the transaction, and seq as SQLite's rowid."""

import uuid
from datetime import UTC, datetime

import pytest
from django.db import connection, transaction

from frontline.audit.models import AuditEvent
from frontline.sync.feed import change_record, changes_prepare, changes_record_prepared
from frontline.sync.models import Change


def _changes(officer, count):
    return [
        {
            "type": "test.thing",
            "record_id": uuid.uuid4(),
            "owner_id": officer.pk,
            "team_id": officer.team_id,
        }
        for _ in range(count)
    ]


def _stored(seqs):
    fields = ("seq", "type", "record_id", "op", "version", "owner_id", "team_id", "scope")
    return list(Change.objects.filter(seq__in=seqs).order_by("seq").values_list(*fields))


def test_prepared_changes_take_the_next_seqs_in_order(officer):
    first, second = _changes(officer, 1), _changes(officer, 3)
    with transaction.atomic():
        single = change_record(**_changes(officer, 1)[0])
        seqs = changes_record_prepared(changes_prepare(first), changes_prepare(second))
    assert seqs == [single.seq + 1, single.seq + 2, single.seq + 3, single.seq + 4]
    stored = _stored(seqs)
    assert [row[2] for row in stored] == [c["record_id"] for c in first + second]
    assert {row[1:] for row in stored} == {
        ("test.thing", c["record_id"], "upsert", 1, officer.pk, officer.team_id, "owner")
        for c in first + second
    }


def test_change_record_returns_the_stored_change(officer, team):
    [change] = _changes(officer, 1)
    with transaction.atomic():
        returned = change_record(**change, scope="team", op="delete", version=3)
    stored = Change.objects.get(seq=returned.seq)
    for name in ("seq", "type", "record_id", "op", "version", "owner_id", "team_id", "scope"):
        assert getattr(returned, name) == getattr(stored, name), name
    assert returned.committed_at == stored.committed_at


def test_nothing_prepared_appends_nothing(officer):
    before = Change.objects.count()
    with transaction.atomic():
        assert changes_record_prepared(changes_prepare([])) == []
        assert changes_record_prepared() == []
    assert Change.objects.count() == before


@pytest.mark.parametrize("model", [Change, AuditEvent])
def test_seq_is_the_rowid_on_sqlite_and_a_bigint_on_postgresql(db, model):
    table = model._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            # A bigint primary key would be a unique index beside the rowid, written by every
            # append; as the rowid it is the table's own key.
            cursor.execute(
                "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = %s "
                "AND name LIKE 'sqlite_autoindex%%'",
                [table],
            )
            assert cursor.fetchall() == []
            cursor.execute(
                f"SELECT lower(type), pk FROM pragma_table_info('{table}') WHERE name = 'seq'"
            )
            assert cursor.fetchone() == ("integer", 1)
        else:
            cursor.execute(
                "SELECT data_type FROM information_schema.columns "
                "WHERE table_name = %s AND column_name = 'seq'",
                [table],
            )
            assert cursor.fetchone() == ("bigint",)


@pytest.mark.django_db(transaction=True)
def test_the_thirteenth_session_migrations_keep_every_row(officer):
    """seq as the rowid and the dropped indexes rebuild the tables on SQLite: nothing is lost,
    every chain still verifies, and the feed and chains go on from where they were."""
    from django.db.migrations.executor import MigrationExecutor

    from frontline.audit.integrity import chains_verify_all
    from frontline.notebook.models import NotebookEntry
    from frontline.notebook.services import notebook_entries_create
    from tests.conftest import enrolled_device

    device, _ = enrolled_device()

    def entries(count):
        return [
            {
                "entry_id": uuid.uuid4(),
                "kind": "entry",
                "occurred_at": datetime.now(UTC),
                "text": "Attended King Street.",
                "supersedes_id": None,
            }
            for _ in range(count)
        ]

    notebook_entries_create(officer=officer, entries=entries(3), device=device)
    with transaction.atomic():
        seqs = changes_record_prepared(changes_prepare(_changes(officer, 3)))

    def everything():
        return (
            list(Change.objects.order_by("seq").values_list()),
            list(AuditEvent.objects.order_by("seq").values_list()),
            list(NotebookEntry.objects.order_by("officer_id", "seq").values_list()),
        )

    before = everything()
    executor = MigrationExecutor(connection)
    apps = {"sync", "audit", "notebook"}
    latest = [key for key in executor.loader.graph.leaf_nodes() if key[0] in apps]
    executor.migrate(
        [
            ("sync", "0004_alter_change_owner_alter_mutation_device"),
            ("audit", "0004_chain_hash_not_indexed"),
            ("notebook", "0004_alter_notebookentry_officer"),
        ]
    )
    MigrationExecutor(connection).migrate(latest)
    assert everything() == before
    assert all(report.breaks == [] for report in chains_verify_all())
    notebook_entries_create(officer=officer, entries=entries(1), device=device)
    with transaction.atomic():
        assert changes_record_prepared(changes_prepare(_changes(officer, 1))) == [seqs[-1] + 2]
    assert all(report.breaks == [] for report in chains_verify_all())
