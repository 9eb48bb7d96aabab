"""Model fields shared by the record apps."""

from django.db import migrations, models


class SeqField(models.BigIntegerField):
    """A 64-bit sequence number used as a table's primary key (the change feed, the audit trail).

    On PostgreSQL it is a `bigint`, as a BigIntegerField. On SQLite it is declared `integer`, so
    the column is the table's own rowid, not a second B-tree beside it: SQLite keeps a
    `bigint PRIMARY KEY` as a unique index next to the rowid, which every append wrote to and
    every read by seq went through. Both hold any 64-bit integer, so values and queries are
    the same (decision 4, thirteenth-session amendment). One difference: SQLite numbers a row
    inserted with no seq itself, where a `bigint` refused it; every append here gives the seq
    taken under its head's lock.
    """

    def db_type(self, connection):
        if connection.vendor == "sqlite":
            return "integer"
        return super().db_type(connection)

    def rel_db_type(self, connection):
        # A foreign key to it is a plain 64-bit column on both databases.
        return models.BigIntegerField().db_type(connection)


def index_dropped(alter_field, *, table: str, column: str, index: str):
    """A migration operation: `alter_field` (a field's AlterField to `db_index=False`) in the
    models' state, and in the database only `DROP INDEX` (reversed by `CREATE INDEX`). Django's
    SQLite schema editor would copy the whole table to drop one index."""
    return migrations.SeparateDatabaseAndState(
        state_operations=[alter_field],
        database_operations=[
            migrations.RunSQL(
                f'DROP INDEX IF EXISTS "{index}"',
                reverse_sql=f'CREATE INDEX "{index}" ON "{table}" ("{column}")',
            )
        ],
    )
