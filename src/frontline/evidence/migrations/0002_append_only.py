from django.db import migrations

from frontline.common.appendonly import append_only_trigger


class Migration(migrations.Migration):
    dependencies = [("evidence", "0001_initial")]
    operations = [
        append_only_trigger("evidence_evidenceitem"),
        append_only_trigger("evidence_custodyevent"),
    ]
