"""Every change to bookings, each in one transaction.

No oversell: a seat is taken by one conditional UPDATE (taken < capacity) and a freed seat is
handed straight to the first person waiting while the session's row is locked, so a newcomer
can never slip past the waiting list and two cancellations never promote the same person.
On SQLite, IMMEDIATE transactions serialise writers (select_for_update is a no-op there);
on PostgreSQL, the UPDATE's row lock and SELECT … FOR UPDATE do it, across processes.
"""

from __future__ import annotations

import datetime
import hmac
from decimal import Decimal
from typing import TYPE_CHECKING

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from nuanxin.accounts import selectors as accounts_selectors
from nuanxin.accounts import services as accounts
from nuanxin.accounts.choices import Role
from nuanxin.accounts.services import user_grant_role
from nuanxin.bookings import notifications, selectors, tasks
from nuanxin.bookings.choices import CANCELLABLE, LIVE, AppealStatus, Kind, Mode, Status
from nuanxin.bookings.eligibility import (  # noqa: F401  (the names other modules use)
    NO_SHOW_MEMORY,
    age_on,
    check_eligible,
    person_key,
    priority,
    priority_of,
)
from nuanxin.bookings.models import Enrollment, Offering, Session, Volunteer
from nuanxin.bookings.notifications import MY_BOOKINGS  # noqa: F401
from nuanxin.bookings.transitions import (
    enrollment_create,
    enrollment_transition,
    enrollments_transition,
)
from nuanxin.core import capacity, dates, lottery
from nuanxin.core.audit import audit_log
from nuanxin.core.errors import Conflict, InvalidInput, NotFound, PermissionDenied
from nuanxin.core.permissions import has_role, require_role
from nuanxin.places import selectors as places_selectors

if TYPE_CHECKING:
    from nuanxin.accounts.models import User

ORGANISER_ROLES = (Role.ORGANISER, Role.HOSPITAL, Role.ADMIN)
CHECKIN_EARLY = datetime.timedelta(hours=1)
LOCAL = dates.local_tz()


# --- who may act -----------------------------------------------------------------------------


def can_manage(offering: Offering, user: User) -> bool:
    if has_role(user, Role.ADMIN):
        return True
    return offering.organisers.filter(pk=user.pk).exists()


def managed_session(session_id: int, by: User, *, lock: bool = False, teacher_ok: bool = False) -> Session:
    require_role(by, *ORGANISER_ROLES, Role.TEACHER)
    qs = Session.objects.select_related("offering", "teacher")
    if lock:
        qs = qs.select_for_update(of=("self",))
    session = qs.filter(pk=session_id).first()
    if session is None:
        raise NotFound()
    is_teacher = teacher_ok and session.teacher is not None and session.teacher.user_id == by.pk
    if not (is_teacher or can_manage(session.offering, by)):
        raise PermissionDenied(_("Only this offering's organisers can do this."))
    return session


# --- offerings and sessions --------------------------------------------------------------------


@transaction.atomic
def offering_create(*, by: User, data: dict) -> Offering:
    require_role(by, *ORGANISER_ROLES)
    place = places_selectors.place_by_id(data.pop("place_id"))
    if place is None:
        raise InvalidInput(fields={"place_id": _("No such place.")})
    data.setdefault("for_children", data["kind"] == Kind.SUMMER_CARE)
    if data["for_children"] and data.get("min_child_age") is None:
        data["min_child_age"], data["max_child_age"] = 6, 14
    lo, hi = data.get("min_child_age"), data.get("max_child_age")
    if lo is not None and hi is not None and lo > hi:
        raise InvalidInput(fields={"max_child_age": _("The oldest age must not be below the youngest.")})
    offering = Offering.objects.create(place=place, **data)
    offering.organisers.add(by)
    audit_log(actor=by, action="bookings.offering_create", obj=offering)
    return offering


