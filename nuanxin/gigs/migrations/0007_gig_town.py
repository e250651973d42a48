"""Gig.town, the nearest town centre (core.towns.nearest_town), for counting by town.

Adding a column makes Django copy gigs_gig on SQLite, which drops the FTS5 triggers: they are
made again here (as in 0005) and the index rebuilt, in both directions."""

from django.db import migrations, models

from nuanxin.core.search import recreate_sqlite_triggers
from nuanxin.core.towns import nearest_town


def fill_towns(apps, schema_editor):
    Gig = apps.get_model("gigs", "Gig")
    for gig in Gig.objects.only("pk", "lat", "lon").iterator():
        Gig.objects.filter(pk=gig.pk).update(town=nearest_town(gig.lat, gig.lon))
    recreate_sqlite_triggers(schema_editor, "gigs_gig")


def unapplied(apps, schema_editor):
    recreate_sqlite_triggers(schema_editor, "gigs_gig")  # removing the column copied the table again


class Migration(migrations.Migration):

    dependencies = [
        ('gigs', '0006_status_history'),
    ]

    operations = [
        migrations.RunPython(migrations.RunPython.noop, unapplied),
        migrations.AddField(
            model_name='gig',
            name='town',
            field=models.CharField(blank=True, choices=[('yushan', 'Yushan'), ('bacheng', 'Bacheng'), ('zhoushi', 'Zhoushi'), ('lujia', 'Lujia'), ('huaqiao', 'Huaqiao'), ('dianshanhu', 'Dianshanhu'), ('zhangpu', 'Zhangpu'), ('zhouzhuang', 'Zhouzhuang'), ('qiandeng', 'Qiandeng'), ('jinxi', 'Jinxi'), ('ketd', 'Kunshan Development Zone'), ('hitech', 'Kunshan Hi-tech Zone'), ('resort', 'Yangcheng Lake Tourist Resort')], editable=False, max_length=16, verbose_name='town'),
        ),
        migrations.RunPython(fill_towns, migrations.RunPython.noop),
    ]
