"""Read queries for vacancies: the public search, one vacancy as its reader may see it, an
employer's own, the staff review queue and the employers due for their re-check."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from nuanxin.accounts import selectors as accounts_selectors
from nuanxin.accounts.choices import EmployerStatus, Role
from nuanxin.core import geo, workflow
from nuanxin.core.permissions import has_role
from nuanxin.core.search import matching
from nuanxin.jobs import occupations
from nuanxin.jobs.choices import VacancyStatus
from nuanxin.jobs.models import Vacancy
from nuanxin.jobs.services.vacancies import recheck_cutoff, recheck_due, today

if TYPE_CHECKING:
    from nuanxin.accounts.models import User

DEFAULT_RADIUS_M = 20_000.0
# Staff who may read every vacancy, whatever its status; advisors and admins also review.
READERS = (Role.ADVISOR, Role.ADMIN, Role.OFFICIAL)


@dataclass
class VacancyHit:
    vacancy: Vacancy
    distance_m: float | None = None


def vacancies_live(now: datetime.datetime | None = None) -> QuerySet:
    """What the public lists show: approved, still valid, from a verified employer whose
    six-monthly re-check is not due. Anything else drops out by itself, no job needed."""
    now = now or timezone.now()
    return Vacancy.objects.filter(status=VacancyStatus.APPROVED, valid_until__gte=today(now),
                                  employer__status=EmployerStatus.VERIFIED,
                                  employer__verified_at__gte=recheck_cutoff(now))


def vacancies_search(
    *, q: str | None = None, town: str | None = None, occupation: str | None = None,
    near: tuple[float, float] | None = None, radius_m: float | None = None, kind: str | None = None,
    min_pay_fen: int | None = None, limit: int = 20, offset: int = 0, now: datetime.datetime | None = None,
) -> tuple[list[VacancyHit], int]:
    """Live vacancies matching the filters, (this page, total). `q` matches Chinese words,
    pinyin and initials (core.search); `occupation` is a code and finds everything under it;
    `min_pay_fen` is compared with the top of the vacancy's range. Nearest first with `near`
    (within `radius_m`, 20 km unless given), else newest first."""
    qs = vacancies_live(now)
    if town:
        qs = qs.filter(town=town)
    if occupation:
        qs = qs.filter(occupations.under_field("occupation", occupation))
    if kind:
        qs = qs.filter(kind=kind)
    if min_pay_fen:
        qs = qs.filter(pay_max_fen__gte=min_pay_fen)
    qs = matching(qs, q, table="jobs_vacancy")
    if near:
        rows = geo.within_radius(qs.order_by(), near[0], near[1],
                                 radius_m if radius_m is not None else DEFAULT_RADIUS_M)
        count = len(rows)
        page = [(d, pk) for d, pk in rows[offset: offset + limit]]
    else:
        count = qs.count()
        page = [(None, pk) for pk in qs.order_by("-pk").values_list("pk", flat=True)[offset: offset + limit]]
    by_id = Vacancy.objects.select_related("employer", "occupation").in_bulk([pk for _d, pk in page])
    return [VacancyHit(by_id[pk], d) for d, pk in page], count


def is_reader(user: User | None) -> bool:
    return user is not None and user.is_authenticated and has_role(user, *READERS)


def is_own(vacancy: Vacancy, user: User | None) -> bool:
    return (user is not None and user.is_authenticated
            and vacancy.employer.contacts.filter(pk=user.pk).exists())


def vacancy_is_private_to(vacancy: Vacancy, user: User | None) -> bool:
    """Whether the user sees the vacancy's review note and history: its employer, staff readers."""
    return is_reader(user) or is_own(vacancy, user)


def vacancy_visible(vacancy_id: int, user: User | None, now: datetime.datetime | None = None) -> Vacancy | None:
    """A live vacancy for anyone; any other for its employer's contacts and staff readers."""
    vacancy = Vacancy.objects.select_related("employer", "occupation").filter(pk=vacancy_id).first()
    if vacancy is None:
        return None
    if vacancies_live(now).filter(pk=vacancy.pk).exists():
        return vacancy
    if is_reader(user) or is_own(vacancy, user):
        return vacancy
    return None


def vacancy_history(vacancy: Vacancy, *, viewer: User) -> list[dict]:
    """The vacancy's status changes, oldest first: "you", "employer", "staff" or "system"."""
    roles = dict.fromkeys(vacancy.employer.contacts.values_list("pk", flat=True), "employer")
    return workflow.history_out(vacancy.history.all(), viewer_id=viewer.pk, roles=roles)


def vacancies_of_contact(user: User) -> QuerySet:
    """Every vacancy of the employers the user is a contact of, newest first."""
    return (Vacancy.objects.filter(employer__contacts=user).select_related("employer", "occupation")
            .order_by("-pk"))


def vacancies_to_review() -> QuerySet:
    """The staff queue: waiting for review, oldest first."""
    return (Vacancy.objects.filter(status=VacancyStatus.PENDING_REVIEW).select_related("employer", "occupation")
            .order_by("pk"))


def employers_due_recheck(now: datetime.datetime | None = None) -> list[dict]:
    """Verified employers with open vacancies whose six-monthly re-check is due: for the
    staff queue, each {"id", "name", "verified_at", "vacancies"}."""
    now = now or timezone.now()
    rows = (Vacancy.objects.filter(status__in=(VacancyStatus.APPROVED, VacancyStatus.PENDING_REVIEW),
                                   employer__status=EmployerStatus.VERIFIED)
            .filter(Q(employer__verified_at__lt=recheck_cutoff(now)) | Q(employer__verified_at__isnull=True))
            .values("employer_id", "employer__name", "employer__verified_at")
            .annotate(n=Count("pk")).order_by("employer__verified_at", "employer_id"))
    return [{"id": r["employer_id"], "name": r["employer__name"], "verified_at": r["employer__verified_at"],
             "vacancies": r["n"]} for r in rows]


def employer_due_recheck(user: User, now: datetime.datetime | None = None) -> bool:
    """Whether the verified employer the user acts for is due for its re-check (pages say so)."""
    employer = accounts_selectors.employer_of_contact(user)
    return (employer is not None and employer.status == EmployerStatus.VERIFIED
            and recheck_due(employer, now or timezone.now()))