def session_time_problems(start, end, opens_at, closes_at) -> dict[str, str]:
    """What is wrong with a session's times, by field (empty when nothing is): the one copy of
    the rule, used by session_create and by the admin's session form."""
    errors = {}
    if end <= start:
        errors["end"] = _("The end must be after the start.")
    if closes_at <= opens_at:
        errors["closes_at"] = _("Booking must close after it opens.")
    if closes_at > start:
        errors["closes_at"] = _("Booking must close before the session starts.")
    if end - start > datetime.timedelta(days=62):
        errors["end"] = _("A session lasts at most two months.")
    return errors


def _check_times(start, end, opens_at, closes_at) -> None:
    errors = session_time_problems(start, end, opens_at, closes_at)
    if errors:
        raise InvalidInput(fields=errors)


@transaction.atomic
def session_create(*, offering_id: int, by: User, data: dict) -> Session:
    require_role(by, *ORGANISER_ROLES)
    offering = Offering.objects.filter(pk=offering_id).first()
    if offering is None:
        raise NotFound()
    if not can_manage(offering, by):
        raise PermissionDenied(_("Only this offering's organisers can do this."))
    _check_times(data["start"], data["end"], data["opens_at"], data["closes_at"])
    if data.get("teaching_hours") is not None:
        data["teaching_hours"] = Decimal(f"{data['teaching_hours']:.1f}")
    teacher_id = data.pop("teacher_id", None)
    if teacher_id is not None:
        data["teacher"] = Volunteer.objects.filter(pk=teacher_id, active=True).first()
        if data["teacher"] is None:
            raise InvalidInput(fields={"teacher_id": _("No such volunteer teacher.")})
    try:
        with transaction.atomic():
            session = Session.objects.create(offering=offering, **data)
    except IntegrityError:
        raise Conflict(_("This offering already has a session at that time with that name."),
                       code="duplicate_session") from None
    tasks.draw_schedule(session)
    return session


def slots_generate(*, offering: Offering, days: int = 14, now: datetime.datetime | None = None) -> int:
    """Health-check slots from the weekly plan for the coming days; existing slots stay as they are."""
    now = now or timezone.now()
    today = timezone.localdate(now, LOCAL)
    skipped = set(offering.plan_exceptions.values_list("date", flat=True))
    plans = list(offering.weekly_slots.all())
    created = 0
    for offset in range(days):
        day = today + datetime.timedelta(days=offset)
        if day in skipped:
            continue
        for plan in (p for p in plans if p.weekday == day.weekday()):
            step = datetime.timedelta(minutes=plan.slot_minutes)
            start = datetime.datetime.combine(day, plan.start, LOCAL)
            last = datetime.datetime.combine(day, plan.end, LOCAL)
            opens_at = datetime.datetime.combine(day - datetime.timedelta(days=plan.opens_days_before),
                                                 datetime.time(8), LOCAL)
            while start + step <= last:
                closes_at = start - datetime.timedelta(hours=1)
                if start > now and closes_at > opens_at:
                    obj, made = Session.objects.get_or_create(
                        offering=offering, start=start, label="",
                        defaults={"end": start + step, "capacity": plan.capacity,
                                  "opens_at": opens_at, "closes_at": closes_at},
                    )
                    if made:
                        tasks.draw_schedule(obj)
                    created += made
                start += step
    return created


# --- enrolment -----------------------------------------------------------------------------------


def _take_seat(session_id: int, count: int = 1) -> bool:
    """Take seats: one conditional UPDATE, true if they were free."""
    return capacity.take(Session.objects.filter(pk=session_id), count=count)


def _next_ticket(session_id: int) -> int:
    """The next ticket number in a session: 1, 2, 3… The UPDATE holds the session's row lock
    until the enrolment commits (every enrolment path holds that lock already; on SQLite the
    IMMEDIATE transaction serialises writers), so two people never get the same number, and
    a refusal that rolls back takes its number back with it."""
    Session.objects.filter(pk=session_id).update(tickets_issued=F("tickets_issued") + 1)
    return Session.objects.filter(pk=session_id).values_list("tickets_issued", flat=True).get()


