"""Read queries for the gig market: search, recommendations, a worker's shifts, an employer's view."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.db.models import Case, F, OuterRef, Prefetch, QuerySet, Subquery, Sum, Value, When
from django.utils import timezone

from nuanxin.accounts import selectors as accounts_selectors
from nuanxin.accounts.choices import EmployerStatus
from nuanxin.core import figures, geo, workflow
from nuanxin.core.dates import local_tz
from nuanxin.core.money import yuan_figure
from nuanxin.gigs import pay
from nuanxin.gigs.choices import HOLDING, GigSort, GigStatus, ReportStatus
from nuanxin.gigs.models import Application, Gig, GigReport, Rating, Shift
from nuanxin.gigs.search import gigs_matching

if TYPE_CHECKING:
    from nuanxin.accounts.models import User

RATINGS_HIDDEN_FOR = datetime.timedelta(days=7)


@dataclass
class GigHit:
    gig: Gig
    distance_m: float | None
    shifts: list[Shift]
    reasons: list[str] = field(default_factory=list)
    score: float = 0.0
    # The shift a list row shows: the next one open to book, else the next one to come.
    shift: Shift | None = None
    shift_pay_fen: int | None = None
    # "open" (a shift can still be booked), "full" (places all taken) or "started" (only
    # shifts under way are left): the last two never rank before an open gig.
    state: str = "open"


def _future_shifts(now):
    return Prefetch("shifts", queryset=Shift.objects.filter(end__gt=now, cancelled_at__isnull=True).order_by("start"),
                    to_attr="future_shifts")


def _hit(gig: Gig, distance_m: float | None, now: datetime.datetime) -> GigHit:
    shifts = gig.future_shifts
    bookable = [s for s in shifts if s.start > now and s.taken < s.headcount]
    if bookable:
        state = "open"
    elif any(s.start > now for s in shifts):
        state = "full"
    else:
        state = "started"
    shown = bookable[0] if bookable else (shifts[0] if shifts else None)
    return GigHit(gig, distance_m, shifts, shift=shown, state=state,
                  shift_pay_fen=pay.booked_wage_fen(gig, shown) if shown else None)


def gigs_open(now: datetime.datetime) -> QuerySet:
    """Open gigs with a shift still to come: stale gigs drop out by themselves."""
    return Gig.objects.filter(status=GigStatus.OPEN, ends_at__gt=now, employer__status=EmployerStatus.VERIFIED)


def _with_next_open_shift(qs: QuerySet, now: datetime.datetime) -> QuerySet:
    """Each gig's next shift that can still be booked (not started, not full, not cancelled):
    its start and the wage publishing put in escrow for one place on it (pay.booked_wage_fen:
    the whole shift at the posted rate). Both are NULL when nothing can be booked."""
    bookable = (Shift.objects.filter(gig=OuterRef("pk"), start__gt=now, cancelled_at__isnull=True,
                                     taken__lt=F("headcount")).order_by("start", "id"))
    return qs.annotate(next_open=Subquery(bookable.values("start")[:1]),
                    shift_pay=Subquery(bookable.values("per_place_fen")[:1]),
                    closed=Case(When(next_open__isnull=True, then=Value(1)), default=Value(0)))


def gigs_search(
    *, q: str | None = None, near: tuple[float, float] | None = None, radius_m: float | None = None,
    category: str | None = None, date: datetime.date | None = None, min_pay_fen: int | None = None,
    sort: str | None = None, limit: int = 20, offset: int = 0, now: datetime.datetime | None = None,
) -> tuple[list[GigHit], int]:
    """Open gigs matching the filters: (hits on this page, total count).

    `sort` is a GigSort: distance (needs `near`; the default when it is given), pay (the
    whole pay of the next bookable shift, highest first) or start (the next bookable shift,
    soonest first; the default without `near`). Whatever the sort, gigs that can still be
    booked come first; gigs whose remaining shifts are all full or under way follow, by start.
    Ties are broken by id, so pages never overlap."""
    now = now or timezone.now()
    if sort not in GigSort.values or (sort == GigSort.DISTANCE and not near):
        sort = GigSort.DISTANCE if near else GigSort.START
    qs = gigs_open(now)
    if category:
        qs = qs.filter(category=category)
    if min_pay_fen:
        qs = qs.filter(pay_fen__gte=min_pay_fen)
    if date:
        day_start = datetime.datetime.combine(date, datetime.time(0), tzinfo=local_tz())
        day_end = day_start + datetime.timedelta(days=1)
        qs = qs.filter(shifts__start__lt=day_end, shifts__end__gt=max(day_start, now),
                       shifts__cancelled_at__isnull=True).distinct()
    qs = gigs_matching(qs, q)
    if near:
        radius = radius_m if radius_m is not None else 20_000.0
        # order_by(): the model's default ordering would make the database sort every candidate.
        rows = geo.within_radius(_with_next_open_shift(qs, now).order_by(), near[0], near[1], radius,
                                 "next_open", "shift_pay", "starts_at")
        ranked = []
        for d, pk, next_open, shift_pay, starts_at in rows:
            when = next_open or starts_at or now
            if sort == GigSort.DISTANCE:
                key = (next_open is None, d, pk)
            elif sort == GigSort.PAY:
                key = (next_open is None, -(shift_pay or 0), when, pk)
            else:
                key = (next_open is None, when, pk)
            ranked.append((key, d, pk))
        ranked.sort()
        count = len(ranked)
        page = [(d, pk) for _key, d, pk in ranked[offset : offset + limit]]
    else:
        count = qs.count()
        order = {GigSort.PAY: ["closed", F("shift_pay").desc(), "next_open", "starts_at", "id"],
                 GigSort.START: ["closed", "next_open", "starts_at", "id"]}[sort]
        ids = list(_with_next_open_shift(qs, now).order_by(*order).values_list("pk", flat=True)[offset : offset + limit])
        page = [(None, pk) for pk in ids]
    by_id = Gig.objects.select_related("employer").prefetch_related(_future_shifts(now)).in_bulk(
        [pk for _d, pk in page])
    return [_hit(by_id[pk], d, now) for d, pk in page], count


def gig_visible(gig_id: int, user: User | None, now: datetime.datetime | None = None) -> Gig | None:
    """Open gigs for everyone; drafts and closed gigs for their employer's contacts only."""
    now = now or timezone.now()
    gig = Gig.objects.select_related("employer").prefetch_related(
        Prefetch("shifts", queryset=Shift.objects.order_by("start"), to_attr="all_shifts")
    ).filter(pk=gig_id).first()
    if gig is None:
        return None
    if gig.status == GigStatus.OPEN and gig.employer.status == EmployerStatus.VERIFIED:
        return gig
    if user is not None and user.is_authenticated and gig.employer.contacts.filter(pk=user.pk).exists():
        return gig
    return None


