"""Every change in the gig market, each in one transaction: post, publish, apply, decide,
check in and out, confirm, cancel, rate, report, auto-fill.

Places on a shift are taken by one conditional UPDATE (taken < headcount), so a shift is
never oversold, whatever the number of concurrent requests or server processes. A worker's
own applications are serialised by locking the worker's row, so two overlapping shifts
cannot both be taken by one person.
"""

import datetime

from django.db import IntegrityError, transaction
from django.db.models import Count, F, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from nuanxin.accounts import selectors as accounts_selectors
from nuanxin.accounts import services as accounts
from nuanxin.accounts.choices import EmployerStatus, Role
from nuanxin.accounts.models import Employer, User
from nuanxin.accounts.notify import notify
from nuanxin.core.audit import audit_log
from nuanxin.core.errors import Conflict, InvalidInput, NotFound, PermissionDenied
from nuanxin.core.geo import haversine_m
from nuanxin.core.money import format_yuan
from nuanxin.core.permissions import require_role
from nuanxin.gigs import pay, policy
from nuanxin.gigs.choices import (
    HOLDING,
    LIVE,
    AppealStatus,
    ApplicationStatus,
    GigStatus,
    ReliabilityKind,
    ReportStatus,
    Side,
)
from nuanxin.gigs.models import (
    Application,
    CancellationFee,
    Gig,
    GigReport,
    Rating,
    ReliabilityRecord,
    Shift,
)
from nuanxin.places.hours import SHANGHAI
from nuanxin.wages import services as wages

CHECKIN_EARLY = datetime.timedelta(minutes=30)     # check-in opens before the shift starts
CHECKOUT_LATE = datetime.timedelta(hours=4)        # check-out stays open after it ends
GPS_TOLERANCE_M = 50                               # added to the geofence for GPS error
MAX_GPS_ACCURACY_M = 200                           # a reported accuracy counts up to this
LATE_CANCEL = datetime.timedelta(hours=24)         # cancelling closer than this is "late"
MAX_SHIFT = datetime.timedelta(hours=16)
MAX_SHIFTS = 60
GEOFENCE_M = (300, 5000)                           # the check-in radius: default, largest


def checkin_radius_m(precision_m: int) -> int:
    """The check-in radius for a workplace point that may be precision_m from the real
    workplace (a landmark, a town centre): wide enough that a worker standing at the real
    place can check in with their phone. The shift's code works at any distance."""
    return max(GEOFENCE_M[0], min(GEOFENCE_M[1], int(precision_m)))


# --- who may act ---------------------------------------------------------------------------


def employer_of(user: User, employer_id: int | None = None) -> Employer:
    """The employer organisation the user acts for (API.md: the caller is its contact)."""
    if employer_id is None:
        employer = accounts_selectors.employer_acting_for(user)
    else:
        employer = Employer.objects.filter(contacts=user, pk=employer_id).first()
    if employer is None:
        raise PermissionDenied(_("Register your organisation as an employer first."), code="not_an_employer")
    return employer


def _own_gig(gig_id: int, user: User, *, lock: bool = False) -> Gig:
    """A gig of one of the user's employers; anyone else's gig is simply not found."""
    qs = Gig.objects.select_related("employer").filter(pk=gig_id, employer__contacts=user)
    if lock:
        qs = qs.select_for_update(of=("self",))
    gig = qs.first()
    if gig is None:
        raise NotFound()
    return gig


def _own_application(application_id: int, user: User) -> Application:
    """An application on a shift of one of the user's gigs, locked."""
    app = (Application.objects.select_for_update(of=("self",)).select_related("shift__gig__employer", "worker")
           .filter(pk=application_id, shift__gig__employer__contacts=user).first())
    if app is None:
        raise NotFound()
    return app


def _my_application(application_id: int, worker: User) -> Application:
    app = (Application.objects.select_for_update(of=("self",)).select_related("shift__gig")
           .filter(pk=application_id, worker=worker).first())
    if app is None:
        raise NotFound()
    return app


# --- posting ---------------------------------------------------------------------------------


def _check_posting(data: dict) -> None:
    found = policy.problems(data.get("title", ""), data.get("description", ""), " ".join(data.get("skills") or []))
    if found:
        raise InvalidInput(
            " ".join(msg for _code, msg in found), code="posting_refused",
            fields={"description": " ".join(msg for _code, msg in found)},
        )


def _check_shifts(shifts: list[dict], now: datetime.datetime) -> None:
    if not shifts:
        raise InvalidInput(fields={"shifts": _("Add at least one shift.")})
    if len(shifts) > MAX_SHIFTS:
        raise InvalidInput(fields={"shifts": _("At most %(n)d shifts per gig.") % {"n": MAX_SHIFTS}})
    for i, s in enumerate(shifts):
        if s["end"] <= s["start"]:
            raise InvalidInput(fields={f"shifts.{i}.end": _("A shift must end after it starts.")})
        if s["end"] - s["start"] > MAX_SHIFT:
            raise InvalidInput(fields={f"shifts.{i}.end": _("A shift lasts at most 16 hours.")})
        if s["start"] <= now:
            raise InvalidInput(fields={f"shifts.{i}.start": _("A shift must start in the future.")})


