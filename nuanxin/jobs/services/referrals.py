"""Referrals (推荐介绍): an advisor refers a seeker to a live vacancy with a letter; the
employer scans the letter's QR code and records what happened. The only writer of Referral.

Every status change goes through one `core.workflow.Machine` over REFERRAL_TRANSITIONS, with a
dated ReferralHistory row. A hire closes the seeker's registration as placed, withdraws their
other referrals still waiting for an interview, and tells the advisor."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from nuanxin.accounts import selectors as accounts_selectors
from nuanxin.accounts.notify import notify
from nuanxin.core.errors import Conflict, InvalidInput, NotAuthenticated, NotFound, PermissionDenied
from nuanxin.core.workflow import Machine
from nuanxin.jobs.choices import REFERRAL_TRANSITIONS, ReferralStatus, SeekerStatus
from nuanxin.jobs.models import Referral, ReferralHistory, Seeker
from nuanxin.jobs.selectors import seekers as selectors

if TYPE_CHECKING:
    from nuanxin.accounts.models import User

MACHINE = Machine(Referral, ReferralHistory, "referral", REFERRAL_TRANSITIONS)
OUTCOMES = (ReferralStatus.INTERVIEWED, ReferralStatus.HIRED, ReferralStatus.NOT_HIRED, ReferralStatus.NO_SHOW)
DECIDED = (ReferralStatus.HIRED, ReferralStatus.NOT_HIRED, ReferralStatus.NO_SHOW)
MY_PAGE = "/jobs/me/"


def letter_path(referral: Referral) -> str:
    return reverse("jobs:letter", args=[referral.token])


def outcome_path(referral: Referral) -> str:
    return reverse("jobs:letter-outcome", args=[referral.token])


@transaction.atomic
def referral_create(*, by: User, seeker_id: int, job_id: int, note: str = "",
                    now: datetime.datetime | None = None) -> Referral:
    """Refer an active seeker to a live vacancy. 409 `already_referred` if a referral of this
    seeker to this vacancy is still live (the database's unique constraint decides under
    concurrency), `not_active` for a closed registration, `not_live` for a vacancy no longer
    published."""
    now = now or timezone.now()
    if not getattr(by, "is_authenticated", False):
        raise NotAuthenticated()
    seeker = selectors.seeker_for_staff(by, seeker_id)
    if seeker is None:
        raise NotFound(fields={"seeker_id": _("No such job seeker among yours.")})
    seeker = Seeker.objects.select_for_update().get(pk=seeker.pk)
    if seeker.status != SeekerStatus.ACTIVE:
        raise Conflict(_("This registration is closed."), code="not_active")
    if not seeker.user.name.strip():
        # The letter introduces a person by name: a letter for nobody helps nobody.
        raise Conflict(_("Add the person's name to their file first: the letter introduces them by name."),
                       code="no_name")
    vacancy = selectors.live_vacancy(job_id, selectors.today(now))
    if vacancy is None:
        if selectors.vacancy_by_id(job_id) is None:
            raise NotFound(fields={"job_id": _("No such vacancy.")})
        raise Conflict(_("This vacancy is no longer published."), code="not_live")
    if selectors.live_referral_exists(seeker.pk, vacancy.pk):
        raise Conflict(_("This person is already referred to this job."), code="already_referred")
    try:
        with transaction.atomic():
            text = (note or "").strip()[:300]
            # The Machine's `note` is the history row's; the letter's note for the employer is
            # the referral's own field, set here (as a keyword to create() it would be lost).
            referral = MACHINE.create(by=by, now=now, seeker=seeker, vacancy=vacancy, advisor=by,
                                      note=text[:200], status=ReferralStatus.REFERRED)
            if text:
                Referral.objects.filter(pk=referral.pk).update(note=text)
                referral.note = text
    except IntegrityError:
        raise Conflict(_("This person is already referred to this job."), code="already_referred") from None
    notify(seeker.user, _("Your advisor referred you to “%(job)s” at %(employer)s. Show the referral letter "
                          "when you go: it is on your page.") % {"job": vacancy.title, "employer": vacancy.employer.name},
           kind="jobs.referred", link=letter_path(referral))
    return referral


def _lock(referral_id: int) -> Referral:
    return Referral.objects.select_for_update().select_related(
        "seeker__user", "vacancy__employer", "advisor").get(pk=referral_id)


@transaction.atomic
def referral_outcome(*, by: User, referral_id: int, outcome: str, note: str = "",
                     now: datetime.datetime | None = None) -> Referral:
    """The employer records interviewed, hired, not hired or no-show. Only a contact of the
    vacancy's employer may (others who may see the referral get 403, anyone else 404). A hire
    closes the registration as placed."""
    now = now or timezone.now()
    if not getattr(by, "is_authenticated", False):
        raise NotAuthenticated()
    found = selectors.referral_for(by, referral_id)
    if found is None:
        raise NotFound()
    if found[1] != "employer":
        raise PermissionDenied(_("The employer records what happened."), code="forbidden")
    if outcome not in OUTCOMES:
        raise InvalidInput(fields={"outcome": _("interviewed, hired, not_hired or no_show")})
    referral = _lock(referral_id)
    changes = {"interviewed_at": now} if outcome == ReferralStatus.INTERVIEWED else {"decided_at": now}
    if outcome == ReferralStatus.HIRED and referral.interviewed_at is None:
        changes["interviewed_at"] = now
    MACHINE.move(referral, outcome, by=by, now=now, note=(note or "").strip()[:200], **changes)
    if outcome == ReferralStatus.HIRED:
        _hired(referral, by=by, now=now)
    else:
        _tell_advisor(referral)
    return referral


def _hired(referral: Referral, *, by: User, now: datetime.datetime) -> None:
    from nuanxin.jobs.services import seekers

    seeker = Seeker.objects.select_for_update().get(pk=referral.seeker_id)
    if seeker.status == SeekerStatus.ACTIVE:
        seekers.mark_placed(seeker, now=now)
    cancel_open_referrals(seeker, by=None, now=now, except_id=referral.pk,
                          note=_("Placed through another referral."))
    vacancy = referral.vacancy
    notify(seeker.user, _("Congratulations: %(employer)s recorded that it hires you as “%(job)s”.") % {
        "employer": vacancy.employer.name, "job": vacancy.title}, kind="jobs.hired", link=MY_PAGE)
    _tell_advisor(referral)


def _tell_advisor(referral: Referral) -> None:
    advisor = referral.seeker.advisor or referral.advisor
    if advisor is None:
        return
    notify(advisor, _("Referral #%(id)s to “%(job)s”: %(status)s.") % {
        "id": referral.pk, "job": referral.vacancy.title, "status": ReferralStatus(referral.status).label},
        kind="jobs.referral_outcome", link=reverse("jobs:seeker-file", args=[referral.seeker_id]), sms=False)


def cancel_open_referrals(seeker: Seeker, *, by, now: datetime.datetime, note: str, except_id: int | None = None) -> int:
    """Withdraw a seeker's referrals still waiting for an interview (placed or closed). One
    already interviewed is left for its employer to decide: the transition map allows no
    withdrawal after an interview."""
    rows = list(Referral.objects.select_for_update().filter(seeker=seeker, status=ReferralStatus.REFERRED)
                .exclude(pk=except_id or 0).order_by("pk"))
    if rows:
        MACHINE.move_many([(r, ReferralStatus.CANCELLED) for r in rows], by=by, now=now, note=str(note))
    return len(rows)


@transaction.atomic
def referral_cancel(*, by: User, referral_id: int, note: str = "", now: datetime.datetime | None = None) -> Referral:
    """Staff withdraw a referral not yet answered (a mistake, the seeker changed their mind)."""
    now = now or timezone.now()
    found = selectors.referral_for(by, referral_id)
    if found is None:
        raise NotFound()
    if found[1] != "staff":
        raise PermissionDenied(_("Only the seeker's advisor withdraws a referral."), code="forbidden")
    referral = _lock(referral_id)
    MACHINE.move(referral, ReferralStatus.CANCELLED, by=by, now=now, note=(note or "").strip()[:200])
    return referral


def letter_read(*, referral: Referral, by) -> str:
    """How much of the seeker's name the letter may show to `by`: "full" for the seeker, the
    vacancy's employer's contacts and staff who may act for the seeker (their read of it is
    audited), "masked" for anyone else holding the letter."""
    kind = selectors.referral_viewer_kind(by, referral)
    if kind == "staff":
        from nuanxin.core.audit import audit_log

        audit_log(actor=by, action="jobs.referral.letter", obj=referral)
    return "full" if kind else "masked"


def employer_of_referral(by, referral: Referral):
    """The vacancy's employer when `by` is one of its contacts, else None."""
    if not getattr(by, "is_authenticated", False):
        return None
    return accounts_selectors.employer_of_contact(by, referral.vacancy.employer_id)
