"""Employers' vacancies (招聘登记): posted by a verified employer's contact with the fields the
2026 online-recruitment rules require, screened for discrimination and fees (core.fairness,
as gigs are), reviewed by staff before anyone sees them, valid for a limited time, and hidden
while the employer's six-monthly re-check is due.

Every status change goes through VACANCIES (core.workflow) and leaves a VacancyHistory row."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from nuanxin.accounts import selectors as accounts_selectors
from nuanxin.accounts import services as accounts
from nuanxin.accounts.choices import Role
from nuanxin.core import fairness, workflow
from nuanxin.core.audit import audit_log
from nuanxin.core.dates import local_tz
from nuanxin.core.errors import Conflict, InvalidInput, NotFound, PermissionDenied
from nuanxin.core.permissions import has_role, require_role
from nuanxin.core.towns import Town
from nuanxin.jobs import occupations
from nuanxin.jobs.choices import (
    EMPLOYER_RECHECK,
    VACANCY_DEFAULT_DAYS,
    VACANCY_MAX_DAYS,
    VACANCY_TRANSITIONS,
    JobKind,
    OccupationLevel,
    PayPeriod,
    VacancyStatus,
)
from nuanxin.jobs.models import Vacancy, VacancyHistory

if TYPE_CHECKING:
    from nuanxin.accounts.models import Employer, User

VACANCIES = workflow.Machine(Vacancy, VacancyHistory, "vacancy", VACANCY_TRANSITIONS)

REVIEWERS = (Role.ADVISOR, Role.ADMIN)
# Sane basic pay, in fen: a month's pay from 1,000 to 100,000 yuan, an hour's from 10 to 1,000;
# the top of a range at most three times its bottom ("3,000–30,000" is a lure, not a range).
PAY_LIMITS_FEN = {PayPeriod.MONTH: (100_000, 10_000_000), PayPeriod.HOUR: (1_000, 100_000)}
PAY_SPREAD = 3
# What an employer writes; changing any of these sends a published vacancy back to review.
CONTENT_FIELDS = ("title", "occupation", "kind", "headcount", "requirements", "duties", "skills", "address",
                  "town", "lat", "lon", "pay_min_fen", "pay_max_fen", "pay_period")
SCREENED = ("title", "requirements", "duties", "skills")


def today(now: datetime.datetime) -> datetime.date:
    return now.astimezone(local_tz()).date()


def recheck_cutoff(now: datetime.datetime) -> datetime.datetime:
    """An employer verified before this moment is due for its six-monthly re-check."""
    return now - EMPLOYER_RECHECK


def recheck_due(employer: Employer, now: datetime.datetime) -> bool:
    return employer.verified_at is None or employer.verified_at < recheck_cutoff(now)


def _employer(by: User, employer_id: int | None, now: datetime.datetime) -> Employer:
    """The verified employer the contact posts for, whose re-check is not due."""
    employer = accounts_selectors.employer_of_contact(by, employer_id)
    if employer is None:
        raise PermissionDenied(_("Register your organisation as an employer first."), code="not_an_employer")
    accounts.require_verified_employer(employer)
    if recheck_due(employer, now):
        raise Conflict(
            _("Recruiters are checked again every six months, and this employer's check is due. Staff at the "
              "service center will check it (bring the business licence); until then no new vacancy can be "
              "published and the published ones are not shown."),
            code="recheck_due")
    return employer


def _screen(data: dict) -> None:
    """The fairness screen over what a seeker reads: 422 naming each rule broken, beside its field."""
    texts = {name: " ".join(v) if isinstance(v := data.get(name), list) else (v or "") for name in SCREENED}
    if not fairness.problems(*texts.values()):  # the usual case: one pass over the whole ad
        return
    fields, messages = {}, []
    for name in SCREENED:
        found = fairness.problems(texts[name])
        if found:
            fields[name] = " ".join(msg for _code, msg in found)
            messages += [msg for _code, msg in found if msg not in messages]
    if fields:
        raise InvalidInput(" ".join(messages), code="posting_refused", fields=fields)


def _clean(data: dict, now: datetime.datetime, *, valid_until_default: datetime.date | None) -> dict:
    """The vacancy's fields checked and tidied: 422 naming each field that is wrong."""
    problems = {}
    out = {k: data[k] for k in CONTENT_FIELDS if k in data}
    for name in ("title", "requirements", "duties", "address"):
        out[name] = (out.get(name) or "").strip()
        if not out[name]:
            problems[name] = _("This is required.")
    occupation = occupations.by_code(data.get("occupation"))
    if occupation is None:
        problems["occupation"] = _("Choose an occupation from the national classification.")
    elif occupation.level == OccupationLevel.MAJOR:
        problems["occupation"] = _("Choose a narrower group or an occupation, not a major group.")
    out["occupation"] = occupation
    if out.get("kind") not in JobKind.values:
        problems["kind"] = _("Full-time or part-time.")
    if out.get("town") not in Town.values:
        problems["town"] = _("Choose the town.")
    headcount = out.get("headcount")
    if not isinstance(headcount, int) or not 1 <= headcount <= 999:
        problems["headcount"] = _("From 1 to 999 people.")
    out["skills"] = list(dict.fromkeys(s.strip() for s in out.get("skills") or [] if s and s.strip()))[:10]
    period = out.get("pay_period") or PayPeriod.MONTH
    out["pay_period"] = period
    low, high = out.get("pay_min_fen"), out.get("pay_max_fen")
    if period not in PAY_LIMITS_FEN:
        problems["pay_period"] = _("Per month or per hour.")
    elif not isinstance(low, int) or not isinstance(high, int):
        problems["pay_min_fen"] = _("State the basic pay.")
    else:
        least, most = PAY_LIMITS_FEN[period]
        if not least <= low <= most:
            problems["pay_min_fen"] = (
                _("Basic pay per month is between %(least)s and %(most)s yuan.") if period == PayPeriod.MONTH
                else _("Basic pay per hour is between %(least)s and %(most)s yuan.")
            ) % {"least": least // 100, "most": most // 100}
        elif high < low:
            problems["pay_max_fen"] = _("The top of the range cannot be below its bottom.")
        elif high > low * PAY_SPREAD:
            problems["pay_max_fen"] = _("The top of the range may be at most three times its bottom: state the "
                                        "basic pay a new worker really gets.")
    first, last = today(now), today(now) + datetime.timedelta(days=VACANCY_MAX_DAYS)
    valid_until = data.get("valid_until") or valid_until_default
    if valid_until is not None:
        if not isinstance(valid_until, datetime.date) or not first <= valid_until <= last:
            problems["valid_until"] = _("From today to %(days)d days ahead.") % {"days": VACANCY_MAX_DAYS}
        out["valid_until"] = valid_until
    for name in ("lat", "lon"):
        if name in out and not isinstance(out[name], int | float):
            problems[name] = _("This is required.")
    if problems:
        raise InvalidInput(fields=problems)
    return out


@transaction.atomic
def vacancy_create(*, by: User, data: dict, now: datetime.datetime | None = None) -> Vacancy:
    """A vacancy waiting for review, from a verified employer whose re-check is not due. Text
    that asks for fees or limits 户籍, region, sex or age is refused (422 posting_refused)."""
    now = now or timezone.now()
    employer = _employer(by, data.get("employer_id"), now)
    _screen(data)
    fields = _clean(data, now, valid_until_default=today(now) + datetime.timedelta(days=VACANCY_DEFAULT_DAYS))
    if "lat" not in fields or "lon" not in fields:
        raise InvalidInput(fields={"lat": _("Say where the work is.")})
    vacancy = VACANCIES.create(by=by, now=now, employer=employer, created_by=by,
                               status=VacancyStatus.PENDING_REVIEW, **fields)
    audit_log(actor=by, action="vacancy.create", obj=vacancy)
    return vacancy


def _own(vacancy_id: int, by: User) -> Vacancy:
    """A vacancy of one of the contact's employers, locked; anyone else's is simply not found."""
    vacancy = (Vacancy.objects.select_for_update(of=("self",)).select_related("employer", "occupation")
               .filter(pk=vacancy_id, employer__contacts=by).first())
    if vacancy is None:
        raise NotFound()
    return vacancy


@transaction.atomic
def vacancy_review(*, vacancy_id: int, by: User, approve: bool, note: str = "",
                   now: datetime.datetime | None = None) -> Vacancy:
    """Staff publish a vacancy waiting for review, or turn it down saying why."""
    require_role(by, *REVIEWERS)
    now = now or timezone.now()
    note = (note or "").strip()[:200]
    vacancy = Vacancy.objects.select_for_update(of=("self",)).filter(pk=vacancy_id).first()
    if vacancy is None:
        raise NotFound()
    if vacancy.status != VacancyStatus.PENDING_REVIEW:
        raise Conflict(_("Only a vacancy waiting for review can be reviewed; this one is %(status)s.")
                       % {"status": vacancy.get_status_display()}, code="not_pending_review")
    if not approve and not note:
        raise InvalidInput(fields={"note": _("Say why it is not approved, so the employer can fix it.")})
    to = VacancyStatus.APPROVED if approve else VacancyStatus.REJECTED
    VACANCIES.move(vacancy, to, by=by, now=now, note=note, review_note=note, updated_at=now)
    audit_log(actor=by, action="vacancy.approve" if approve else "vacancy.reject", obj=vacancy,
              detail={"note": note})
    return vacancy


@transaction.atomic
def vacancy_close(*, vacancy_id: int, by: User, note: str = "", now: datetime.datetime | None = None) -> Vacancy:
    """The employer (or staff) take a vacancy down: filled, or no longer wanted."""
    now = now or timezone.now()
    if has_role(by, *REVIEWERS):
        vacancy = Vacancy.objects.select_for_update(of=("self",)).filter(pk=vacancy_id).first()
        if vacancy is None:
            raise NotFound()
    else:
        vacancy = _own(vacancy_id, by)
    if vacancy.status == VacancyStatus.CLOSED:
        return vacancy
    if vacancy.status not in (VacancyStatus.PENDING_REVIEW, VacancyStatus.APPROVED):
        raise Conflict(_("Only a vacancy waiting for review or published can be closed."), code="not_open")
    VACANCIES.move(vacancy, VacancyStatus.CLOSED, by=by, now=now, note=(note or "").strip()[:200], updated_at=now)
    audit_log(actor=by, action="vacancy.close", obj=vacancy)
    return vacancy


@transaction.atomic
def vacancy_renew(*, vacancy_id: int, by: User, data: dict, now: datetime.datetime | None = None) -> Vacancy:
    """The employer extends a vacancy (`valid_until`, at most 90 days ahead) and may change what
    it says. A published vacancy whose content changed, and a turned-down one, go back to review;
    extending alone keeps a published vacancy published."""
    now = now or timezone.now()
    vacancy = _own(vacancy_id, by)
    if vacancy.status == VacancyStatus.CLOSED:
        raise Conflict(_("This vacancy is closed: post a new one."), code="vacancy_closed")
    _employer(by, vacancy.employer_id, now)
    current = {k: getattr(vacancy, k) for k in CONTENT_FIELDS}
    current["occupation"] = vacancy.occupation.code
    merged = {**current, **{k: v for k, v in data.items() if k in CONTENT_FIELDS and v is not None}}
    _screen(merged)
    # Without a new date the vacancy keeps its own, or gets the default period once it has run out.
    keep = vacancy.valid_until if vacancy.valid_until >= today(now) else (
        today(now) + datetime.timedelta(days=VACANCY_DEFAULT_DAYS))
    fields = _clean({**merged, "valid_until": data.get("valid_until")}, now, valid_until_default=keep)
    changed = [k for k in CONTENT_FIELDS if fields[k] != getattr(vacancy, k)]
    for name in [*changed, "valid_until"]:
        setattr(vacancy, name, fields[name])
    vacancy.save()
    if vacancy.status == VacancyStatus.REJECTED or (vacancy.status == VacancyStatus.APPROVED and changed):
        note = _("changed: %(fields)s") % {"fields": ", ".join(changed)} if changed else _("sent again")
        VACANCIES.move(vacancy, VacancyStatus.PENDING_REVIEW, by=by, now=now, note=note, review_note="")
    audit_log(actor=by, action="vacancy.renew", obj=vacancy, detail={"changed": changed})
    return vacancy


@transaction.atomic
def vacancies_expire(*, now: datetime.datetime | None = None) -> int:
    """Close the vacancies whose validity has passed (timed work; lists hide them anyway)."""
    now = now or timezone.now()
    stale = list(Vacancy.objects.select_for_update().filter(
        status__in=(VacancyStatus.APPROVED, VacancyStatus.PENDING_REVIEW), valid_until__lt=today(now))
        .order_by("pk")[:500])
    if stale:
        VACANCIES.move_many([(v, VacancyStatus.CLOSED) for v in stale], by=None, now=now,
                            note=_("validity ended"))
    return len(stale)


def employer_recheck(*, employer_id: int, by: User, now: datetime.datetime | None = None):
    """Staff re-check a verified employer (accounts' door): its vacancies show again."""
    employer = accounts.employer_reverify(employer_id=employer_id, by=by, now=now)
    return employer
