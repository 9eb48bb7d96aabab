"""Foreign-key indexes no query reads are dropped: each cost every pushed record an insert and a
few log pages (decision 4, thirteenth-session amendment). Only the index is dropped: Django would
copy the whole table on SQLite to do it."""
import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

from frontline.common.fields import index_dropped


class Migration(migrations.Migration):

    dependencies = [
        ('accounts', '0001_initial'),
        ('sync', '0005_seq_is_rowid'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        index_dropped(
            migrations.AlterField(
                model_name='change',
                name='team',
                field=models.ForeignKey(db_index=False, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='accounts.team'),
            ),
            table='sync_change',
            column='team_id',
            index='sync_change_team_id_76a331d9',
        ),
        index_dropped(
            migrations.AlterField(
                model_name='mutation',
                name='officer',
                field=models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL),
            ),
            table='sync_mutation',
            column='officer_id',
            index='sync_mutation_officer_id_2f492949',
        ),
    ]
