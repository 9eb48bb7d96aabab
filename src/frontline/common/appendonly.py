"""Append-only tables: refuse UPDATE and DELETE in the ORM and, on PostgreSQL, in the database.

One change is sanctioned: disposal after a recorded retention decision, which blanks personal
content and keeps the row (see `append_only_redact`). On PostgreSQL the trigger lets an UPDATE
through only while the transaction has set `frontline.redacting`, which nothing else sets.
"""

from django.db import connections, models
from django.db.migrations import RunPython

PG_FUNCTION = """
CREATE OR REPLACE FUNCTION frontline_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND current_setting('frontline.redacting', true) = 'on' THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'frontline: % on % is refused: rows are append-only', TG_OP, TG_TABLE_NAME
        USING ERRCODE = 'insufficient_privilege';
END
$$;
"""


class AppendOnlyError(Exception):
    """Raised by any attempt to change or remove an append-only row through the ORM."""


class AppendOnlyQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnlyError(f"{self.model.__name__} rows are append-only: update refused")

    def delete(self):
        raise AppendOnlyError(f"{self.model.__name__} rows are append-only: delete refused")

    def bulk_update(self, objs, fields, batch_size=None):
        raise AppendOnlyError(f"{self.model.__name__} rows are append-only: update refused")


class AppendOnlyModel(models.Model):
    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AppendOnlyError(f"{type(self).__name__} rows are append-only: change refused")
        kwargs["force_insert"] = True
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError(f"{type(self).__name__} rows are append-only: delete refused")


def append_only_redact(queryset: models.QuerySet, **values) -> int:
    """Blank personal content in append-only rows: only for disposal under a recorded decision.

    The caller (a record app's disposal handler) runs inside the transaction that records the
    decision and the tombstone, and never changes hashed chain fields other than the content.
    """
    connection = connections[queryset.db]
    if not connection.in_atomic_block:
        raise RuntimeError("redaction must run inside the transaction recording its decision")
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT set_config('frontline.redacting', 'on', true)")
    try:
        return models.QuerySet.update(queryset, **values)
    finally:
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT set_config('frontline.redacting', 'off', true)")


def append_only_trigger(table: str) -> RunPython:
    """A migration operation that installs the refusing trigger on PostgreSQL."""

    def forwards(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        schema_editor.execute(PG_FUNCTION, params=None)
        schema_editor.execute(
            f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
            "FOR EACH ROW EXECUTE FUNCTION frontline_refuse_change()"
        )

    def backwards(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_append_only ON {table}")

    return RunPython(forwards, backwards)
