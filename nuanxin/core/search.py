"""Word search over a table's `search_doc` column through the database's full-text index.

Any app whose model keeps a search document (core.text.search_document: tokens between
spaces, with the pinyin and initials of every word) finds its rows with `matching(qs, q,
table=...)`: every query term must match the start of a token, so 保洁, baojie and bj all
find 家庭保洁. Gigs (gigs_gig) and vacancies (jobs_vacancy) share it.

- SQLite: an FTS5 shadow table `<table>_fts` over `search_doc`, kept by triggers;
- PostgreSQL: a GIN index over to_tsvector('simple', search_doc), queried with prefix terms;
- anything else: a LIKE scan of the same document.

`index_sql(table)` gives a migration the statements that build (and drop) the index, and
`index_operation(table)` wraps them as one RunPython (see gigs 0002 and jobs' index migration).
On SQLite, a later migration that adds or alters a column of the table makes Django copy it,
which drops the triggers: such a migration calls `recreate_sqlite_triggers` (gigs 0005 does).
"""

# ruff: noqa: S608, S611 - the only text put into SQL is a table name that _checked() has
# allowed (a plain lower-case identifier); query terms always go in as parameters.

import re

from django.db import connection
from django.db.models import BooleanField, QuerySet
from django.db.models.expressions import RawSQL

from nuanxin.core.text import query_terms

_TABLE = re.compile(r"[a-z][a-z0-9_]{0,62}")


def _checked(table: str) -> str:
    # Table names go into SQL text, so only plain lower-case identifiers are accepted.
    if not _TABLE.fullmatch(table):
        raise ValueError(f"not a plain table name: {table!r}")
    return table


def index_sql(table: str) -> dict[str, dict[str, list[str]]]:
    """{"up"|"down": {vendor: [statements]}} for the full-text index over `table`.search_doc
    (the table's primary key is `id`)."""
    t = _checked(table)
    fts = f"{t}_fts"
    sqlite_up = [
        f"CREATE VIRTUAL TABLE {fts} USING fts5(search_doc, content='{t}', content_rowid='id')",
        f"CREATE TRIGGER {fts}_ai AFTER INSERT ON {t} BEGIN "
        f"INSERT INTO {fts}(rowid, search_doc) VALUES (new.id, new.search_doc); END",
        f"CREATE TRIGGER {fts}_ad AFTER DELETE ON {t} BEGIN "
        f"INSERT INTO {fts}({fts}, rowid, search_doc) VALUES ('delete', old.id, old.search_doc); END",
        f"CREATE TRIGGER {fts}_au AFTER UPDATE OF search_doc ON {t} BEGIN "
        f"INSERT INTO {fts}({fts}, rowid, search_doc) VALUES ('delete', old.id, old.search_doc); "
        f"INSERT INTO {fts}(rowid, search_doc) VALUES (new.id, new.search_doc); END",
        f"INSERT INTO {fts}({fts}) VALUES ('rebuild')",
    ]
    sqlite_down = [
        f"DROP TRIGGER IF EXISTS {fts}_au",
        f"DROP TRIGGER IF EXISTS {fts}_ad",
        f"DROP TRIGGER IF EXISTS {fts}_ai",
        f"DROP TABLE IF EXISTS {fts}",
    ]
    postgres_up = [f"CREATE INDEX {t}_search_gin ON {t} USING gin (to_tsvector('simple'::regconfig, search_doc))"]
    postgres_down = [f"DROP INDEX IF EXISTS {t}_search_gin"]
    return {"up": {"sqlite": sqlite_up, "postgresql": postgres_up},
            "down": {"sqlite": sqlite_down, "postgresql": postgres_down}}


def _run(statements_by_vendor: dict[str, list[str]]):
    def run(apps, schema_editor):
        for sql in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(sql)

    return run


def index_operation(table: str):
    """One migration operation that builds the full-text index over `table` (and drops it
    when unapplied)."""
    from django.db import migrations

    sql = index_sql(table)
    return migrations.RunPython(_run(sql["up"]), _run(sql["down"]))


def recreate_sqlite_triggers(schema_editor, table: str) -> None:
    """After SQLite copied `table` (a column added or altered), its FTS5 triggers are gone:
    create them again and rebuild the index. Nothing to do on other databases."""
    if schema_editor.connection.vendor != "sqlite":
        return
    sql = index_sql(table)
    for statement in sql["down"]["sqlite"][:3]:  # the triggers only, if any survived
        schema_editor.execute(statement)
    for statement in sql["up"]["sqlite"]:
        if statement.startswith("CREATE TRIGGER"):
            schema_editor.execute(statement)
    fts = f"{table}_fts"
    schema_editor.execute(f"INSERT INTO {fts}({fts}) VALUES ('rebuild')")


def matching(qs: QuerySet, q: str | None, *, table: str) -> QuerySet:
    """The rows of `qs` (over `table`) whose search document holds every term of `q` as the
    start of a token; `qs` unchanged when `q` has no terms."""
    terms = query_terms(q or "")
    if not terms:
        return qs
    t = _checked(table)
    # Terms are runs of CJK characters or [a-z0-9] (core.text), so quoting them is enough.
    if connection.vendor == "sqlite":
        match = " AND ".join(f'"{term}"*' for term in terms)
        return qs.filter(pk__in=RawSQL(f"SELECT rowid FROM {t}_fts WHERE {t}_fts MATCH %s", [match]))
    if connection.vendor == "postgresql":
        tsquery = " & ".join(f"{term}:*" for term in terms)
        matches = RawSQL(f"to_tsvector('simple'::regconfig, {t}.search_doc) @@ to_tsquery('simple', %s)",
                         [tsquery], output_field=BooleanField())
        return qs.alias(fts=matches).filter(fts=True)
    for term in terms:
        qs = qs.filter(search_doc__contains=" " + term)
    return qs
