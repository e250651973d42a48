"""Reads for job fairs (招聘会): the fair lists, one fair with its counts, an employer's booth,
who is barred, and whether an employer has a vacancy that lets it book a booth.

Vacancies are read here through one small query (employer_has_approved_vacancy) rather than
through the vacancies module, so that booths depend only on the shared tables."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.db.models import Count, F, Q, QuerySet, Sum

from nuanxin.jobs.choices import FAIR_BAR_FOR, FAIR_BAR_NO_SHOWS, BoothStatus, VacancyStatus
from nuanxin.jobs.models import Booth, Fair, FairVisit, Vacancy

if TYPE_CHECKING:
    from nuanxin.accounts.models import Employer, User

LIVE_BOOTH = (BoothStatus.BOOKED, BoothStatus.ATTENDED, BoothStatus.NO_SHOW)


def employer_has_approved_vacancy(employer: Employer, *, today: datetime.date) -> bool:
    """At least one vacancy staff approved that is still valid today (the fair rules: a booth
    only after the employer and its vacancies pass review)."""
    return Vacancy.objects.filter(employer=employer, status=VacancyStatus.APPROVED, valid_until__gte=today).exists()


def _with_counts(rows: QuerySet) -> QuerySet:
    return rows.select_related("place").annotate(
        visitors=Count("visits", distinct=True),
        checked_in=Count("visits", filter=Q(visits__checked_in_at__isnull=False), distinct=True),
        intentions_total=Sum("visits__intentions"),
        booths_left=F("booths") - F("booths_taken"),
    )


def fairs_list(*, now: datetime.datetime, past: bool = False) -> QuerySet:
    """Fairs not yet over, soonest first; or (past) those over, latest first."""
    if past:
        return _with_counts(Fair.objects.filter(ends_at__lt=now)).order_by("-starts_at", "-pk")
    return _with_counts(Fair.objects.filter(ends_at__gte=now)).order_by("starts_at", "pk")


def fair(fair_id: int) -> Fair | None:
    return _with_counts(Fair.objects.filter(pk=fair_id)).first()


def fair_plain(fair_id: int) -> Fair | None:
    return Fair.objects.select_related("place").filter(pk=fair_id).first()


def employers_booked(fair_id: int) -> list[dict]:
    """The employers with a booth, in booth-number order (public: who comes to the fair)."""
    rows = (Booth.objects.filter(fair_id=fair_id, status__in=LIVE_BOOTH).select_related("employer")
            .order_by("number", "pk"))
    return [{"number": b.number, "employer": b.employer.name, "employer_id": b.employer_id} for b in rows]


def booths_of_fair(fair_id: int) -> QuerySet:
    """Every booth of a fair (staff's roll), cancelled ones last."""
    return (Booth.objects.filter(fair_id=fair_id).select_related("employer")
            .order_by(F("number").asc(nulls_last=True), "pk"))


def booth_of_employer(fair_id: int, employer: Employer | None) -> Booth | None:
    """The employer's live booth at this fair, if any."""
    if employer is None:
        return None
    return Booth.objects.filter(fair_id=fair_id, employer=employer, status__in=LIVE_BOOTH).first()


def booth_in_fair(fair_id: int, booth_id: int) -> Booth | None:
    return Booth.objects.select_related("employer", "fair").filter(pk=booth_id, fair_id=fair_id).first()


def booth_numbers_in_use(fair_id: int) -> set[int]:
    return set(Booth.objects.filter(fair_id=fair_id, status__in=LIVE_BOOTH, number__isnull=False)
               .values_list("number", flat=True))


def barred_until(employer: Employer, *, now: datetime.datetime) -> datetime.datetime | None:
    """When the employer's bar from fairs ends, or None when it is not barred now.

    FAIR_BAR_NO_SHOWS booth no-shows within FAIR_BAR_FOR bar the employer for FAIR_BAR_FOR,
    counted from the fair of the no-show that reached the number."""
    starts = sorted(Booth.objects.filter(employer=employer, status=BoothStatus.NO_SHOW)
                    .values_list("fair__starts_at", flat=True))
    until = None
    n = FAIR_BAR_NO_SHOWS
    for i in range(n - 1, len(starts)):
        if starts[i] - starts[i - n + 1] <= FAIR_BAR_FOR:
            end = starts[i] + FAIR_BAR_FOR
            until = end if until is None or end > until else until
    return until if until is not None and until > now else None


def visit_of(fair_id: int, user: User) -> FairVisit | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return FairVisit.objects.filter(fair_id=fair_id, user=user).first()


def visit_by_code(fair_id: int, code: str) -> FairVisit | None:
    return FairVisit.objects.select_related("user").filter(fair_id=fair_id, code=code).first()


def codes_in_use(fair_id: int) -> set[str]:
    return set(FairVisit.objects.filter(fair_id=fair_id).values_list("code", flat=True))


def fairs_of_worker(user: User, *, now: datetime.datetime) -> QuerySet:
    """The fairs a worker signed up for that are not over yet."""
    return FairVisit.objects.filter(user=user, fair__ends_at__gte=now).select_related("fair__place")


def fair_ids_with_booth_of(employer: Employer | None) -> set[int]:
    if employer is None:
        return set()
    return set(Booth.objects.filter(employer=employer, status__in=LIVE_BOOTH).values_list("fair_id", flat=True))
