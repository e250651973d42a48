"""Full-text index over Vacancy.search_doc (core.search: SQLite FTS5 kept by triggers,
PostgreSQL GIN over to_tsvector('simple')), the same machinery gigs use.

On SQLite, a later migration that adds or alters a column of jobs_vacancy makes Django copy
the table, which drops the triggers: it must call core.search.recreate_sqlite_triggers."""

from django.db import migrations

from nuanxin.core.search import index_operation


class Migration(migrations.Migration):
    dependencies = [("jobs", "0001_initial")]
    operations = [index_operation("jobs_vacancy")]
