from django.db import migrations

from frontline.common.appendonly import append_only_trigger


class Migration(migrations.Migration):
    dependencies = [("statements", "0001_initial")]
    operations = [append_only_trigger("statements_statement")]