@transaction.atomic
def gig_create(*, by: User, data: dict, now: datetime.datetime | None = None) -> Gig:
    """A draft gig with its shifts. Text that asks for fees or sets discriminatory limits is refused."""
    now = now or timezone.now()
    employer = employer_of(by, data.get("employer_id"))
    # A pending claim on a credit code may be a squatter's: only verified employers post.
    accounts.require_verified_employer(employer)
    _check_posting(data)
    _check_shifts(data["shifts"], now)
    gig = Gig(
        employer=employer, created_by=by, title=data["title"], category=data["category"],
        description=data.get("description", ""), address=data["address"], lat=data["lat"], lon=data["lon"],
        pay_fen=data["pay_fen"], pay_unit=data["pay_unit"], instant=data.get("instant", False),
        same_day_pay=data.get("same_day_pay", False),
        skills=list(dict.fromkeys(data.get("skills") or [])),
        geofence_m=data.get("geofence_m") or GEOFENCE_M[0],
        starts_at=min(s["start"] for s in data["shifts"]), ends_at=max(s["end"] for s in data["shifts"]),
    )
    gig.save()
    Shift.objects.bulk_create(Shift(gig=gig, start=s["start"], end=s["end"], headcount=s["headcount"])
                              for s in data["shifts"])
    audit_log(actor=by, action="gig.create", obj=gig)
    return gig


@transaction.atomic
def gig_publish(*, gig_id: int, by: User, now: datetime.datetime | None = None) -> Gig:
    now = now or timezone.now()
    gig = _own_gig(gig_id, by, lock=True)
    if gig.employer.status != EmployerStatus.VERIFIED:
        raise Conflict(_("Only verified employers can publish. Staff verify new employers within a working day."),
                       code="employer_not_verified")
    if gig.status not in (GigStatus.DRAFT, GigStatus.OPEN):
        raise Conflict(_("This gig is closed."), code="gig_closed")
    future = list(Shift.objects.select_for_update().filter(gig=gig, start__gt=now, cancelled_at__isnull=True))
    if not future:
        raise Conflict(_("Every shift has started or passed: add a future shift."), code="no_future_shift")
    # The wage guarantee: every place's wage is in escrow before anyone can apply.
    for shift in future:
        if shift.escrow_fen:
            continue  # held at an earlier publish
        shift.per_place_fen = pay.booked_wage_fen(gig, shift)
        amount = shift.per_place_fen * shift.headcount
        wages.escrow_hold(employer=gig.employer, amount_fen=amount, key=f"gig-hold:{shift.pk}",
                          reference=f"gigs.shift:{shift.pk}")
        shift.escrow_fen = amount
        shift.save(update_fields=["per_place_fen", "escrow_fen"])
    gig.status = GigStatus.OPEN
    gig.published_at = gig.published_at or now
    gig.save(update_fields=["status", "published_at", "updated_at"])
    return gig


@transaction.atomic
def gig_set_instant(*, gig_id: int, by: User, instant: bool) -> Gig:
    gig = _own_gig(gig_id, by, lock=True)
    gig.instant = instant
    gig.save(update_fields=["instant", "updated_at"])
    return gig


@transaction.atomic
def gig_close(*, gig_id: int, by: User) -> Gig:
    gig = _own_gig(gig_id, by, lock=True)
    gig.status = GigStatus.CLOSED
    gig.save(update_fields=["status", "updated_at"])
    return gig


# --- applying ----------------------------------------------------------------------------------


def _overlapping_holding(worker: User, start, end, exclude_shift: int | None = None):
    qs = Application.objects.filter(worker=worker, status__in=HOLDING,
                                    shift__start__lt=end, shift__end__gt=start)
    if exclude_shift is not None:
        qs = qs.exclude(shift_id=exclude_shift)
    return qs.exists()


def _take_place(shift_id: int) -> bool:
    """Take one place: a single conditional UPDATE, true if a place was left."""
    return bool(Shift.objects.filter(pk=shift_id, taken__lt=F("headcount")).update(taken=F("taken") + 1))


def _release_place(shift_id: int) -> None:
    Shift.objects.filter(pk=shift_id, taken__gt=0).update(taken=F("taken") - 1)


def application_apply(*, shift_id: int, worker: User, by: User | None = None,
                      now: datetime.datetime | None = None) -> Application:
    """Apply to a shift (API.md POST /shifts/{id}/applications). `by` is an advisor applying at a
    service window for a worker without a smartphone (assisted mode)."""
    now = now or timezone.now()
    if by is not None and by.pk != worker.pk:
        require_role(by, Role.ADVISOR, Role.ADMIN)
    require_role(worker, Role.WORKER)
    try:
        with transaction.atomic():
            # Serialise this worker's own applications (time conflicts are per worker).
            User.objects.select_for_update().filter(pk=worker.pk).first()
            shift = Shift.objects.select_related("gig").filter(pk=shift_id).first()
            if shift is None or shift.gig.status != GigStatus.OPEN:
                raise NotFound()
            if shift.cancelled_at or shift.start <= now:
                raise Conflict(_("This shift has started or was cancelled."), code="shift_closed")
            if Application.objects.filter(shift=shift, worker=worker, status__in=LIVE).exists():
                raise Conflict(_("You have already applied for this shift."), code="already_applied")
            if _overlapping_holding(worker, shift.start, shift.end):
                raise Conflict(_("You already hold a shift at this time."), code="time_conflict")
            if shift.taken >= shift.headcount:
                raise Conflict(_("This shift is full."), code="shift_full")
            status = ApplicationStatus.PENDING
            if shift.gig.instant:
                if not _take_place(shift.pk):
                    raise Conflict(_("This shift is full."), code="shift_full")
                status = ApplicationStatus.ACCEPTED
            app = Application.objects.create(
                shift=shift, worker=worker, status=status,
                applied_by=by if by is not None and by.pk != worker.pk else None,
                decided_at=now if status == ApplicationStatus.ACCEPTED else None,
            )
            if app.applied_by_id:
                audit_log(actor=by, action="gig.apply_assisted", obj=app, detail={"worker": worker.pk})
            return app
    except IntegrityError:  # the partial unique index caught a racing duplicate
        raise Conflict(_("You have already applied for this shift."), code="already_applied") from None


