"""Paying for the work: confirm hours, settle from escrow, contests, disputes, automatic release and refunds."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.db import transaction
from django.db.models import F, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from nuanxin.accounts.choices import Role
from nuanxin.accounts.notify import notify
from nuanxin.core.audit import audit_log
from nuanxin.core.dates import local_tz
from nuanxin.core.errors import Conflict, InvalidInput, NotFound
from nuanxin.core.money import format_yuan
from nuanxin.core.permissions import require_role
from nuanxin.gigs import pay
from nuanxin.gigs.choices import ApplicationStatus
from nuanxin.gigs.models import Application, Shift
from nuanxin.gigs.services.access import _my_application, _own_application
from nuanxin.gigs.services.transitions import application_transition
from nuanxin.wages import services as wages

if TYPE_CHECKING:
    from nuanxin.accounts.models import User


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
    app.confirmed_at = now
    application_transition(app, ApplicationStatus.COMPLETED, by=by, now=now, note=reason.strip(),
                           fields=["confirmed_at", "checked_out_at", "worked_minutes", "timesheet_note"])
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
    midnight = datetime.datetime.combine(now.astimezone(local_tz()).date(), datetime.time(0), tzinfo=local_tz())
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
            app.confirmed_at = now
            auto = (_("Paid automatically at midnight: this gig pays the same day.") if app.shift.gig.same_day_pay
                    else _("Paid automatically 48 hours after check-out."))
            app.timesheet_note = app.timesheet_note or auto
            application_transition(app, ApplicationStatus.COMPLETED, by=None, now=now, note=auto,
                                   fields=["confirmed_at", "timesheet_note", "worked_minutes"])
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
    app.disputed_at = now
    application_transition(app, ApplicationStatus.DISPUTED, by=by, now=now, fields=["disputed_at"])
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
    app.confirmed_at = app.confirmed_at or now
    application_transition(app, ApplicationStatus.COMPLETED, by=by, now=now, fields=["confirmed_at"])
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


