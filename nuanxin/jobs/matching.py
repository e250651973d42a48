"""Vacancies suggested to a job seeker, and seekers to a vacancy, each with the reasons shown.

One integer score per seeker-vacancy pair, in thousandths of a point so the arithmetic is exact
and a brute-force ranking gives the same order (tests/test_seekers_matching.py):

    score = 1000 × (occupation + skills + pay) − metres away

- occupation (职业分类大典 codes like 4-02-01-01: major, medium, minor group, occupation):
  the vacancy's occupation is one the seeker wants: 40; shares a wanted code's minor group
  (first three parts): 25; its medium group (first two): 10. The best wanted code counts.
- skills: 8 for each skill or certificate the vacancy asks for that the seeker has, at most 3.
- pay: the vacancy's top basic pay (an hourly rate × 174 h, the legal monthly hours: 21.75 days
  of 8 h) reaches the pay the seeker wants: 10; below it: minus 10 × the share it falls short.
  No pay wanted: 0.
- distance: one point a kilometre (so a job 5 km nearer outweighs a 4-point pay difference),
  from the seeker's point, else their town's centre; none when neither is known.

A pair is suggested only when the occupation or a skill matches (or the seeker has said
neither what they want nor what they can do), and never beyond 30 km. Ties go to the lower id.

Why not gigs' machinery: gigs/matching.py solves a batch assignment (min-cost flow over
workers × shifts with capacities), which a suggestion list does not need: a vacancy takes no
"places" and suggesting it to one seeker takes nothing from another. Gigs' recommendation
scorer (gigs.selectors.gigs_recommended) is a few inline lines over gig-specific facts (shift
clashes, hourly pay). What both really share is below this module: `core.geo` (haversine and
the H3-narrowed radius query) for distance. A shared "score with reasons" helper in core
would be a class holding a number and a list, not worth a second app's coupling.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from nuanxin.core import geo
from nuanxin.core.money import yuan_figure
from nuanxin.core.towns import TOWN_CENTRES

SAME_OCCUPATION = 40
SAME_MINOR = 25
SAME_MEDIUM = 10
SKILL_POINTS = 8
MAX_SKILLS_COUNTED = 3
PAY_POINTS = 10
HOURS_PER_MONTH = 174
MAX_DISTANCE_M = 30_000
UNIT = 1000  # thousandths of a point; one metre costs one unit

OCCUPATION_POINTS = {"same_occupation": SAME_OCCUPATION, "same_minor": SAME_MINOR, "same_medium": SAME_MEDIUM,
                     "none": 0}


@dataclass(frozen=True)
class SeekerSpec:
    seeker_id: int
    occupation_codes: tuple[str, ...] = ()
    skills: frozenset[str] = frozenset()
    point: tuple[float, float] | None = None
    wanted_pay_fen: int = 0


@dataclass(frozen=True)
class JobSpec:
    job_id: int
    occupation_code: str
    occupation_name: str = ""
    skills: frozenset[str] = frozenset()
    point: tuple[float, float] | None = None
    pay_max_fen: int = 0
    hourly: bool = False


@dataclass
class Match:
    seeker_id: int
    job_id: int
    score: int
    occupation_match: str
    skills_in_common: tuple[str, ...]
    distance_m: int | None
    pay_fits: bool | None
    reasons: list[str] = field(default_factory=list)
    # The same reasons for pages, with names (occupations, skills) marked as data (`|data`).
    reasons_html: list[str] = field(default_factory=list)


def _reason(reasons: list[str], html: list[str], text: str, **values) -> None:
    reasons.append(text % values)
    html.append(mark_safe(conditional_escape(text) % {  # noqa: S308 - the text is escaped, the values marked
        k: format_html('<span translate="no">{}</span>', v) if isinstance(v, str) else v
        for k, v in values.items()}))


def _parts(code: str) -> list[str]:
    return [p for p in (code or "").split("-") if p]


def occupation_match(wanted: Iterable[str], code: str) -> str:
    """The closest relation of a vacancy's occupation code to any code the seeker wants."""
    best = "none"
    order = ["none", "same_medium", "same_minor", "same_occupation"]
    target = _parts(code)
    for w in wanted:
        mine = _parts(w)
        common = 0
        for a, b in zip(mine, target, strict=False):
            if a != b:
                break
            common += 1
        if mine == target and mine:
            kind = "same_occupation"
        elif common >= 3:
            kind = "same_minor"
        elif common >= 2:
            kind = "same_medium"
        else:
            kind = "none"
        if order.index(kind) > order.index(best):
            best = kind
    return best


def monthly_pay_fen(pay_max_fen: int, hourly: bool) -> int:
    return pay_max_fen * HOURS_PER_MONTH if hourly else pay_max_fen