@transaction.atomic
def application_accept(*, application_id: int, by: User, now: datetime.datetime | None = None) -> Application:
    now = now or timezone.now()
    app = _own_application(application_id, by)
    if app.status != ApplicationStatus.PENDING:
        raise Conflict(_("Only a pending application can be accepted."), code="not_pending")
    User.objects.select_for_update().filter(pk=app.worker_id).first()
    if _overlapping_holding(app.worker, app.shift.start, app.shift.end):
        raise Conflict(_("This worker already holds a shift at this time."), code="time_conflict")
    if not _take_place(app.shift_id):
        raise Conflict(_("This shift is full."), code="shift_full")
    app.status, app.decided_at = ApplicationStatus.ACCEPTED, now
    app.save(update_fields=["status", "decided_at"])
    return app


@transaction.atomic
def application_reject(*, application_id: int, by: User, now: datetime.datetime | None = None) -> Application:
    app = _own_application(application_id, by)
    if app.status != ApplicationStatus.PENDING:
        raise Conflict(_("Only a pending application can be rejected."), code="not_pending")
    app.status, app.decided_at = ApplicationStatus.REJECTED, now or timezone.now()
    app.save(update_fields=["status", "decided_at"])
    return app


@transaction.atomic
def application_cancel(*, application_id: int, worker: User, reason: str = "",
                       now: datetime.datetime | None = None) -> Application:
    """The worker withdraws. Withdrawing an accepted place within 24 h of the start leaves a
    reliability record with the reason, which the worker sees and may appeal."""
    now = now or timezone.now()
    app = _my_application(application_id, worker)
    if app.status not in (ApplicationStatus.PENDING, ApplicationStatus.ACCEPTED):
        raise Conflict(_("This application can no longer be cancelled."), code="not_cancellable")
    held = app.status == ApplicationStatus.ACCEPTED
    app.status, app.cancelled_at = ApplicationStatus.CANCELLED, now
    app.save(update_fields=["status", "cancelled_at"])
    if held:
        _release_place(app.shift_id)
        if app.shift.start - now < LATE_CANCEL:
            ReliabilityRecord.objects.create(
                worker=worker, application=app, kind=ReliabilityKind.LATE_CANCEL,
                reason=reason[:200] or _("Cancelled less than 24 hours before the start."),
            )
    return app


# --- on site -----------------------------------------------------------------------------------


def _check_presence(app: Application, lat: float | None, lon: float | None, code: str | None,
                    accuracy_m: float | None) -> str:
    """'code' when the shift's code matches, 'gps' inside the geofence; else refuse."""
    shift, gig = app.shift, app.shift.gig
    if code:
        if code.strip() == shift.checkin_code:
            return "code"
        raise Conflict(_("This code does not match the shift's code."), code="wrong_code",
                       fields={"code": _("Ask the employer to show the code again.")})
    if lat is None or lon is None:
        raise InvalidInput(fields={"lat": _("Send your location, or the code the employer shows.")})
    slack = GPS_TOLERANCE_M + min(MAX_GPS_ACCURACY_M, max(0.0, accuracy_m or 0.0))
    distance = haversine_m(lat, lon, gig.lat, gig.lon)
    if distance > gig.geofence_m + slack:
        raise Conflict(
            _("You are %(d)d m from the workplace; check in within %(r)d m, or use the code the employer shows.")
            % {"d": distance, "r": gig.geofence_m}, code="outside_geofence",
        )
    return "gps"


@transaction.atomic
def check_in(*, application_id: int, worker: User, lat: float | None = None, lon: float | None = None,
             code: str | None = None, accuracy_m: float | None = None,
             now: datetime.datetime | None = None) -> Application:
    now = now or timezone.now()
    app = _my_application(application_id, worker)
    if app.status != ApplicationStatus.ACCEPTED:
        raise Conflict(_("Only an accepted shift can be checked in."), code="not_accepted")
    if not (app.shift.start - CHECKIN_EARLY <= now <= app.shift.end):
        raise Conflict(_("Check-in opens 30 minutes before the shift and closes when it ends."),
                       code="outside_time_window")
    app.checkin_method = _check_presence(app, lat, lon, code, accuracy_m)
    app.status, app.checked_in_at = ApplicationStatus.CHECKED_IN, now
    app.save(update_fields=["status", "checked_in_at", "checkin_method"])
    return app


@transaction.atomic
def check_out(*, application_id: int, worker: User, lat: float | None = None, lon: float | None = None,
              code: str | None = None, accuracy_m: float | None = None,
              now: datetime.datetime | None = None) -> Application:
    now = now or timezone.now()
    app = _my_application(application_id, worker)
    if app.status != ApplicationStatus.CHECKED_IN:
        raise Conflict(_("Check in first."), code="not_checked_in")
    if now > app.shift.end + CHECKOUT_LATE:
        raise Conflict(_("Check-out closed 4 hours after the shift; ask the employer to enter your hours."),
                       code="outside_time_window")
    _check_presence(app, lat, lon, code, accuracy_m)
    app.status, app.checked_out_at = ApplicationStatus.CHECKED_OUT, now
    # Paid time is the record inside the booked shift: coming early or staying late adds nothing.
    app.worked_minutes = pay.recorded_minutes(app)
    app.save(update_fields=["status", "checked_out_at", "worked_minutes"])
    return app


@transaction.atomic
def timesheet_edit(*, application_id: int, by: User, minutes: int, reason: str) -> Application:
    """The employer proposes other hours before confirming; the reason is shown to the worker.
    Fewer minutes than the record are treated like a confirmation of fewer hours: the
    difference is held, not taken (see application_confirm)."""
    app = _own_application(application_id, by)
    if app.status not in (ApplicationStatus.CHECKED_IN, ApplicationStatus.CHECKED_OUT):
        raise Conflict(_("Hours can be changed after check-in and before confirmation."), code="not_editable")
    if not reason.strip():
        raise InvalidInput(fields={"reason": _("Say why the hours change; the worker sees it.")})
    if minutes > pay.booked_minutes(app.shift):
        raise InvalidInput(fields={"minutes": _("More than the booked shift: approve the extra time when you "
                                                "confirm the timesheet.")})
    app.worked_minutes, app.timesheet_note = minutes, reason.strip()[:200]
    app.save(update_fields=["worked_minutes", "timesheet_note"])
    audit_log(actor=by, action="gig.timesheet_edit", obj=app, detail={"minutes": minutes})
    return app


