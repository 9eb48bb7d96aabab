"""Foreign-key indexes no query reads are dropped: each cost every pushed record an insert and a
few log pages (decision 4, thirteenth-session amendment). Only the index is dropped: Django would
copy the whole table on SQLite to do it."""
import django.db.models.deletion
from django.db import migrations, models

from frontline.common.fields import index_dropped


class Migration(migrations.Migration):

    dependencies = [
        ('accounts', '0001_initial'),
        ('audit', '0005_seq_is_rowid'),
    ]

    operations = [
        index_dropped(
            migrations.AlterField(
                model_name='auditevent',
                name='device',
                field=models.ForeignKey(db_index=False, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='accounts.device'),
            ),
            table='audit_auditevent',
            column='device_id',
            index='audit_auditevent_device_id_f41a25ec',
        ),
    ]
