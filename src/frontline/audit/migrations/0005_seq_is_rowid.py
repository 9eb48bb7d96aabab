"""seq becomes the table's rowid on SQLite (common.fields.SeqField): SQLite rebuilds the table
once, copying its rows, and every append then writes one B-tree fewer. On PostgreSQL nothing
changes (decision 4, thirteenth-session amendment)."""
import frontline.common.fields
from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('audit', '0004_chain_hash_not_indexed'),
    ]

    operations = [
        migrations.AlterField(
            model_name='auditevent',
            name='seq',
            field=frontline.common.fields.SeqField(help_text='position in the chain, from 1, no gaps', primary_key=True, serialize=False),
        ),
    ]
