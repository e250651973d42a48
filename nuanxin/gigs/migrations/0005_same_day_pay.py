"""日结 (Gig.same_day_pay), and search documents that now hold descriptions and synonyms
(gigs.search): every stored gig's document is rebuilt, so old gigs are found the new way.

On SQLite, adding a column to gigs_gig makes Django copy the table to a new one, which drops
the triggers that keep the FTS5 index (0002). They are created again here and the index
rebuilt (core.search.recreate_sqlite_triggers); any later migration that adds or alters a Gig
column must do the same.
"""

from django.db import migrations, models

from nuanxin.core.search import recreate_sqlite_triggers


def _fts_triggers_again(schema_editor):
    recreate_sqlite_triggers(schema_editor, "gigs_gig")


def rebuild(apps, schema_editor):
    from nuanxin.gigs.search import rebuild_documents

    _fts_triggers_again(schema_editor)
    rebuild_documents(apps.get_model("gigs", "Gig"))  # the triggers bring the index along


def unapplied(apps, schema_editor):
    _fts_triggers_again(schema_editor)  # removing the column copied the table once more


class Migration(migrations.Migration):

    dependencies = [
        ('gigs', '0004_wage_guarantee_contests'),
    ]

    operations = [
        migrations.RunPython(migrations.RunPython.noop, unapplied),
        migrations.AddField(
            model_name='gig',
            name='same_day_pay',
            field=models.BooleanField(default=False, verbose_name='wages paid the same day (日结)'),
        ),
        migrations.RunPython(rebuild, migrations.RunPython.noop),
    ]
