"""The chain hash keeps no unique index: no lookup uses it, and (owner, seq) orders the chain
(decision 3, amendment of 2026-11-29)."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('audit', '0003_disposal'),
    ]

    operations = [
        migrations.AlterField(
            model_name='auditevent',
            name='hash',
            field=models.CharField(max_length=64),
        ),
    ]
