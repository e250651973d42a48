"""The database's full-text search finds exactly the gigs whose documents hold every query
term as a token prefix (the reference rule of core.text), on SQLite FTS5 and PostgreSQL GIN."""

import random

import pytest

from nuanxin.core.text import query_terms
from nuanxin.demo.gigs_data import TEMPLATES
from nuanxin.gigs import services
from nuanxin.gigs.models import Gig
from nuanxin.gigs.search import gigs_matching
from nuanxin.gigs.tests.factories import gig_payload

pytestmark = pytest.mark.django_db

QUERIES = ["保洁", "baojie", "bj", "搬家", "banjia", "快递 分拣", "kuaidi", "fj", "电工", "dg", "夜班", "家", "j",
           "服务员", "fwy", "工厂 普工", "厨", "chu", "xyz", "保洁 搬运"]


def test_full_text_search_equals_the_reference_rule(employer):
    _c, user, _org = employer
    rng = random.Random(3)
    titles = [t for ts in TEMPLATES.values() for t, *_rest in ts]
    for i in range(40):
        services.gig_create(by=user, data={**gig_payload(), "title": titles[i % len(titles)],
                                           "skills": rng.sample(["保洁", "搬运", "电工"], rng.randint(0, 2)),
                                           "shifts": [{**s} for s in _shifts()]})
    docs = dict(Gig.objects.values_list("pk", "search_doc"))
    for q in QUERIES:
        terms = query_terms(q)
        expected = {pk for pk, doc in docs.items() if all(" " + t in doc for t in terms)}
        assert set(gigs_matching(Gig.objects.all(), q).values_list("pk", flat=True)) == expected, q


def _shifts():
    import datetime

    body = gig_payload()
    for s in body["shifts"]:
        s["start"] = datetime.datetime.fromisoformat(s["start"])
        s["end"] = datetime.datetime.fromisoformat(s["end"])
    return body["shifts"]