@transaction.atomic
def application_confirm(*, application_id: int, by: User, minutes: int | None = None, approve_extra: bool = False,
                        reason: str = "", now: datetime.datetime | None = None) -> Application:
    """The employer confirms the timesheet and the wage moves from escrow at once.

    Confirming fewer minutes than the record pays the undisputed part now and holds the rest
    for 72 hours (the worker accepts it or disputes; if neither, the record stands and the
    rest is paid). More than the booked shift needs `approve_extra`, and the extra wage is
    moved into escrow before anything is paid."""
    now = now or timezone.now()
    app = _own_application(application_id, by)
    if app.status not in (ApplicationStatus.CHECKED_IN, ApplicationStatus.CHECKED_OUT):
        raise Conflict(_("Only a shift that was worked can be confirmed."), code="not_worked")
    if app.checked_out_at is None:  # still on site: the confirmation ends the record
        app.checked_out_at = now
    recorded = pay.recorded_minutes(app)
    # Hours the employer already changed with a reason (timesheet_edit) stand unless new ones come.
    edited = minutes is None and app.worked_minutes is not None and app.worked_minutes != recorded
    if minutes is None:
        minutes = app.worked_minutes if app.worked_minutes is not None else recorded
    if minutes > pay.booked_minutes(app.shift) and not approve_extra:
        raise InvalidInput(
            _("That is more than the booked shift. Tick 'approve extra time' to pay it; the extra wage is "
              "held from your deposit first."),
            fields={"hours": _("More than the booked shift: approve the extra time to pay it.")})
    if minutes < recorded and not reason.strip() and not edited:
        raise InvalidInput(fields={"reason": _("Say why the hours are fewer than the check-in record; the "
                                               "worker sees it.")})
    if reason.strip():
        app.timesheet_note = reason.strip()[:200]
    app.worked_minutes = minutes
    app.status, app.confirmed_at = ApplicationStatus.COMPLETED, now
    app.save(update_fields=["status", "confirmed_at", "checked_out_at", "worked_minutes", "timesheet_note"])
    _settle_confirmed(app, now, recorded=recorded)
    audit_log(actor=by, action="gig.confirm", obj=app, detail={"minutes": minutes, "recorded": recorded})
    return app


def _settle_confirmed(app: Application, now: datetime.datetime, *, recorded: int) -> None:
    """Pay a confirmed shift from its place's escrow. The worker is owed the recorded time (the
    whole booked shift if the employer cancelled it after check-in); what the employer confirmed
    below that stays held; what they approved above the booked shift is funded first."""
    gig, shift = app.shift.gig, app.shift
    confirmed_fen = pay.wage_fen(gig, shift, app.worked_minutes)
    owed_fen = pay.wage_fen(gig, shift, recorded)
    extra = max(0, confirmed_fen - pay.booked_wage_fen(gig, shift))
    if extra:
        wages.escrow_hold(employer=gig.employer, amount_fen=extra, key=f"gig-extra:{app.pk}",
                          reference=f"gigs.application:{app.pk}")
    contested = max(0, owed_fen - confirmed_fen)
    _settle_place(app, now, pay_fen=confirmed_fen, extra_fen=extra, keep_fen=contested, key=f"gig-wage:{app.pk}")
    if contested:
        app.contested_until = now + pay.CONTEST_HOLD
        app.save(update_fields=["contested_until"])
        notify(app.worker, _("%(employer)s confirmed fewer hours for 《%(title)s》 than you checked in for: "
                             "%(held)s is held for you. Accept or dispute on My shifts within 72 hours; "
                             "if you do neither, it is paid to you.")
               % {"employer": gig.employer.name, "title": gig.title, "held": format_yuan(contested)},
               kind="gig_contested", link="/gigs/mine/")


def _settle_place(app: Application, now: datetime.datetime, *, pay_fen: int, key: str, extra_fen: int = 0,
                  keep_fen: int = 0) -> None:
    """Close this application's place in the shift's escrow: pay the worker, keep `keep_fen`
    held for a contest, give the rest back to the employer. Once per key (the ledger's)."""
    shift = Shift.objects.select_for_update().get(pk=app.shift_id)
    place = min(shift.per_place_fen, shift.escrow_fen)
    keep = min(keep_fen, place)
    wages.escrow_settle(employer=app.shift.gig.employer, held_fen=place + extra_fen - keep, payee=app.worker,
                        pay_fen=pay_fen, key=key, reference=f"gigs.application:{app.pk}")
    Shift.objects.filter(pk=shift.pk).update(escrow_fen=F("escrow_fen") - (place - keep))
    app.wage_fen, app.settled_at = pay_fen, now
    app.extra_fen, app.contested_fen = extra_fen, keep
    app.save(update_fields=["wage_fen", "settled_at", "extra_fen", "contested_fen"])


def _close_contest(app: Application, *, to_worker: bool, key: str) -> None:
    """The held part of a contested shift leaves escrow: to the worker or back to the employer."""
    held = app.contested_fen
    if not held:
        return
    wages.escrow_settle(employer=app.shift.gig.employer, held_fen=held, payee=app.worker,
                        pay_fen=held if to_worker else 0, key=key, reference=f"gigs.application:{app.pk}")
    Shift.objects.filter(pk=app.shift_id).update(escrow_fen=F("escrow_fen") - held)
    if to_worker:
        app.wage_fen = (app.wage_fen or 0) + held
    app.contested_fen, app.contested_until = 0, None
    app.save(update_fields=["wage_fen", "contested_fen", "contested_until"])


