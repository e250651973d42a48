"""The fairness screen: what a job posting may not say under Chinese employment law.

Gig postings (gigs) and vacancies (jobs) are screened before anyone sees them. The law names
whole categories — limits by sex, ethnicity or race, religion, disability, household
registration or origin, carriers of infectious disease, marriage and childbearing, age,
looks unrelated to the work, and any fee, deposit, withheld wage or document asked of a
worker — and scammers and careless employers keep finding new words for them. So the rules
are data (`core.models.PostingRule`, seeded by migration 0002 and extended by staff in the
admin without a deploy), not code; each names the article it enforces and how to fix the ad.

A rule is a regular expression over the ad with white space removed (NFKC-folded, lower
case). Honest text that only mentions the words — 无需押金, 男女不限, 年满18周岁,
押一休一 — passes: a rule's `unless` phrases are blanked out first, and a match is
excused when its `unless_before` pattern ends right where the match starts.

The compiled rules are kept per process and rebuilt only when the rule table changes (its
row count or newest `updated_at`), so a screen costs one small query. Seeded messages are
English msgids and shown translated; messages staff type are shown as typed.
"""

import logging
import re
import threading
import unicodedata
from dataclasses import dataclass

from django.db.models import Count, Max
from django.utils.translation import gettext

from nuanxin.core.models import PostingRule

log = logging.getLogger(__name__)

BEFORE_WINDOW = 12  # characters before a match that `unless_before` may look at
_BLANK = "。"        # what an honest phrase is replaced by: a sentence break, so nothing spans it
_IGNORED = re.compile(r"[\s\u200b-\u200f\u2060\ufeff]+")


@dataclass(frozen=True)
class Finding:
    """One rule an ad breaks: which, under what law, why, how to fix it, and the words found."""

    code: str
    category: str
    law: str
    message: str
    fix: str
    found: str


@dataclass(frozen=True)
class _Rule:
    code: str
    category: str
    law: str
    message: str
    fix: str
    pattern: re.Pattern
    unless_before: re.Pattern | None
    unless: re.Pattern | None


def normalise(text: str) -> str:
    """The form rules match against: full-width folded (NFKC), lower case, no white space."""
    return _IGNORED.sub("", unicodedata.normalize("NFKC", text or "")).lower()


def _compile(rule: PostingRule) -> _Rule | None:
    try:
        return _Rule(
            code=rule.code, category=rule.category, law=rule.law, message=rule.message, fix=rule.fix,
            pattern=re.compile(rule.pattern, re.IGNORECASE),
            unless_before=re.compile(f"(?:{rule.unless_before})$", re.IGNORECASE) if rule.unless_before else None,
            unless=re.compile(rule.unless, re.IGNORECASE) if rule.unless else None,
        )
    except re.error:  # the admin validates patterns; a row written around it must not stop every posting
        log.exception("posting rule %s has a broken pattern; skipped", rule.code)
        return None


_lock = threading.Lock()
_cached: tuple[tuple, tuple[_Rule, ...]] = ((), ())


def rules() -> tuple[_Rule, ...]:
    """The active rules, compiled; rebuilt when any rule is added, changed or deleted."""
    global _cached
    state = PostingRule.objects.aggregate(n=Count("pk"), newest=Max("updated_at"))
    version = (state["n"], state["newest"])
    if _cached[0] != version:
        with _lock:
            if _cached[0] != version:
                compiled = (_compile(r) for r in PostingRule.objects.filter(active=True).order_by("category", "code"))
                _cached = (version, tuple(r for r in compiled if r is not None))
    return _cached[1]


def _first_offence(rule: _Rule, text: str) -> str | None:
    if rule.unless is not None:
        text = rule.unless.sub(_BLANK, text)
    for m in rule.pattern.finditer(text):
        if rule.unless_before is not None and rule.unless_before.search(
                text, max(0, m.start() - BEFORE_WINDOW), m.start()):
            continue
        return m.group()
    return None


def screen(*texts: str) -> list[Finding]:
    """Every rule the texts (title, description, …) break, in category order; empty when fair."""
    text = _BLANK.join(normalise(t) for t in texts if t)
    found = []
    for rule in rules():
        words = _first_offence(rule, text)
        if words is not None:
            found.append(Finding(rule.code, rule.category, rule.law, gettext(rule.message),
                                 gettext(rule.fix), words))
    return found


def explain(finding: Finding) -> str:
    """One sentence for the employer: the words found, what the law forbids, how to fix it."""
    return gettext("“%(found)s”: %(message)s %(fix)s (%(law)s)") % {
        "found": finding.found, "message": finding.message, "fix": finding.fix, "law": finding.law}


def problems(*texts: str) -> list[tuple[str, str]]:
    """(code, message) for every rule the texts break, as a posting form or service reports
    them (gig postings now, job vacancies next); empty when the posting is fine."""
    return [(f.code, explain(f)) for f in screen(*texts)]
