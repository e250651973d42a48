"""Full-text index over Gig.search_doc: SQLite FTS5 kept by triggers, PostgreSQL GIN(tsvector 'simple').

The search document is already tokens between spaces (core.text), so FTS5's default
tokenizer and PostgreSQL's 'simple' configuration index exactly those tokens, and a
query term matches as a prefix ("保洁"*, baojie:*).
"""

from django.db import migrations

SQLITE_UP = [
    "CREATE VIRTUAL TABLE gigs_gig_fts USING fts5(search_doc, content='gigs_gig', content_rowid='id')",
    "CREATE TRIGGER gigs_gig_fts_ai AFTER INSERT ON gigs_gig BEGIN "
    "INSERT INTO gigs_gig_fts(rowid, search_doc) VALUES (new.id, new.search_doc); END",
    "CREATE TRIGGER gigs_gig_fts_ad AFTER DELETE ON gigs_gig BEGIN "
    "INSERT INTO gigs_gig_fts(gigs_gig_fts, rowid, search_doc) VALUES ('delete', old.id, old.search_doc); END",
    "CREATE TRIGGER gigs_gig_fts_au AFTER UPDATE OF search_doc ON gigs_gig BEGIN "
    "INSERT INTO gigs_gig_fts(gigs_gig_fts, rowid, search_doc) VALUES ('delete', old.id, old.search_doc); "
    "INSERT INTO gigs_gig_fts(rowid, search_doc) VALUES (new.id, new.search_doc); END",
    "INSERT INTO gigs_gig_fts(gigs_gig_fts) VALUES ('rebuild')",
]
SQLITE_DOWN = [
    "DROP TRIGGER IF EXISTS gigs_gig_fts_au",
    "DROP TRIGGER IF EXISTS gigs_gig_fts_ad",
    "DROP TRIGGER IF EXISTS gigs_gig_fts_ai",
    "DROP TABLE IF EXISTS gigs_gig_fts",
]
POSTGRES_UP = ["CREATE INDEX gigs_gig_search_gin ON gigs_gig USING gin (to_tsvector('simple'::regconfig, search_doc))"]
POSTGRES_DOWN = ["DROP INDEX IF EXISTS gigs_gig_search_gin"]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for sql in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("gigs", "0001_initial")]
    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE_UP, "postgresql": POSTGRES_UP}),
            _run({"sqlite": SQLITE_DOWN, "postgresql": POSTGRES_DOWN}),
        )
    ]