def gigs_recommended(*, worker: User, near: tuple[float, float] | None = None, limit: int = 20,
                     now: datetime.datetime | None = None) -> list[GigHit]:
    """Gigs ranked for one worker: near their point or saved place, matching their skills,
    fitting around the shifts they already hold, better paid; each with its reasons."""
    from django.utils.translation import gettext as _

    now = now or timezone.now()
    profile = accounts_selectors.profile_of(worker)
    point = near or (profile.saved_point() if profile else None)
    skills = set(profile.skills if profile else [])
    held = list(Application.objects.filter(worker=worker, status__in=HOLDING, shift__end__gt=now)
                .values_list("shift__start", "shift__end"))
    applied = set(Application.objects.filter(worker=worker).values_list("shift__gig_id", flat=True))
    hits, _count = gigs_search(near=point, radius_m=15_000 if point else None, limit=300, now=now)
    ranked = []
    for hit in hits:
        if hit.gig.pk in applied:
            continue
        free = [s for s in hit.shifts if s.taken < s.headcount and s.start > now
                and not any(a < s.end and s.start < b for a, b in held)]
        if not free:
            continue
        reasons, score = [], 0.0
        if hit.distance_m is not None:
            score -= hit.distance_m / 1000
            reasons.append(_("%(km).1f km away") % {"km": hit.distance_m / 1000})
        need = set(hit.gig.skills)
        if need and need <= skills:
            score += 5
            reasons.append(_("you have the skills it asks for"))
        elif need - skills:
            score -= 3 * len(need - skills)
        if not skills and not need:
            reasons.append(_("no special skills needed"))
        if held:
            reasons.append(_("fits around your other shifts"))
        else:
            reasons.append(_("you are free then"))
        hourly = hit.gig.pay_fen if hit.gig.pay_unit == "hour" else None
        if hourly:
            score += hourly / 1000
            reasons.append(_("%(yuan)s yuan an hour") % {"yuan": yuan_figure(hourly)})
        hit.shifts, hit.reasons, hit.score = free, reasons, score
        ranked.append(hit)
    ranked.sort(key=lambda h: (-h.score, h.gig.pk))
    return ranked[:limit]


def applications_of_worker(worker: User, gig: Gig | None = None) -> QuerySet:
    qs = Application.objects.filter(worker=worker)
    if gig is not None:
        qs = qs.filter(shift__gig=gig)
    return qs.select_related("shift__gig__employer").order_by("shift__start", "pk")


def applications_for_employer(user: User, gig_id: int | None = None) -> QuerySet:
    qs = Application.objects.filter(shift__gig__employer__contacts=user)
    if gig_id is not None:
        qs = qs.filter(shift__gig_id=gig_id)
    return qs.select_related("shift__gig", "worker").order_by("shift__start", "pk")


def gigs_of_employer(user: User) -> QuerySet:
    return Gig.objects.filter(employer__contacts=user).prefetch_related(
        Prefetch("shifts", queryset=Shift.objects.order_by("start"), to_attr="all_shifts")
    ).order_by("-created_at")


