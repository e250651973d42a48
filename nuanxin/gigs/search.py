"""Word search over gigs through the database's full-text index (migration 0002).

Every term must match the start of a token of the gig's search document, so 保洁, baojie
and bj all find 家庭保洁. Other databases fall back to a LIKE scan of the same document.
"""

from django.db import connection
from django.db.models import BooleanField, QuerySet
from django.db.models.expressions import RawSQL

from nuanxin.core.text import query_terms


def gigs_matching(qs: QuerySet, q: str | None) -> QuerySet:
    terms = query_terms(q or "")
    if not terms:
        return qs
    # Terms are runs of CJK characters or [a-z0-9] (core.text), so quoting them is enough.
    if connection.vendor == "sqlite":
        match = " AND ".join(f'"{t}"*' for t in terms)
        return qs.filter(pk__in=RawSQL("SELECT rowid FROM gigs_gig_fts WHERE gigs_gig_fts MATCH %s", [match]))
    if connection.vendor == "postgresql":
        tsquery = " & ".join(f"{t}:*" for t in terms)
        matches = RawSQL("to_tsvector('simple'::regconfig, gigs_gig.search_doc) @@ to_tsquery('simple', %s)",
                         [tsquery], output_field=BooleanField())
        return qs.alias(fts=matches).filter(fts=True)
    for term in terms:
        qs = qs.filter(search_doc__contains=" " + term)
    return qs
