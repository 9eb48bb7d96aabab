"""seq becomes the table's rowid on SQLite (common.fields.SeqField): SQLite rebuilds the table
once, copying its rows, and every append then writes one B-tree fewer. On PostgreSQL nothing
changes (decision 4, thirteenth-session amendment)."""
import frontline.common.fields
from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('sync', '0004_alter_change_owner_alter_mutation_device'),
    ]

    operations = [
        migrations.AlterField(
            model_name='change',
            name='seq',
            field=frontline.common.fields.SeqField(primary_key=True, serialize=False),
        ),
    ]
