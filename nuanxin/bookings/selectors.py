"""Read queries for bookings; each takes the asking user where visibility depends on it."""

import datetime

from django.db.models import Count, Prefetch, Q, Sum
from django.utils import timezone

from nuanxin.accounts.choices import Role
from nuanxin.bookings.choices import Kind, Status
from nuanxin.bookings.models import Enrollment, Offering, Session, Volunteer
from nuanxin.core import figures, workflow
from nuanxin.core.permissions import has_role


def upcoming_sessions(now: datetime.datetime):
    return (Session.objects.filter(end__gt=now, cancelled_at__isnull=True)
            .select_related("teacher__user")
            .annotate(waitlisted=Count("enrollments", filter=Q(enrollments__status=Status.WAITLISTED))))


def offerings(*, kind: str | None = None, place_id: int | None = None, now: datetime.datetime | None = None,
              sessions_until: datetime.datetime | None = None):
    """Published offerings with their coming sessions (prefetched as .coming)."""
    now = now or timezone.now()
    sessions = upcoming_sessions(now)
    if sessions_until is not None:
        # The coming days' sessions, and every session taking sign-ups now: a course that
        # starts next month is registering (or drawing lots) this week.
        sessions = sessions.filter(Q(start__lt=sessions_until) | Q(opens_at__lte=now, closes_at__gt=now))
    qs = Offering.objects.filter(published=True).select_related("place").prefetch_related(
        Prefetch("sessions", queryset=sessions.order_by("start", "pk"), to_attr="coming"))
    if kind:
        qs = qs.filter(kind=kind)
    if place_id:
        qs = qs.filter(place_id=place_id)
    return qs.order_by("kind", "title", "pk")


def session_with_counts(session_id: int):
    return (Session.objects.select_related("offering__place", "teacher__user")
            .annotate(waitlisted=Count("enrollments", filter=Q(enrollments__status=Status.WAITLISTED)))
            .filter(pk=session_id).first())


def enrollments_of(user):
    return (Enrollment.objects.filter(user=user)
            .select_related("session__offering__place", "child").order_by("-session__start", "-pk"))


def waitlist_positions(enrollments) -> dict[int, int]:
    """Place in the queue of each waitlisted enrolment: 1 is next in line."""
    out = {}
    for e in enrollments:
        if e.status != Status.WAITLISTED:
            continue
        ahead = Enrollment.objects.filter(session_id=e.session_id, status=Status.WAITLISTED)
        ahead = ahead.filter(rank__lt=e.rank) if e.rank is not None else ahead.filter(rank__isnull=True, pk__lt=e.pk)
        out[e.pk] = ahead.count() + 1
    return out


def roll(session: Session):
    return (Enrollment.objects.filter(session=session)
            .exclude(status__in=[Status.CANCELLED, Status.EXPIRED])
            .select_related("user", "child").order_by(
                "status", "rank", "pk"))


def volunteer_hours(volunteers, now: datetime.datetime) -> dict[int, tuple[int, float]]:
    """Sessions taught and hours served (sessions that have ended), per volunteer id."""
    out = {v.pk: (0, 0.0) for v in volunteers}
    rows = Session.objects.filter(teacher__in=list(out), end__lte=now, cancelled_at__isnull=True).only(
        "teacher_id", "start", "end", "teaching_hours")
    for s in rows:
        n, h = out[s.teacher_id]
        out[s.teacher_id] = (n + 1, h + s.hours)
    return out


def volunteers():
    return Volunteer.objects.select_related("user").order_by("pk")


def draw_entries_count(session: Session) -> int:
    return Enrollment.objects.filter(session=session, status=Status.REGISTERED).count()


def offering_id_of_session(session_id: int) -> int | None:
    return Session.objects.filter(pk=session_id).values_list("offering_id", flat=True).first()


def sessions_taught_by(user, now: datetime.datetime, limit: int = 200) -> list[Session]:
    """A volunteer teacher's classes of the past year and to come."""
    return list(upcoming_sessions(now - datetime.timedelta(days=365)).filter(teacher__user=user)
                .select_related("offering").order_by("start")[:limit])


def sessions_organised_by(user, now: datetime.datetime, *, everyone: bool = False, limit: int = 200) -> list[Session]:
    """The sessions of the coming weeks (and two days back) an organiser runs or a teacher
    teaches; every session for an administrator (everyone=True)."""
    qs = upcoming_sessions(now - datetime.timedelta(days=2)).select_related("offering")
    if not everyone:
        qs = qs.filter(Q(offering__organisers=user) | Q(teacher__user=user)).distinct()
    return list(qs.order_by("start")[:limit])


