"""On PostgreSQL, a GIN index on the ids each check returned, so subject access finds the checks
that returned a person with a containment query (`@>`) instead of reading every check. SQLite
(a station's trial database) keeps scanning them."""

from django.db import migrations

INDEX = "checks_check_result_ids_gin"


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON checks_check "
            "USING gin (result_ids jsonb_path_ops)"
        )


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("checks", "0002_location_trigram_index")]
    operations = [migrations.RunPython(forwards, backwards)]
