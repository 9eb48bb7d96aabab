"""Model fields shared by the record apps."""

from django.db import models


class SeqField(models.BigIntegerField):
    """A 64-bit sequence number used as a table's primary key (the change feed, the audit trail).

    On PostgreSQL it is a `bigint`, as a BigIntegerField. On SQLite it is declared `integer`, so
    the column is the table's own rowid, not a second B-tree beside it: SQLite keeps a
    `bigint PRIMARY KEY` as a unique index next to the rowid, which every append wrote to and
    every read by seq went through. Both hold any 64-bit integer, so values and queries are
    the same (decision 4, thirteenth-session amendment).
    """

    def db_type(self, connection):
        if connection.vendor == "sqlite":
            return "integer"
        return super().db_type(connection)

    def rel_db_type(self, connection):
        # A foreign key to it is a plain 64-bit column on both databases.
        return models.BigIntegerField().db_type(connection)
