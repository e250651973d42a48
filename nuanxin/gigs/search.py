"""Word search over gigs through the database's full-text index (migration 0002), with the
machinery gigs and jobs share (core.search).

Every term must match the start of a token of the gig's search document, so 保洁, baojie
and bj all find 家庭保洁. Other databases fall back to a LIKE scan of the same document.

The document holds the title, kind of work, skills, address, employer and description, plus
the words of SYNONYMS: a gig that says 保洁 also carries 清洁 and 打扫, so any of them finds
it (synonyms go into the document, not the query, so the rule above stays exact). A gig that
pays the same day (Gig.same_day_pay) carries 日结. After changing SYNONYMS, add a migration
that calls rebuild_documents (as gigs 0005 does) so that stored gigs learn the new words.
"""

from django.conf import settings
from django.db.models import QuerySet
from django.utils import translation

from nuanxin.core.search import matching
from nuanxin.core.text import normalise, search_document

# Words that find each other, chosen by hand for the gig work posted in Kunshan. Each group
# is matched as a substring of the gig's text; keep groups small and truly interchangeable
# (搬家 is not 搬运: one is moving house, the other carrying loads).
SYNONYMS: tuple[tuple[str, ...], ...] = (
    ("保洁", "清洁", "打扫"),          # cleaning
    ("搬运", "装卸"),                  # carrying and loading
    ("搬家", "搬场"),                  # moving house (搬场 in Shanghai usage)
    ("钟点工", "小时工"),              # hourly domestic help
    ("日结", "当天结算", "当日结"),    # wages paid the same day
    ("骑手", "配送员", "送餐员"),      # delivery riders
    ("普工", "操作工"),                # factory line work
    ("帮厨", "厨工"),                  # kitchen help
    ("育婴", "育儿", "带娃"),          # childcare
    ("保安", "安保"),                  # security guards
)
SAME_DAY_WORDS = SYNONYMS[4]


def synonyms_of(text: str) -> list[str]:
    """Every word of each synonym group that the text mentions."""
    text = normalise(text)
    return [w for group in SYNONYMS if any(word in text for word in group) for w in group]


def gig_document(*, title: str, category: str, description: str, skills: list[str], address: str,
                 employer_name: str, same_day_pay: bool) -> str:
    """The stored search document of one gig (Gig.save and the migrations call this)."""
    from nuanxin.gigs.choices import Category

    with translation.override(settings.LANGUAGE_CODE):  # 保洁 whatever language the poster used
        kind = str(Category(category).label) if category in Category.values else category
    texts = [title, kind, " ".join(skills or []), address, employer_name, description]
    extra = synonyms_of(" ".join(texts)) + (list(SAME_DAY_WORDS) if same_day_pay else [])
    return search_document(*texts, " ".join(dict.fromkeys(extra)))


def rebuild_documents(gig_model) -> int:
    """Recompute every stored gig's document (the current or a migration's historical model)."""
    gigs = list(gig_model.objects.select_related("employer").order_by("pk"))
    for gig in gigs:
        gig.search_doc = gig_document(
            title=gig.title, category=gig.category, description=gig.description, skills=gig.skills,
            address=gig.address, employer_name=gig.employer.name, same_day_pay=gig.same_day_pay)
    gig_model.objects.bulk_update(gigs, ["search_doc"], batch_size=500)
    return len(gigs)


def gigs_matching(qs: QuerySet, q: str | None) -> QuerySet:
    """Gigs whose document holds every term of `q` (core.search, over gigs_gig's index)."""
    return matching(qs, q, table="gigs_gig")