def match(seeker: SeekerSpec, job: JobSpec) -> Match | None:
    """The pair's score and reasons, or None when it is not worth suggesting."""
    occ = occupation_match(seeker.occupation_codes, job.occupation_code)
    common = tuple(sorted(seeker.skills & job.skills))
    open_minded = not seeker.occupation_codes and not seeker.skills
    if occ == "none" and not common and not open_minded:
        return None
    distance = None
    if seeker.point is not None and job.point is not None:
        distance = round(geo.haversine_m(*seeker.point, *job.point))
        if distance > MAX_DISTANCE_M:
            return None
    points = OCCUPATION_POINTS[occ] + SKILL_POINTS * min(len(common), MAX_SKILLS_COUNTED)
    reasons: list[str] = []
    html: list[str] = []
    name = job.occupation_name or job.occupation_code
    if occ == "same_occupation":
        _reason(reasons, html, _("the occupation wanted: %(name)s"), name=name)
    elif occ == "same_minor":
        _reason(reasons, html, _("close to an occupation wanted (same minor group): %(name)s"), name=name)
    elif occ == "same_medium":
        _reason(reasons, html, _("related to an occupation wanted (same medium group): %(name)s"), name=name)
    if open_minded:
        _reason(reasons, html, _("open to any kind of work"))
    if common:
        _reason(reasons, html, _("skills in common: %(skills)s"), skills="、".join(common))
    pay_fits = None
    if seeker.wanted_pay_fen > 0 and job.pay_max_fen > 0:
        monthly = monthly_pay_fen(job.pay_max_fen, job.hourly)
        pay_fits = monthly >= seeker.wanted_pay_fen
        values = {"yuan": yuan_figure(monthly), "wanted": yuan_figure(seeker.wanted_pay_fen)}
        if pay_fits:
            points_pay = PAY_POINTS * UNIT
            _reason(reasons, html, _("pays up to %(yuan)s yuan a month, at least the %(wanted)s wanted"), **values)
        else:
            points_pay = -(PAY_POINTS * UNIT * (seeker.wanted_pay_fen - monthly)) // seeker.wanted_pay_fen
            _reason(reasons, html, _("pays up to %(yuan)s yuan a month, less than the %(wanted)s wanted"), **values)
    else:
        points_pay = 0
    if distance is not None:
        _reason(reasons, html, _("%(km).1f km away"), km=distance / 1000)
    score = points * UNIT + points_pay - (distance or 0)
    return Match(seeker.seeker_id, job.job_id, score, occ, common, distance, pay_fits, reasons, html)


def suggestions(seeker: SeekerSpec, jobs: Sequence[JobSpec], limit: int = 20) -> list[Match]:
    """The vacancies for one seeker, best first (ties: the lower vacancy id)."""
    found = [m for m in (match(seeker, j) for j in jobs) if m is not None]
    found.sort(key=lambda m: (-m.score, m.job_id))
    return found[:limit]


def candidates(job: JobSpec, seekers: Sequence[SeekerSpec], limit: int = 20) -> list[Match]:
    """The seekers for one vacancy, best first (ties: the lower seeker id)."""
    found = [m for m in (match(s, job) for s in seekers) if m is not None]
    found.sort(key=lambda m: (-m.score, m.seeker_id))
    return found[:limit]


# --- from the database ------------------------------------------------------------------------


def seeker_spec(seeker) -> SeekerSpec:
    if seeker.lat is not None and seeker.lon is not None:
        point = (seeker.lat, seeker.lon)
    else:
        point = TOWN_CENTRES.get(seeker.town) if seeker.town else None
    return SeekerSpec(seeker.pk, tuple(o.code for o in seeker.occupations.all()),
                      frozenset([*(seeker.skills or []), *(seeker.certificates or [])]),
                      tuple(point) if point else None, seeker.wanted_pay_fen or 0)


def job_spec(vacancy) -> JobSpec:
    return JobSpec(vacancy.pk, vacancy.occupation.code, vacancy.occupation.name, frozenset(vacancy.skills or []),
                   (vacancy.lat, vacancy.lon), vacancy.pay_max_fen, vacancy.pay_period == "hour")


def suggestions_for_seeker(seeker, *, limit: int = 20) -> list[tuple[Match, object]]:
    """(match, vacancy) for the live vacancies that suit a seeker, best first. With a point,
    only vacancies within MAX_DISTANCE_M are read (core.geo's H3-narrowed radius query)."""
    from nuanxin.jobs.selectors import seekers as selectors

    spec = seeker_spec(seeker)
    live = selectors.live_vacancies().select_related("occupation", "employer")
    if spec.point is not None:
        ids = [pk for _d, pk in geo.within_radius(live.order_by(), spec.point[0], spec.point[1], MAX_DISTANCE_M)]
        live = live.filter(pk__in=ids)
    # A vacancy the seeker is already referred to is on their referrals, not suggested again.
    live = live.exclude(pk__in=selectors.vacancies_referred(seeker))
    vacancies = {v.pk: v for v in live[:5000]}
    found = suggestions(spec, [job_spec(v) for v in vacancies.values()], limit=limit)
    return [(m, vacancies[m.job_id]) for m in found]


def candidates_for_vacancy(vacancy, *, limit: int = 20) -> list[tuple[Match, object]]:
    """(match, seeker) for the active seekers a vacancy suits, best first."""
    from nuanxin.jobs.selectors import seekers as selectors

    seekers = {s.pk: s for s in selectors.active_seekers_for_matching()[:5000]}
    found = candidates(job_spec(vacancy), [seeker_spec(s) for s in seekers.values()], limit=limit)
    return [(m, seekers[m.seeker_id]) for m in found]