def _check_window(session: Session, now: datetime.datetime) -> None:
    if session.cancelled_at or session.drawn_at or now < session.opens_at or now >= session.closes_at:
        message = (_("Booking for this session opens at %(when)s.") % {"when": dates.day_hm(session.opens_at)}
                   if now < session.opens_at else _("Booking for this session has closed."))
        raise Conflict(message, code="window_closed")


def enroll(*, session_id: int, user: User, child_id: int | None = None,
           now: datetime.datetime | None = None) -> Enrollment:
    """API.md POST /sessions/{id}/enrollments: a seat, the waiting list, or a draw entry.

    Who may enrol is checked before the transaction (it does not change under a crowd), so
    the locked part is short: the window, one place per person, the seat, the row."""
    now = now or timezone.now()
    session = Session.objects.select_related("offering").filter(pk=session_id, offering__published=True).first()
    if session is None:
        raise NotFound()
    offering = session.offering
    _check_window(session, now)
    child = None
    if child_id is not None:
        child = accounts_selectors.child_of(user, child_id)
        if child is None:
            raise NotFound(_("No such child in your profile."))
    check_eligible(offering, session, user, child)
    person = person_key(user, child)
    try:
        with transaction.atomic():
            # One person's enrolments queue up, so "one place per offering" holds under retries.
            accounts.user_lock(user.pk)
            if offering.mode == Mode.LOTTERY:
                # The draw locks this row while it reads the entries: an entry either makes
                # it into the draw or finds the window closed, never falls between.
                session = Session.objects.select_for_update().select_related("offering").get(pk=session.pk)
                _check_window(session, now)
            # Past sessions do not count: last season's course does not block this season's.
            held = list(Enrollment.objects.filter(offering=offering, person=person, status__in=LIVE,
                                                  session__end__gt=now)
                        .values_list("session_id", flat=True)[:offering.per_person_limit + 1])
            if session.pk in held:
                raise Conflict(_("Already booked for this session."), code="already_enrolled")
            if len(held) >= offering.per_person_limit:
                raise Conflict(_("One place per person in this offering: you already have one."),
                               code="already_enrolled")
            if child is not None and offering.per_family_limit:
                family = accounts_selectors.family_of(child)
                if Enrollment.objects.filter(offering=offering, child_id__in=family, status__in=LIVE,
                                             session__end__gt=now).count() >= offering.per_family_limit:
                    raise Conflict(_("At most %(n)d places per family in this offering.")
                                   % {"n": offering.per_family_limit}, code="family_limit")
            if offering.mode == Mode.LOTTERY:
                status = Status.REGISTERED
            elif _take_seat(session.pk):
                status = Status.CONFIRMED
            else:
                # Full at this instant: wait for a cancellation in progress (it holds the row)
                # and look again, so nobody joins the list while a seat is being freed.
                Session.objects.select_for_update().filter(pk=session.pk).first()
                if _take_seat(session.pk):
                    status = Status.CONFIRMED
                else:
                    if session.waitlist_limit is not None and Enrollment.objects.filter(
                            session=session, status=Status.WAITLISTED).count() >= session.waitlist_limit:
                        raise Conflict(_("Full, and the waiting list is full too."), code="full")
                    status = Status.WAITLISTED
            e = enrollment_create(
                by=user, now=now,
                session=session, offering=offering, user=user, child=child, person=person, status=status,
                ticket=_next_ticket(session.pk), confirmed_at=now if status == Status.CONFIRMED else None,
            )
            notifications.enrolled(e, session)
            return e
    except IntegrityError:  # the partial unique index caught a racing duplicate
        raise Conflict(_("Already booked for this session."), code="already_enrolled") from None