@transaction.atomic
def contest_accept(*, application_id: int, worker: User, now: datetime.datetime | None = None) -> Application:
    """The worker agrees to the employer's fewer hours: the held part goes back to the employer."""
    app = _my_application(application_id, worker)
    if app.status != ApplicationStatus.COMPLETED or not app.contested_fen:
        raise Conflict(_("Nothing is held on this shift."), code="not_contested")
    _close_contest(app, to_worker=False, key=f"gig-contest:{app.pk}")
    app.contest_accepted_at = now or timezone.now()
    app.save(update_fields=["contest_accepted_at"])
    return app


def release_contested_wages(*, now: datetime.datetime | None = None) -> int:
    """Timed task: 72 hours after a confirmation of fewer hours, with no answer from the worker
    and no dispute, the recorded time stands and the held part is paid to the worker. Once."""
    now = now or timezone.now()
    due = Application.objects.filter(status=ApplicationStatus.COMPLETED, contested_fen__gt=0,
                                      contested_until__lt=now).values_list("pk", flat=True)
    done = 0
    for app_id in list(due):
        with transaction.atomic():
            app = (Application.objects.select_for_update(of=("self",)).select_related("shift__gig__employer", "worker")
                   .filter(pk=app_id, status=ApplicationStatus.COMPLETED, contested_fen__gt=0).first())
            if app is None:
                continue
            _close_contest(app, to_worker=True, key=f"gig-contest:{app.pk}")
            done += 1
    return done


AUTO_RELEASE_AFTER = datetime.timedelta(hours=48)


def release_due_wages(*, now: datetime.datetime | None = None) -> int:
    """Timed task: a wage whose employer did nothing for 48 hours after check-out is paid by
    itself; on a 日结 gig (same_day_pay) already at the first midnight (Shanghai) after check-out.
    Disputed wages never are. Each application is released once, however often this runs."""
    now = now or timezone.now()
    midnight = datetime.datetime.combine(now.astimezone(SHANGHAI).date(), datetime.time(0), tzinfo=SHANGHAI)
    due = Application.objects.filter(
        Q(checked_out_at__lt=now - AUTO_RELEASE_AFTER) | Q(shift__gig__same_day_pay=True, checked_out_at__lt=midnight),
        status=ApplicationStatus.CHECKED_OUT,
    ).values_list("pk", flat=True)
    done = 0
    for app_id in list(due):
        with transaction.atomic():
            app = (Application.objects.select_for_update(of=("self",)).select_related("shift__gig__employer", "worker")
                   .filter(pk=app_id, status=ApplicationStatus.CHECKED_OUT).first())
            if app is None:
                continue
            recorded = pay.recorded_minutes(app)
            if app.worked_minutes is None:
                app.worked_minutes = recorded
            app.status, app.confirmed_at = ApplicationStatus.COMPLETED, now
            app.timesheet_note = app.timesheet_note or (
                _("Paid automatically at midnight: this gig pays the same day.") if app.shift.gig.same_day_pay
                else _("Paid automatically 48 hours after check-out."))
            app.save(update_fields=["status", "confirmed_at", "timesheet_note", "worked_minutes"])
            _settle_confirmed(app, now, recorded=recorded)
            done += 1
    return done


def _reserved_fen(shift: Shift) -> int:
    """Escrow that still belongs to workers on this shift: whole places of those who worked and
    are not paid yet (disputes included), and the held parts of contested confirmations."""
    unpaid = Application.objects.filter(
        shift=shift, settled_at__isnull=True,
        status__in=(ApplicationStatus.CHECKED_IN, ApplicationStatus.CHECKED_OUT, ApplicationStatus.DISPUTED),
    ).count()
    contested = Application.objects.filter(shift=shift).aggregate(s=Sum("contested_fen"))["s"] or 0
    return unpaid * shift.per_place_fen + contested


def refund_ended_shifts(*, now: datetime.datetime | None = None) -> int:
    """Timed task: when a shift has ended, the escrow of places nobody worked (unfilled,
    cancelled, no-shows) goes back to the employer; places still to be settled stay held."""
    now = now or timezone.now()
    ended = Shift.objects.filter(end__lt=now, escrow_fen__gt=0).values_list("pk", flat=True)
    refunded = 0
    for shift_id in list(ended):
        with transaction.atomic():
            shift = Shift.objects.select_for_update().select_related("gig__employer").get(pk=shift_id)
            if _refund_free_escrow(shift, key=f"gig-refund:{shift.pk}:{shift.escrow_fen}"):
                refunded += 1
    return refunded


def _refund_free_escrow(shift: Shift, *, key: str) -> int:
    """Give back what no worker has a claim on; the shift row is locked by the caller."""
    free = shift.escrow_fen - _reserved_fen(shift)
    if free <= 0:
        return 0
    wages.escrow_settle(employer=shift.gig.employer, held_fen=free, key=key, reference=f"gigs.shift:{shift.pk}")
    Shift.objects.filter(pk=shift.pk).update(escrow_fen=F("escrow_fen") - free)
    shift.escrow_fen -= free
    return free


@transaction.atomic
def application_no_show(*, application_id: int, by: User, now: datetime.datetime | None = None) -> Application:
    now = now or timezone.now()
    app = _own_application(application_id, by)
    if app.status != ApplicationStatus.ACCEPTED or now < app.shift.start + datetime.timedelta(hours=1):
        raise Conflict(_("A no-show can be marked an hour after the start, for an accepted worker who did not check in."),
                       code="not_no_show")
    app.status = ApplicationStatus.NO_SHOW
    app.save(update_fields=["status"])
    ReliabilityRecord.objects.create(worker=app.worker, application=app, kind=ReliabilityKind.NO_SHOW,
                                     reason=_("Did not check in for the shift."))
    return app


