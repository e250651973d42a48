"""Full-text index over Gig.search_doc: SQLite FTS5 kept by triggers, PostgreSQL GIN(tsvector 'simple').

The search document is already tokens between spaces (core.text), so FTS5's default
tokenizer and PostgreSQL's 'simple' configuration index exactly those tokens, and a
query term matches as a prefix ("保洁"*, baojie:*).
"""

from django.db import migrations

from nuanxin.core.search import index_operation

# The statements come from core.search (shared with jobs); they are the ones first written here.
class Migration(migrations.Migration):
    dependencies = [("gigs", "0001_initial")]
    operations = [index_operation("gigs_gig")]
