"""Read queries for job seekers, follow-ups, referrals and the stations' day (part B).

Every read that depends on who asks takes the asking user: an advisor or an administrator sees
every seeker in the city; a station manager the seekers of the employment stations they run;
a worker only their own registration; an employer only the referrals to their own vacancies
(and never a list of seekers). Anyone else's record is simply not found.

Vacancies are read here through `live_vacancies()`: the vacancies part's rule for its public
list (selectors.vacancies.vacancies_live: approved, still valid, from a verified employer whose
six-monthly re-check is not due), so a referral goes only where a seeker could find the job."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.db.models import Case, IntegerField, Q, QuerySet, Value, When
from django.utils import timezone

from nuanxin.accounts import selectors as accounts_selectors
from nuanxin.accounts.choices import Role
from nuanxin.core import dates
from nuanxin.core.permissions import has_role
from nuanxin.jobs.choices import ReferralStatus, SeekerStatus
from nuanxin.jobs.models import FollowUp, Occupation, Referral, ReferralHistory, Seeker, Vacancy
from nuanxin.places import selectors as places_selectors

if TYPE_CHECKING:
    from nuanxin.accounts.models import User

# Referrals still open: the employer has not decided yet.
LIVE_REFERRAL = (ReferralStatus.REFERRED, ReferralStatus.INTERVIEWED)


def today(now: datetime.datetime | None = None) -> datetime.date:
    """The city's date (Asia/Shanghai), whatever the server's zone."""
    return timezone.localtime(now or timezone.now(), dates.local_tz()).date()


# --- vacancies, as this part needs them -------------------------------------------------------


def live_vacancies(on: datetime.date | None = None) -> QuerySet:
    """Vacancies the public list shows (vacancies_live), still valid on `on` when given: what
    may be suggested or referred to."""
    from nuanxin.jobs.selectors.vacancies import vacancies_live

    qs = vacancies_live()
    return qs.filter(valid_until__gte=on) if on is not None else qs


def live_vacancy(job_id: int, on: datetime.date | None = None) -> Vacancy | None:
    return live_vacancies(on).select_related("employer", "occupation").filter(pk=job_id).first()


def vacancy_by_id(job_id: int) -> Vacancy | None:
    return Vacancy.objects.select_related("employer", "occupation").filter(pk=job_id).first()


def occupations_by_code(codes) -> dict[str, Occupation]:
    return {o.code: o for o in Occupation.objects.filter(code__in=list(codes))}


def occupations_for_choice() -> QuerySet:
    """The groups and occupations a seeker may want (a form's choices)."""
    return Occupation.objects.order_by("code")


# --- who is staff for a seeker ----------------------------------------------------------------


def is_city_staff(user) -> bool:
    """Advisors (就业顾问) and administrators act for any seeker in the city."""
    return has_role(user, Role.ADVISOR, Role.ADMIN)


def stations_of(user) -> list[int]:
    """The employment stations (and the service center) a user works at: the places they manage."""
    if not getattr(user, "is_authenticated", False):
        return []
    return list(places_selectors.places_managed_by(user).filter(kind__in=("employment_station", "service_center"))
                .values_list("pk", flat=True))


def seekers_visible_to(user) -> QuerySet:
    """The seekers whose files a member of staff may open: every one for advisors and
    administrators, those of their own stations for station managers, none for anyone else
    (officials see the service's figures, never a person's file)."""
    qs = Seeker.objects.select_related("user", "advisor", "station")
    if is_city_staff(user):
        return qs
    if has_role(user, Role.STATION_MANAGER):
        return qs.filter(station_id__in=stations_of(user))
    return qs.none()


def may_act_for_seeker(user, seeker: Seeker) -> bool:
    if is_city_staff(user):
        return True
    return has_role(user, Role.STATION_MANAGER) and seeker.station_id is not None and \
        seeker.station_id in stations_of(user)


def seeker_for_staff(user, seeker_id: int) -> Seeker | None:
    return seekers_visible_to(user).filter(pk=seeker_id).first()


def seeker_of(user) -> Seeker | None:
    """The worker's own registration (whatever its status), or None."""
    if not getattr(user, "is_authenticated", False):
        return None
    return Seeker.objects.select_related("advisor", "station").filter(user=user).first()


def seekers_search(user, *, q: str = "", status: str = "", station_id: int | None = None,
                   due_on: datetime.date | None = None) -> QuerySet:
    """Seekers staff may see, filtered. With `due_on`: the follow-up queue (active seekers whose
    next contact is on or before that day): the asker's own seekers first, then those of the
    stations they work at, then the rest; within each, the longest overdue first."""
    qs = seekers_visible_to(user)
    if status:
        qs = qs.filter(status=status)
    if station_id:
        qs = qs.filter(station_id=station_id)
    q = (q or "").strip()
    if q:
        # A phone number or a name (both are on the account; the name is not secret, only shown masked).
        qs = qs.filter(Q(user__phone__contains=q) | Q(user__name__contains=q) if q.isdigit()
                       else Q(user__name__contains=q))
    if due_on is not None:
        stations = stations_of(user)
        qs = (qs.filter(status=SeekerStatus.ACTIVE, next_contact_on__lte=due_on)
              .annotate(queue_rank=Case(When(advisor_id=user.pk, then=Value(0)),
                                        When(station_id__in=stations, then=Value(1)),
                                        default=Value(2), output_field=IntegerField()))
              .order_by("queue_rank", "next_contact_on", "pk"))
    else:
        qs = qs.order_by("-pk")
    return qs


def follow_ups_of(seeker: Seeker) -> QuerySet:
    return FollowUp.objects.filter(seeker=seeker).select_related("by").order_by("-at", "-pk")


def active_seekers_for_matching() -> QuerySet:
    return (Seeker.objects.filter(status=SeekerStatus.ACTIVE).select_related("user")
            .prefetch_related("occupations"))


def station_seekers(place_id: int) -> QuerySet:
    return Seeker.objects.filter(station_id=place_id).select_related("user", "advisor").order_by("status", "-pk")


def station_due(place_id: int, on: datetime.date) -> QuerySet:
    return (Seeker.objects.filter(station_id=place_id, status=SeekerStatus.ACTIVE, next_contact_on__lte=on)
            .select_related("user", "advisor").order_by("next_contact_on", "pk"))


def station_for_staff(user, place_id: int):
    """An employment station (or the service center) whose page the user may open: advisors and
    administrators any, station managers their own; None otherwise."""
    place = places_selectors.place_by_id(place_id)
    if place is None or place.kind not in ("employment_station", "service_center"):
        return None
    if is_city_staff(user) or (has_role(user, Role.STATION_MANAGER) and places_selectors.is_manager_of(place, user)):
        return place
    return None


def station_advisor(place) -> User | None:
    """The advisor who serves a station: one of its managers with the advisor role, the
    longest-serving first."""
    if place is None:
        return None
    return place.managers.filter(groups__name=Role.ADVISOR, is_active=True).order_by("pk").first()


# --- referrals --------------------------------------------------------------------------------


def _referrals() -> QuerySet:
    return Referral.objects.select_related("seeker__user", "seeker__station", "vacancy__employer",
                                           "vacancy__occupation", "advisor")


def referral_viewer_kind(user, referral: Referral) -> str | None:
    """How the user may see a referral: "seeker" (their own), "staff", "employer" (a contact
    of the vacancy's employer), or None."""
    if not getattr(user, "is_authenticated", False):
        return None
    if referral.seeker.user_id == user.pk:
        return "seeker"
    if may_act_for_seeker(user, referral.seeker):
        return "staff"
    if accounts_selectors.employer_of_contact(user, referral.vacancy.employer_id) is not None:
        return "employer"
    return None


def referral_for(user, referral_id: int) -> tuple[Referral, str] | None:
    referral = _referrals().filter(pk=referral_id).first()
    if referral is None:
        return None
    kind = referral_viewer_kind(user, referral)
    return (referral, kind) if kind else None


def referral_by_token(token: str) -> Referral | None:
    if not token or len(token) > 64:
        return None
    return _referrals().filter(token=token).first()


def referrals_of_worker(user) -> QuerySet:
    return _referrals().filter(seeker__user=user).order_by("-pk")


def referrals_of_seeker(seeker: Seeker) -> QuerySet:
    """With their history, whose notes (the employer's word on an outcome) the file shows."""
    return _referrals().filter(seeker=seeker).prefetch_related("history").order_by("-pk")


def live_referral_exists(seeker_id: int, vacancy_id: int) -> bool:
    return Referral.objects.filter(seeker_id=seeker_id, vacancy_id=vacancy_id).exclude(
        status=ReferralStatus.CANCELLED).exists()


def vacancies_referred(seeker: Seeker) -> QuerySet:
    """The ids of vacancies a seeker has a live referral to."""
    return Referral.objects.filter(seeker=seeker, status__in=LIVE_REFERRAL).values("vacancy_id")


def referral_history(referral: Referral) -> QuerySet:
    return ReferralHistory.objects.filter(referral=referral).order_by("pk")


def referral_history_out(referral: Referral, *, viewer) -> list[dict]:
    """API.md's `history`, oldest first; who moved it as "you", "employer", "worker", "staff"
    or "system", never a name."""
    from nuanxin.core import workflow

    rows = list(referral_history(referral))
    roles: dict[int, str] = {referral.seeker.user_id: "worker"}
    for by_id in {r.by_id for r in rows if r.by_id and r.by_id not in roles}:
        person = accounts_selectors.user_by_id(by_id)
        if person is not None and accounts_selectors.employer_of_contact(person, referral.vacancy.employer_id):
            roles[by_id] = "employer"
    return workflow.history_out(rows, viewer_id=getattr(viewer, "pk", None), roles=roles)
