"""日结 (Gig.same_day_pay), and search documents that now hold descriptions and synonyms
(gigs.search): every stored gig's document is rebuilt, so old gigs are found the new way.

On SQLite, adding a column to gigs_gig makes Django copy the table to a new one, which drops
the triggers that keep the FTS5 index (0002). They are created again here and the index
rebuilt; any later migration that adds or alters a Gig column must do the same.
"""

import importlib

from django.db import migrations, models


def _fts_triggers_again(schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    fts = importlib.import_module("nuanxin.gigs.migrations.0002_search_index")
    for sql in fts.SQLITE_DOWN[:3]:  # the triggers only, if any survived
        schema_editor.execute(sql)
    for sql in fts.SQLITE_UP:
        if sql.startswith("CREATE TRIGGER"):
            schema_editor.execute(sql)
    schema_editor.execute("INSERT INTO gigs_gig_fts(gigs_gig_fts) VALUES ('rebuild')")


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