def _my_enrollment(enrollment_id: int, user: User) -> Enrollment:
    e = (Enrollment.objects.select_related("session__offering", "user")
         .filter(pk=enrollment_id, user=user).first())
    if e is None:  # someone else's booking is as invisible as one that does not exist
        raise NotFound()
    return e


def _pass_seat_on(session: Session, now: datetime.datetime) -> None:
    """A seat came free (the session's row is locked): give it to the first person waiting,
    or return it to the pool. Lottery places go down the ranked list as offers to confirm."""
    lottery_mode = session.offering.mode == Mode.LOTTERY
    if session.start > now:
        waiting = (Enrollment.objects.filter(session=session, status=Status.WAITLISTED)
                   .order_by(F("rank").asc(nulls_last=True), "pk"))
        for candidate in waiting.select_related("user")[:20]:
            if lottery_mode:
                expires = min(now + datetime.timedelta(hours=session.offering.confirm_hours), session.start)
                to, changes = Status.OFFERED, {"offer_expires_at": expires, "won": True}
            else:
                to, changes = Status.CONFIRMED, {"confirmed_at": now}
            # Whoever freed the seat, the waiting list moved it: the system did.
            if enrollment_transition(candidate, to, by=None, now=now, **changes):
                notifications.promoted(candidate, session, offer_expires_at=changes.get("offer_expires_at"))
                return
    capacity.release(Session.objects.filter(pk=session.pk))


def cancel_refusal(e: Enrollment, now: datetime.datetime) -> Conflict | None:
    """Why this enrolment cannot be cancelled now, or None if it can: the one rule behind the
    service and the Cancel button on My bookings."""
    if e.status not in CANCELLABLE:
        return Conflict(_("This booking can no longer be cancelled."), code="not_cancellable")
    seated = e.status in (Status.OFFERED, Status.CONFIRMED)
    deadline = e.session.start - datetime.timedelta(hours=e.session.offering.cancel_hours)
    if seated and now >= deadline:
        return Conflict(_("Cancelling closed %(h)s hours before the start. Please call the organiser.")
                        % {"h": e.session.offering.cancel_hours}, code="cancel_closed")
    return None


def enrollment_cancel(*, enrollment_id: int, user: User, now: datetime.datetime | None = None) -> Enrollment:
    """API.md DELETE /enrollments/{id}: the first on the waiting list is promoted."""
    now = now or timezone.now()
    with transaction.atomic():
        e = _my_enrollment(enrollment_id, user)
        session = e.session
        refusal = cancel_refusal(e, now)
        if refusal is not None:
            raise refusal
        seated = e.status in (Status.OFFERED, Status.CONFIRMED)
        Session.objects.select_for_update().filter(pk=session.pk).first()
        if not enrollment_transition(e, Status.CANCELLED, by=user, now=now, cancelled_at=now):
            raise Conflict(_("This booking can no longer be cancelled."), code="not_cancellable")
        if seated:
            _pass_seat_on(session, now)
    e.refresh_from_db()
    return e


def offer_confirm(*, enrollment_id: int, user: User, now: datetime.datetime | None = None) -> Enrollment:
    """A lottery winner (or someone a place passed down to) takes the place."""
    now = now or timezone.now()
    e = _my_enrollment(enrollment_id, user)
    if e.status == Status.CONFIRMED:
        return e
    if e.status != Status.OFFERED:
        raise Conflict(_("There is no place waiting for you to confirm."), code="not_offered")
    if now >= e.offer_expires_at:
        raise Conflict(_("The time to confirm has passed; the place went to the next person."),
                       code="offer_expired")
    if not enrollment_transition(e, Status.CONFIRMED, by=user, now=now, confirmed_at=now):
        raise Conflict(_("There is no place waiting for you to confirm."), code="not_offered")
    e.refresh_from_db()
    return e


# --- the lottery ---------------------------------------------------------------------------------


CLOSE_EARLY_REASON_MIN = 4  # characters: "场地维修" is a reason, "ok" is not