def gig_of_employer(user: User, gig_id: int) -> Gig | None:
    """One of the user's employers' gigs with its shifts; anyone else's is simply not found."""
    return gigs_of_employer(user).filter(pk=gig_id).first()


def escrow_of_gig(gig_id: int) -> tuple[int, int]:
    """(fen held in escrow, places it covers) over the gig's live shifts: what publishing took."""
    totals = Shift.objects.filter(gig_id=gig_id, cancelled_at__isnull=True, escrow_fen__gt=0).aggregate(
        fen=Sum("escrow_fen"), places=Sum("headcount"))
    return totals["fen"] or 0, totals["places"] or 0


def ratings_visible(application: Application, now: datetime.datetime | None = None) -> list[Rating]:
    """Both sides' ratings show once both have rated or 7 days after the first; never before."""
    now = now or timezone.now()
    ratings = list(application.ratings.all())
    if len(ratings) == 2:
        return ratings
    return [r for r in ratings if now - r.created_at >= RATINGS_HIDDEN_FOR]


def worker_reliability(worker: User):
    return worker.reliability_records.select_related("application__shift__gig").all()




def _application_detail_qs():
    return Application.objects.select_related("shift__gig__employer", "worker").prefetch_related("ratings")


def application_detail(application_id: int) -> Application:
    """An application with what its page and API show, for a caller already authorised."""
    return _application_detail_qs().get(pk=application_id)


def application_seen_by(application_id: int, user: User) -> tuple[Application, bool] | None:
    """An application with its ratings, for its worker or for a contact of the gig's employer,
    and whether the asker is the employer's side; anyone else finds nothing (no IDOR)."""
    app = _application_detail_qs().filter(pk=application_id).first()
    if app is None:
        return None
    if app.worker_id == user.pk:
        return app, False
    if app.shift.gig.employer.contacts.filter(pk=user.pk).exists():
        return app, True
    return None


def reports_open(limit: int = 200) -> list[GigReport]:
    """Reports waiting for staff review, oldest first."""
    return list(GigReport.objects.filter(status=ReportStatus.OPEN).order_by("created_at")[:limit])


def gig_id_of_shift(shift_id: int) -> int | None:
    return Gig.objects.filter(shifts=shift_id).values_list("pk", flat=True).first()


def application_history(app: Application, *, viewer: User) -> list[dict]:
    """The application's status changes, oldest first, each with who made it as the viewer
    may read it: "you", "worker", "employer", "staff" (an advisor, legal staff) or "system"."""
    roles = dict.fromkeys(app.shift.gig.employer.contacts.values_list("pk", flat=True), "employer")
    roles[app.worker_id] = "worker"
    return workflow.history_out(app.history.all(), viewer_id=viewer.pk, roles=roles)


def measure_counts(window: figures.Window) -> dict[str, figures.Counted]:
    """The city's dashboard: gigs published, places in shifts that started in the window
    (offered, filled, left empty), wages paid out of escrow (and those won back in a dispute),
    and the median minutes from publishing to a shift's last place taken."""
    town = "gig__town"
    shifts = Shift.objects.filter(start__gte=window.start, start__lt=window.until, cancelled_at__isnull=True)
    settled = Application.objects.filter(settled_at__gte=window.start, settled_at__lt=window.until, wage_fen__gt=0)
    disputed = settled.filter(disputed_at__isnull=False)
    filled_at = (Application.objects.filter(shift=OuterRef("pk"), status__in=HOLDING)
                 .order_by("-created_at").values("created_at")[:1])
    fill_minutes = [
        (gig_town, (last - published).total_seconds() / 60)
        for gig_town, published, last in shifts.filter(taken__gte=F("headcount"), gig__published_at__isnull=False)
        .annotate(last=Subquery(filled_at)).values_list("gig__town", "gig__published_at", "last")
        if last is not None and last >= published
    ]
    return {
        "gigs_published": figures.by_town(
            Gig.objects.filter(published_at__gte=window.start, published_at__lt=window.until), "town"),
        "gig_places_offered": figures.by_town(shifts, town, Sum("headcount")),
        "gig_places_filled": figures.by_town(shifts, town, Sum("taken")),
        "gig_places_unfilled": figures.by_town(shifts.filter(taken__lt=F("headcount")), town,
                                               Sum(F("headcount") - F("taken"))),
        "wages_paid_fen": figures.by_town(settled, "shift__gig__town", Sum("wage_fen")),
        "wages_paid_n": figures.by_town(settled, "shift__gig__town"),
        "wages_recovered_fen": figures.by_town(disputed, "shift__gig__town", Sum("wage_fen")),
        "wages_recovered_n": figures.by_town(disputed, "shift__gig__town"),
        "fill_minutes_median": figures.median_by_town(fill_minutes),
        "fills_timed": figures.Counted(len(fill_minutes), _count_towns(t for t, _ in fill_minutes)),
    }


def _count_towns(towns) -> dict[str, int]:
    out: dict[str, int] = {}
    for town in towns:
        if town:
            out[town] = out.get(town, 0) + 1
    return out
