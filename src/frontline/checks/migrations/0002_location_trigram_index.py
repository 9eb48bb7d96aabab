"""On PostgreSQL, a pg_trgm GIN index so `address LIKE '%word%'` uses an index. Skipped where
the extension cannot be installed (then the search scans, as on SQLite)."""

from django.db import migrations

INDEX = "checks_location_address_trgm"


def forwards(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'")
        if cursor.fetchone() is None:
            cursor.execute("SAVEPOINT trgm")
            try:
                cursor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
            except Exception:  # not permitted: searching still works, by scanning
                cursor.execute("ROLLBACK TO SAVEPOINT trgm")
                return
            cursor.execute("RELEASE SAVEPOINT trgm")
        cursor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON checks_location "
            "USING gin (address_folded gin_trgm_ops)"
        )


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("checks", "0001_initial")]
    operations = [migrations.RunPython(forwards, backwards)]