def session_draw(*, session_id: int, by: User | None = None, close_early_reason: str = "",
                 now: datetime.datetime | None = None) -> Session:
    """Draw a lottery session once its registration has closed. Drawing again changes nothing.

    Before the announced close the draw is refused, unless an organiser closes registration
    early with a reason: then the close and the draw happen together, and every registrant's
    result message says that registration closed early and why. That keeps the draw as
    verifiable as one at the planned close: the seed stays the one committed (its hash
    published) when the session was made, and it is revealed only by the draw, in the same
    transaction, under the session's row lock, that freezes the entries, so no entry can
    come after the seed is known. The organiser picks the moment but never sees the seed
    before the draw, so cannot pick a moment that favours anyone; the published draw shows
    the planned close, the actual one and the reason."""
    now = now or timezone.now()
    reason = " ".join((close_early_reason or "").split())
    with transaction.atomic():
        if by is not None:
            session = managed_session(session_id, by, lock=True)
        else:
            session = Session.objects.select_for_update().select_related("offering").get(pk=session_id)
        if session.offering.mode != Mode.LOTTERY:
            raise Conflict(_("This session is first come, first served: there is no draw."), code="not_a_lottery")
        if session.drawn_at is not None:
            return session
        if now < session.opens_at:
            raise Conflict(_("Registration has not opened yet."), code="window_closed")
        closed_early = now < session.closes_at
        if closed_early:
            if by is None or not reason:
                raise Conflict(_("Registration is open until %(when)s. Draw after it closes, or close it early "
                                 "and say why: everyone registered is told.") % {"when": dates.day_hm(session.closes_at)},
                               code="window_open")
            if len(reason) < CLOSE_EARLY_REASON_MIN:
                raise InvalidInput(fields={"close_early_reason": _(
                    "Say in a few words why registration closes early: everyone registered reads it.")})
            session.planned_closes_at, session.closes_at = session.closes_at, now
            session.closed_early_reason = reason[:200]
        entries = list(Enrollment.objects.filter(session=session, status=Status.REGISTERED)
                       .select_related("user").order_by("ticket"))
        for e in entries:
            e.weight = priority(session.offering, user=e.user, person=e.person, now=now,
                                exclude_session=session.pk)["weight"]
        ranking = lottery.rank(session.seed, [(e.ticket, e.weight) for e in entries])
        by_ticket = {e.ticket: e for e in entries}
        seats = min(session.capacity - session.taken, len(ranking))
        if seats and not _take_seat(session.pk, seats):
            raise Conflict(_("The places changed during the draw; try again."), code="conflict")
        expires = min(now + datetime.timedelta(hours=session.offering.confirm_hours), session.start)
        moves = []
        for position, ticket in enumerate(ranking, 1):
            e = by_ticket[ticket]
            e.rank, e.won = position, position <= seats
            e.offer_expires_at = expires if e.won else None
            moves.append((e, Status.OFFERED if e.won else Status.WAITLISTED))
        enrollments_transition(moves, by=by, now=now, note=session.closed_early_reason if closed_early else "",
                               fields=["weight", "rank", "won", "offer_expires_at"])
        session.drawn_at = now
        session.closes_at = min(session.closes_at, now)
        session.draw_entries = [{"ticket": e.ticket, "weight": e.weight} for e in entries]
        session.draw_ranking = ranking
        session.draw_places = seats
        session.save(update_fields=["drawn_at", "closes_at", "draw_entries", "draw_ranking", "draw_places",
                                    "planned_closes_at", "closed_early_reason"])
        notifications.lottery_results(session, entries, seats=seats, expires=expires,
                                      closed_early_at=now if closed_early else None)
        if by is not None:
            detail = {"entries": len(entries), "seats": seats}
            if closed_early:
                detail.update(closed_early=True, planned_close=session.planned_closes_at.isoformat(),
                              reason=session.closed_early_reason)
            audit_log(actor=by, action="bookings.draw", obj=session, detail=detail)
    return session