@transaction.atomic
def shift_cancel(*, shift_id: int, by: User, now: datetime.datetime | None = None) -> Shift:
    """The employer cancels a shift.

    - Workers who already checked in keep the whole booked wage: they are checked out now and
      paid through the normal confirm / 48-hour release (API.md; the practice of paying the
      booked time when the employer ends a shift early).
    - Accepted workers who have not arrived are released; within 24 h of the start each is paid
      a fee (a fifth of the shift's pay, at least 20 yuan) from their place's escrow.
    - Disputed, contested, paid and completed applications keep their status and their escrow.
    Every other place's escrow goes back to the employer."""
    now = now or timezone.now()
    shift = (Shift.objects.select_for_update(of=("self",)).select_related("gig__employer")
             .filter(pk=shift_id, gig__employer__contacts=by).first())
    if shift is None:
        raise NotFound()
    if shift.cancelled_at:
        return shift
    if shift.end <= now:
        raise Conflict(_("This shift has already ended; confirm or dispute the timesheets instead."),
                       code="shift_ended")
    late = shift.start - now < LATE_CANCEL
    shift.cancelled_at = now
    shift.save(update_fields=["cancelled_at"])
    released, kept = 0, 0
    for app in Application.objects.select_for_update().select_related("worker").filter(
            shift=shift, status__in=(ApplicationStatus.PENDING, ApplicationStatus.ACCEPTED,
                                     ApplicationStatus.CHECKED_IN, ApplicationStatus.CHECKED_OUT)):
        app.shift = shift
        if app.status in (ApplicationStatus.CHECKED_IN, ApplicationStatus.CHECKED_OUT):
            _end_early_for(app, now)
            kept += 1
            continue
        if late and app.status == ApplicationStatus.ACCEPTED:
            fee = min(max(2000, pay.booked_wage_fen(shift.gig, shift) // 5), shift.per_place_fen)
            CancellationFee.objects.create(shift=shift, worker=app.worker, amount_fen=fee, paid_at=now)
            wages.escrow_settle(employer=shift.gig.employer, held_fen=shift.per_place_fen, payee=app.worker,
                                pay_fen=fee, key=f"gig-cancel-fee:{app.pk}", reference=f"gigs.application:{app.pk}")
            Shift.objects.filter(pk=shift.pk).update(escrow_fen=F("escrow_fen") - shift.per_place_fen)
            shift.escrow_fen -= shift.per_place_fen
        app.status, app.cancelled_at = ApplicationStatus.CANCELLED, now
        app.save(update_fields=["status", "cancelled_at"])
        released += 1
    _refund_free_escrow(shift, key=f"gig-cancel-refund:{shift.pk}")
    Shift.objects.filter(pk=shift.pk).update(taken=Application.objects.filter(
        shift=shift, status__in=HOLDING).count())
    audit_log(actor=by, action="gig.shift_cancel", obj=shift,
              detail={"late": late, "released": released, "kept_paid": kept})
    return shift


def _end_early_for(app: Application, now: datetime.datetime) -> None:
    """The employer ended a shift the worker is on: the booked time is theirs."""
    booked = pay.booked_minutes(app.shift)
    if app.status == ApplicationStatus.CHECKED_IN:
        app.status, app.checked_out_at = ApplicationStatus.CHECKED_OUT, now
    app.worked_minutes = booked
    app.timesheet_note = _("The employer cancelled the shift after you checked in: the whole booked shift is paid.")
    app.save(update_fields=["status", "checked_out_at", "worked_minutes", "timesheet_note"])
    notify(app.worker, _("%(employer)s cancelled 《%(title)s》 after you checked in. You are paid the whole booked "
                         "shift, %(wage)s.") % {"employer": app.shift.gig.employer.name, "title": app.shift.gig.title,
                                                 "wage": format_yuan(pay.booked_wage_fen(app.shift.gig, app.shift))},
           kind="gig_cancelled", link="/gigs/mine/")


# --- after the shift -------------------------------------------------------------------------


@transaction.atomic
def rating_create(*, application_id: int, by: User, score: int, comment: str = "") -> Rating:
    app = Application.objects.select_related("shift__gig").filter(pk=application_id).first()
    if app is None:
        raise NotFound()
    if app.worker_id == by.pk:
        side = Side.WORKER
    elif app.shift.gig.employer.contacts.filter(pk=by.pk).exists():
        side = Side.EMPLOYER
    else:
        raise NotFound()
    if app.status != ApplicationStatus.COMPLETED:
        raise Conflict(_("Ratings open once the shift is confirmed."), code="not_completed")
    if not 1 <= score <= 5:
        raise InvalidInput(fields={"score": _("A score is 1 to 5.")})
    try:
        with transaction.atomic():
            return Rating.objects.create(application=app, side=side, score=score, comment=comment[:300])
    except IntegrityError:
        raise Conflict(_("You have already rated this shift."), code="already_rated") from None


@transaction.atomic
def reliability_appeal(*, record_id: int, worker: User, text: str) -> ReliabilityRecord:
    record = ReliabilityRecord.objects.select_for_update().filter(pk=record_id, worker=worker).first()
    if record is None:
        raise NotFound()
    if record.appeal_status:
        raise Conflict(_("This record was already appealed."), code="already_appealed")
    if not text.strip():
        raise InvalidInput(fields={"text": _("Say what happened.")})
    record.appeal_text, record.appeal_status = text.strip()[:500], AppealStatus.PENDING
    record.save(update_fields=["appeal_text", "appeal_status"])
    return record


@transaction.atomic
def reliability_decide(*, record_id: int, by: User, uphold: bool) -> ReliabilityRecord:
    require_role(by, Role.ADVISOR, Role.ADMIN)
    record = ReliabilityRecord.objects.select_for_update().filter(pk=record_id).first()
    if record is None:
        raise NotFound()
    if record.appeal_status != AppealStatus.PENDING:
        raise Conflict(_("There is no pending appeal."), code="no_appeal")
    record.appeal_status = AppealStatus.UPHELD if uphold else AppealStatus.DISMISSED
    record.appeal_decided_by = by
    record.save(update_fields=["appeal_status", "appeal_decided_by"])
    audit_log(actor=by, action="gig.appeal_decide", obj=record, detail={"upheld": uphold})
    return record


@transaction.atomic
def gig_report(*, gig_id: int, by: User, reason: str, detail: str = "") -> GigReport:
    gig = Gig.objects.filter(pk=gig_id).exclude(status=GigStatus.DRAFT).first()
    if gig is None:
        raise NotFound()
    try:
        with transaction.atomic():
            return GigReport.objects.create(gig=gig, reporter=by, reason=reason, detail=detail[:500])
    except IntegrityError:
        raise Conflict(_("You have already reported this gig."), code="already_reported") from None


@transaction.atomic
def report_review(*, report_id: int, by: User, block: bool, now: datetime.datetime | None = None) -> GigReport:
    """Staff review: dismiss, or block the employer, which closes every gig of theirs."""
    require_role(by, Role.ADVISOR, Role.ADMIN)
    report = GigReport.objects.select_for_update().select_related("gig__employer").filter(pk=report_id).first()
    if report is None:
        raise NotFound()
    report.status = ReportStatus.ACTIONED if block else ReportStatus.DISMISSED
    report.reviewed_by, report.reviewed_at = by, now or timezone.now()
    report.save(update_fields=["status", "reviewed_by", "reviewed_at"])
    if block:
        employer = report.gig.employer
        Employer.objects.filter(pk=employer.pk).update(status=EmployerStatus.BLOCKED)
        Gig.objects.filter(employer=employer, status__in=[GigStatus.OPEN, GigStatus.DRAFT]).update(
            status=GigStatus.CLOSED)
        GigReport.objects.filter(gig__employer=employer, status=ReportStatus.OPEN).update(
            status=ReportStatus.ACTIONED, reviewed_by=by, reviewed_at=report.reviewed_at)
    audit_log(actor=by, action="gig.report_review", obj=report, detail={"blocked": block})
    return report




# --- auto-fill ---------------------------------------------------------------------------------

AUTOFILL_RADIUS_M = 10_000


def _autofill_candidates(gig: Gig, shifts: list[Shift], now: datetime.datetime):
    from nuanxin.accounts.models import WorkerProfile
    from nuanxin.core import geo
    from nuanxin.gigs import matching

    applied: dict[int, set[int]] = {}
    pending: dict[tuple[int, int], int] = {}
    for app_id, worker_id, shift_id in Application.objects.filter(
        shift__in=shifts, status=ApplicationStatus.PENDING
    ).values_list("pk", "worker_id", "shift_id"):
        applied.setdefault(worker_id, set()).add(shift_id)
        pending[(worker_id, shift_id)] = app_id
    engaged = set(Application.objects.filter(shift__gig=gig, status__in=HOLDING).values_list("worker_id", flat=True))
    nearby: set[int] = set()
    cover = geo.cover_circle(gig.lat, gig.lon, AUTOFILL_RADIUS_M, resolutions=(7,))
    if cover is not None:
        nearby = set(WorkerProfile.objects.filter(
            available_for_autofill=True, saved_h3_r7__in=cover[1],
            user__is_active=True, user__groups__name=Role.WORKER,
        ).values_list("user_id", flat=True))
    worker_ids = (set(applied) | nearby) - engaged
    if not worker_ids:
        return [], pending
    profiles = {p.user_id: p for p in WorkerProfile.objects.filter(user_id__in=worker_ids)}
    span_start, span_end = min(s.start for s in shifts), max(s.end for s in shifts)
    busy: dict[int, list] = {}
    for worker_id, start, end in Application.objects.filter(
        worker_id__in=worker_ids, status__in=HOLDING, shift__start__lt=span_end, shift__end__gt=span_start
    ).values_list("worker_id", "shift__start", "shift__end"):
        busy.setdefault(worker_id, []).append((start, end))
    kept = dict(Application.objects.filter(worker_id__in=worker_ids, status=ApplicationStatus.COMPLETED)
                .values("worker_id").annotate(n=Count("pk")).values_list("worker_id", "n"))
    missed: dict[int, int] = {}
    for record in ReliabilityRecord.objects.filter(worker_id__in=worker_ids):
        if record.counts:
            missed[record.worker_id] = missed.get(record.worker_id, 0) + 1
    week: dict[int, int] = {}
    for worker_id, minutes in Application.objects.filter(
        worker_id__in=worker_ids, status__in=(ApplicationStatus.CHECKED_OUT, ApplicationStatus.COMPLETED),
        shift__start__gte=matching.week_start(timezone.localtime(now)),
    ).values_list("worker_id", "worked_minutes"):
        week[worker_id] = week.get(worker_id, 0) + (minutes or 0)
    candidates = []
    for worker_id in sorted(worker_ids):
        profile = profiles.get(worker_id)
        candidates.append(matching.Candidate(
            worker_id=worker_id,
            point=profile.saved_point() if profile else None,
            skills=frozenset(profile.skills if profile else []),
            reliability=matching.reliability(kept.get(worker_id, 0), missed.get(worker_id, 0)),
            week_hours=week.get(worker_id, 0) // 60,
            busy=tuple(busy.get(worker_id, [])),
            only_shifts=frozenset(applied[worker_id]) if worker_id in applied and worker_id not in nearby else None,
        ))
    return candidates, pending


@transaction.atomic
def gig_autofill(*, gig_id: int, by: User, now: datetime.datetime | None = None) -> list[Application]:
    """Fill the gig's open places with the optimal batch assignment (gigs.matching) over the
    workers who applied and the workers near the gig who said they are available."""
    from nuanxin.gigs import matching

    now = now or timezone.now()
    gig = _own_gig(gig_id, by, lock=True)
    if gig.status != GigStatus.OPEN:
        raise Conflict(_("Publish the gig first."), code="gig_not_open")
    shifts = list(Shift.objects.select_for_update().filter(gig=gig, start__gt=now, cancelled_at__isnull=True))
    specs = [matching.ShiftSpec(s.pk, s.start, s.end, gig.lat, gig.lon, s.open_places, frozenset(gig.skills))
             for s in shifts if s.open_places > 0]
    if not specs:
        return []
    candidates, pending = _autofill_candidates(gig, shifts, now)
    result = matching.assign(candidates, specs)
    filled = []
    for i, j in result.pairs:
        worker_id, shift_id = candidates[i].worker_id, specs[j].shift_id
        if not _take_place(shift_id):
            continue
        app_id = pending.get((worker_id, shift_id))
        if app_id is not None:
            app = Application.objects.get(pk=app_id)
            app.status, app.decided_at, app.via_autofill = ApplicationStatus.ACCEPTED, now, True
            app.save(update_fields=["status", "decided_at", "via_autofill"])
        else:
            # An available worker may also have applied to another shift of this gig: that
            # application stays pending; this one is the booking.
            app = Application.objects.create(shift_id=shift_id, worker_id=worker_id, status=ApplicationStatus.ACCEPTED,
                                             via_autofill=True, decided_at=now)
        filled.append(app)
    audit_log(actor=by, action="gig.autofill", obj=gig,
              detail={"filled": len(filled), "open": sum(s.places for s in specs)})
    return filled


@transaction.atomic
def application_dispute(*, application_id: int, by: User, text: str = "",
                        now: datetime.datetime | None = None):
    """Either side disputes a shift (hours, pay): whatever is still held for it stays held and a
    rights case opens through the cases service (API.md POST /applications/{id}/dispute).
    A worked shift can be disputed before it is paid, and for 7 days after confirmation."""
    from nuanxin.cases import services as cases
    from nuanxin.cases.choices import CaseType, Channel

    now = now or timezone.now()
    app = (Application.objects.select_for_update(of=("self",)).select_related("shift__gig__employer")
           .filter(pk=application_id).first())
    if app is None:
        raise NotFound()
    is_worker = app.worker_id == by.pk
    if not is_worker and not app.shift.gig.employer.contacts.filter(pk=by.pk).exists():
        raise NotFound()
    if app.disputed_at is not None:
        raise Conflict(_("This shift is already disputed; the legal team has the case."), code="already_disputed")
    if not app.can_dispute(now):
        raise Conflict(_("Only a shift that was worked (or marked not come) can be disputed, up to 7 days after "
                         "it was confirmed."), code="not_disputable")
    app.status, app.disputed_at = ApplicationStatus.DISPUTED, now
    app.save(update_fields=["status", "disputed_at"])
    gig = app.shift.gig
    summary = _("Dispute about the shift %(title)s on %(day)s (%(employer)s).") % {
        "title": gig.title, "day": f"{timezone.localtime(app.shift.start):%Y-%m-%d}", "employer": gig.employer.name}
    if text.strip():
        summary += " " + text.strip()[:1500]
    return cases.case_open(type=CaseType.RIGHTS, summary=summary, by=by, channel=Channel.APP,
                           source=f"gigs.application:{app.pk}",
                           details={"employer": gig.employer.name,
                                    "issue": _("gig shift disputed by the worker") if is_worker
                                    else _("gig shift disputed by the employer")})


def disputed_amount_fen(app: Application) -> int:
    """What a dispute decides over: the whole place when nothing was paid yet; after a
    confirmation, what is still held, or else the rest of the booked wage (then paid from the
    employer's own money)."""
    if app.settled_at is None:
        return app.shift.per_place_fen
    if app.contested_fen:
        return app.contested_fen
    return max(0, pay.booked_wage_fen(app.shift.gig, app.shift) + app.extra_fen - (app.wage_fen or 0))


@transaction.atomic
def dispute_settle(*, application_id: int, by: User, worker_fen: int, now: datetime.datetime | None = None):
    """Legal staff resolve a dispute by splitting the disputed amount: worker_fen to the
    worker, the rest back to the employer. The ledger records it; it happens once."""
    require_role(by, Role.LEGAL, Role.ADMIN)
    now = now or timezone.now()
    app = (Application.objects.select_for_update(of=("self",)).select_related("shift__gig__employer", "worker")
           .filter(pk=application_id).first())
    if app is None:
        raise NotFound()
    if app.status != ApplicationStatus.DISPUTED:
        raise Conflict(_("Only an open dispute can be settled."), code="not_disputed")
    at_stake = disputed_amount_fen(app)
    if not 0 <= worker_fen <= at_stake:
        raise InvalidInput(fields={"worker_fen": _("Between 0 and the disputed amount, %(fen)d fen.")
                                   % {"fen": at_stake}})
    app.status = ApplicationStatus.COMPLETED
    app.confirmed_at = app.confirmed_at or now
    app.save(update_fields=["status", "confirmed_at"])
    if app.settled_at is None:
        _settle_place(app, now, pay_fen=worker_fen, key=f"gig-wage:{app.pk}")
    else:
        held = app.contested_fen
        wages.escrow_settle(employer=app.shift.gig.employer, held_fen=held, payee=app.worker, pay_fen=worker_fen,
                            key=f"gig-dispute:{app.pk}", reference=f"gigs.application:{app.pk}")
        if held:
            Shift.objects.filter(pk=app.shift_id).update(escrow_fen=F("escrow_fen") - held)
        app.wage_fen = (app.wage_fen or 0) + worker_fen
        app.contested_fen, app.contested_until = 0, None
        app.save(update_fields=["wage_fen", "contested_fen", "contested_until"])
    audit_log(actor=by, action="gig.dispute_settle", obj=app, detail={"worker_fen": worker_fen})
    return app
