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
        ('notebook', '0004_alter_notebookentry_officer'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        index_dropped(
            migrations.AlterField(
                model_name='notebookentry',
                name='author',
                field=models.ForeignKey(db_index=False, help_text='who wrote it: the officer, or the inspecting supervisor', on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL),
            ),
            table='notebook_notebookentry',
            column='author_id',
            index='notebook_notebookentry_author_id_8f9d2373',
        ),
        index_dropped(
            migrations.AlterField(
                model_name='notebookentry',
                name='device',
                field=models.ForeignKey(blank=True, db_index=False, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='accounts.device'),
            ),
            table='notebook_notebookentry',
            column='device_id',
            index='notebook_notebookentry_device_id_aba0c6ca',
        ),
    ]