def draw_due(*, now: datetime.datetime | None = None, session_id: int | None = None) -> int:
    """The timed task: draw every lottery session (or just this one) whose window has closed.
    Two of these at once draw each session once: session_draw locks the row and skips a drawn one."""
    now = now or timezone.now()
    due = Session.objects.filter(offering__mode=Mode.LOTTERY, drawn_at__isnull=True, closes_at__lte=now,
                                 cancelled_at__isnull=True).values_list("pk", flat=True)
    if session_id is not None:
        due = due.filter(pk=session_id)
    count = 0
    for pk in list(due):
        # Counted only if this call drew it: one that lost the race finds another's drawn_at.
        count += session_draw(session_id=pk, now=now).drawn_at == now
    return count


def expire_offers(*, now: datetime.datetime | None = None) -> int:
    """The timed task: offers not confirmed in time pass down the ranked list."""
    now = now or timezone.now()
    count = 0
    for pk in list(Enrollment.objects.filter(status=Status.OFFERED, offer_expires_at__lte=now)
                   .values_list("pk", flat=True)):
        with transaction.atomic():
            e = Enrollment.objects.select_related("session__offering", "user").get(pk=pk)
            Session.objects.select_for_update().filter(pk=e.session_id).first()
            if e.status == Status.OFFERED and enrollment_transition(e, Status.EXPIRED, by=None, now=now):
                notifications.offer_expired(e)
                _pass_seat_on(e.session, now)
                count += 1
    return count


def send_reminders(*, now: datetime.datetime | None = None) -> int:
    """The timed task: a reminder the day before, once per booking."""
    now = now or timezone.now()
    tomorrow = timezone.localdate(now, LOCAL) + datetime.timedelta(days=1)
    start = datetime.datetime.combine(tomorrow, datetime.time(0), LOCAL)
    due = (Enrollment.objects.filter(status__in=[Status.CONFIRMED, Status.OFFERED], reminded_at__isnull=True,
                                     session__start__gte=start, session__start__lt=start + datetime.timedelta(days=1),
                                     session__cancelled_at__isnull=True)
           .select_related("session__offering__place", "user"))
    count = 0
    for e in due:
        if Enrollment.objects.filter(pk=e.pk, reminded_at__isnull=True).update(reminded_at=now):
            notifications.reminder(e)
            count += 1
    return count


# --- attendance, no-shows, appeals ---------------------------------------------------------------


def roll_read(*, session: Session, by: User) -> list[Enrollment]:
    """The roll of a session for its organiser or teacher; a roll holding children's details
    is a staff read of minors' data, so it goes on the audit log."""
    rows = list(selectors.roll(session))
    children = sum(1 for e in rows if e.child_id)
    if children:
        audit_log(actor=by, action="bookings.roll_read", obj=session, detail={"children": children})
    return rows


def attendance_mark(*, session_id: int, enrollment_id: int, by: User, present: bool,
                    now: datetime.datetime | None = None) -> Enrollment:
    now = now or timezone.now()
    with transaction.atomic():
        session = managed_session(session_id, by, teacher_ok=True)
        e = Enrollment.objects.filter(pk=enrollment_id, session=session).first()
        if e is None:
            raise NotFound()
        if e.status not in (Status.CONFIRMED, Status.ATTENDED, Status.NO_SHOW):
            raise Conflict(_("Only people with a confirmed place are on the roll."), code="not_on_roll")
        if present:
            to, attended_at = Status.ATTENDED, e.attended_at or now
        else:
            to, attended_at = (Status.NO_SHOW if session.roll_closed_at else Status.CONFIRMED), None
        if not enrollment_transition(e, to, by=by, now=now, attended_at=attended_at):
            raise Conflict(_("Only people with a confirmed place are on the roll."), code="not_on_roll")
        audit_log(actor=by, action="bookings.attendance", obj=e, detail={"present": present})
    return e