def volunteer_of(user) -> Volunteer | None:
    return Volunteer.objects.filter(user=user).first()


def offering(offering_id: int) -> Offering | None:
    """A bookable offering with its upcoming sessions (what its page and API show)."""
    return offerings().filter(pk=offering_id).first()


def enrollment_of(user, enrollment_id: int) -> Enrollment | None:
    """One of the person's own enrolments; anyone else's is simply not found."""
    return enrollments_of(user).filter(pk=enrollment_id).first()


def enrollment_in_session(user, session_id: int) -> Enrollment | None:
    """The person's live enrolment in a session (not cancelled or expired), for checking in."""
    return (enrollments_of(user).filter(session_id=session_id)
            .exclude(status__in=[Status.CANCELLED, Status.EXPIRED]).first())


def enrollment_visible(enrollment_id: int, user) -> Enrollment | None:
    """One enrolment for the person who holds it or the organisers of its offering (and admins);
    anyone else's is not found."""
    qs = Enrollment.objects.select_related("session__offering__place", "session__teacher").filter(pk=enrollment_id)
    if not has_role(user, Role.ADMIN):
        qs = qs.filter(Q(user=user) | Q(offering__in=Offering.objects.filter(organisers=user)))
    return qs.first()


def enrollment_history(e: Enrollment, *, viewer) -> list[dict]:
    """The enrolment's status changes, oldest first, each with who made it as the viewer may
    read it: "you", "worker", "organiser", "teacher", "staff" or "system" (draws at the close,
    the waiting list, expired offers)."""
    roles = dict.fromkeys(e.session.offering.organisers.values_list("pk", flat=True), "organiser")
    if e.session.teacher is not None:
        roles.setdefault(e.session.teacher.user_id, "teacher")
    roles[e.user_id] = "worker"
    return workflow.history_out(e.history.all(), viewer_id=viewer.pk, roles=roles)


def measure_counts(window: figures.Window) -> dict[str, figures.Counted]:
    """The city's dashboard: health checks and first-aid training given, summer-care places and
    the children who had them, volunteer teachers and the hours they taught, and how the seats
    of sessions in the window went (offered, taken, no-shows among those on a roll)."""
    in_window = Session.objects.filter(start__gte=window.start, start__lt=window.until, cancelled_at__isnull=True)
    enrolled = Enrollment.objects.filter(session__in=in_window)
    town = "offering__place__town"
    summer = enrolled.filter(offering__kind=Kind.SUMMER_CARE, status__in=[Status.CONFIRMED, Status.ATTENDED])
    hours: dict[str, float] = {}
    for s in (Session.objects.filter(teacher__isnull=False, end__gte=window.start, end__lt=window.until,
                                     cancelled_at__isnull=True)
              .only("start", "end", "teaching_hours", "offering__place__town").select_related("offering__place")):
        hours[s.offering.place.town] = hours.get(s.offering.place.town, 0.0) + s.hours
    return {
        "health_checks": figures.by_town(enrolled.filter(offering__kind=Kind.HEALTH_CHECK, status=Status.ATTENDED), town),
        "first_aid_trainees": figures.distinct_by_town(
            enrolled.filter(offering__kind=Kind.FIRST_AID, status=Status.ATTENDED), town, "user"),
        "summer_places": figures.by_town(in_window.filter(offering__kind=Kind.SUMMER_CARE), "offering__place__town",
                                         Sum("capacity")),
        "children_served": figures.distinct_by_town(summer, town, "child"),
        "volunteer_teachers": figures.Counted(
            Volunteer.objects.filter(active=True, registered_at__lt=window.until).count()),
        "hours_taught": figures.Counted(round(sum(hours.values())), {t: round(h) for t, h in hours.items() if t}),
        "seats_offered": figures.by_town(in_window, "offering__place__town", Sum("capacity")),
        "seats_taken": figures.by_town(in_window, "offering__place__town", Sum("taken")),
        "no_shows": figures.by_town(enrolled.filter(status=Status.NO_SHOW), town),
        "roll_marked": figures.by_town(enrolled.filter(status__in=[Status.ATTENDED, Status.NO_SHOW]), town),
        "booking_waitlisted_now": figures.by_town(
            Enrollment.objects.filter(status=Status.WAITLISTED, session__start__gt=window.now,
                                      session__cancelled_at__isnull=True), town),
    }