def check_in(*, enrollment_id: int, user: User, code: str, now: datetime.datetime | None = None) -> Enrollment:
    """The person scans the QR code shown at the class or the hospital desk."""
    now = now or timezone.now()
    e = _my_enrollment(enrollment_id, user)
    if e.status == Status.ATTENDED:
        return e
    if e.status != Status.CONFIRMED:
        raise Conflict(_("Only a confirmed place can be checked in."), code="not_confirmed")
    s = e.session
    if not (s.start - CHECKIN_EARLY <= now <= s.end):
        raise Conflict(_("Check-in opens an hour before the start and closes at the end."), code="checkin_closed")
    if not hmac.compare_digest(str(code).strip(), s.checkin_code):
        raise InvalidInput(fields={"code": _("That is not this session's code.")})
    enrollment_transition(e, Status.ATTENDED, by=user, now=now, attended_at=now)
    e.refresh_from_db()
    return e


def roll_close(*, session_id: int, by: User, now: datetime.datetime | None = None) -> int:
    """After the session: everyone confirmed but not marked present becomes a no-show."""
    now = now or timezone.now()
    with transaction.atomic():
        session = managed_session(session_id, by, lock=True, teacher_ok=True)
        if now < session.start:
            raise Conflict(_("The roll can be closed once the session has started."), code="not_started")
        if session.roll_closed_at:
            return 0
        absent = list(Enrollment.objects.filter(session=session, status=Status.CONFIRMED).select_related("user"))
        enrollments_transition([(e, Status.NO_SHOW) for e in absent], by=by, now=now)
        session.roll_closed_at = now
        session.save(update_fields=["roll_closed_at"])
        for e in absent:
            notifications.no_show(e, session)
        audit_log(actor=by, action="bookings.roll_close", obj=session, detail={"no_shows": len(absent)})
    return len(absent)


def appeal(*, enrollment_id: int, user: User, text: str) -> Enrollment:
    e = _my_enrollment(enrollment_id, user)
    if e.status != Status.NO_SHOW:
        raise Conflict(_("Only a no-show can be appealed."), code="not_appealable")
    if e.appeal_status:
        raise Conflict(_("This no-show has been appealed already."), code="already_appealed")
    text = (text or "").strip()
    if not text:
        raise InvalidInput(fields={"text": _("Say what happened.")})
    Enrollment.objects.filter(pk=e.pk, appeal_status="").update(appeal_status=AppealStatus.PENDING,
                                                                appeal_text=text[:500])
    e.refresh_from_db()
    return e


def appeal_decide(*, enrollment_id: int, by: User, accept: bool) -> Enrollment:
    with transaction.atomic():
        e = Enrollment.objects.select_related("session").filter(pk=enrollment_id).first()
        if e is None:
            raise NotFound()
        managed_session(e.session_id, by)
        if e.appeal_status != AppealStatus.PENDING:
            raise Conflict(_("There is no pending appeal."), code="no_pending_appeal")
        e.appeal_status = AppealStatus.ACCEPTED if accept else AppealStatus.REJECTED
        e.save(update_fields=["appeal_status"])
        notifications.appeal_decided(e, accept=accept)
        audit_log(actor=by, action="bookings.appeal_decide", obj=e, detail={"accept": accept})
    return e


# --- volunteer teachers --------------------------------------------------------------------------


@transaction.atomic
def volunteer_register(*, by: User, phone: str, name: str, subjects: str = "", organisation: str = "") -> Volunteer:
    """Organisers keep the register; a volunteer signs in with their phone like everyone else."""
    require_role(by, *ORGANISER_ROLES)
    user = accounts.user_by_phone_or_create(phone=phone, name=name)
    user_grant_role(user=user, role=Role.TEACHER, by=by)
    volunteer, _created = Volunteer.objects.update_or_create(
        user=user, defaults={"subjects": subjects, "organisation": organisation, "active": True})
    return volunteer
