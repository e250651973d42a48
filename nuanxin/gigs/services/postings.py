"""Posting a gig: create, publish, instant mode, close, and cancelling a shift with what each worker on it is owed."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from nuanxin.accounts import services as accounts
from nuanxin.accounts.choices import EmployerStatus
from nuanxin.accounts.notify import notify
from nuanxin.core import fairness
from nuanxin.core.audit import audit_log
from nuanxin.core.errors import Conflict, InvalidInput, NotFound
from nuanxin.core.money import format_yuan
from nuanxin.gigs import pay
from nuanxin.gigs.choices import HOLDING, ApplicationStatus, GigStatus
from nuanxin.gigs.models import Application, CancellationFee, Gig, Shift
from nuanxin.gigs.services.access import _own_gig, employer_of
from nuanxin.gigs.services.applications import LATE_CANCEL
from nuanxin.gigs.services.settlement import _refund_free_escrow
from nuanxin.gigs.services.transitions import application_transition
from nuanxin.wages import services as wages

if TYPE_CHECKING:
    from nuanxin.accounts.models import User

MAX_SHIFT = datetime.timedelta(hours=16)
MAX_SHIFTS = 60
GEOFENCE_M = (300, 5000)                           # the check-in radius: default, largest


def checkin_radius_m(precision_m: int) -> int:
    """The check-in radius for a workplace point that may be precision_m from the real
    workplace (a landmark, a town centre): wide enough that a worker standing at the real
    place can check in with their phone. The shift's code works at any distance."""
    return max(GEOFENCE_M[0], min(GEOFENCE_M[1], int(precision_m)))


def _check_posting(data: dict) -> None:
    found = fairness.problems(data.get("title", ""), data.get("description", ""), " ".join(data.get("skills") or []))
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
            _end_early_for(app, now, by=by)
            kept += 1
            continue
        if late and app.status == ApplicationStatus.ACCEPTED:
            fee = min(max(2000, pay.booked_wage_fen(shift.gig, shift) // 5), shift.per_place_fen)
            CancellationFee.objects.create(shift=shift, worker=app.worker, amount_fen=fee, paid_at=now)
            wages.escrow_settle(employer=shift.gig.employer, held_fen=shift.per_place_fen, payee=app.worker,
                                pay_fen=fee, key=f"gig-cancel-fee:{app.pk}", reference=f"gigs.application:{app.pk}")
            Shift.objects.filter(pk=shift.pk).update(escrow_fen=F("escrow_fen") - shift.per_place_fen)
            shift.escrow_fen -= shift.per_place_fen
        app.cancelled_at = now
        application_transition(app, ApplicationStatus.CANCELLED, by=by, now=now, fields=["cancelled_at"])
        released += 1
    topped = _top_up_confirmed(shift, now, by=by)
    _refund_free_escrow(shift, key=f"gig-cancel-refund:{shift.pk}")
    Shift.objects.filter(pk=shift.pk).update(taken=Application.objects.filter(
        shift=shift, status__in=HOLDING).count())
    audit_log(actor=by, action="gig.shift_cancel", obj=shift,
              detail={"late": late, "released": released, "kept_paid": kept, "topped_up": topped})
    return shift


def _top_up_confirmed(shift: Shift, now: datetime.datetime, *, by: User) -> int:
    """Workers on this shift whose timesheet the employer confirmed for less than the booked
    shift before cancelling it are owed the booked shift too (the rule for everyone who checked
    in): the difference is paid now from the employer's money, or the cancel is refused (409
    escrow_insufficient) and nothing changes. A worker who agreed to fewer hours or whose
    dispute was decided keeps that outcome. Returns how many were topped up."""
    booked = pay.booked_wage_fen(shift.gig, shift)
    topped = 0
    for app in Application.objects.select_for_update().select_related("worker").filter(
            shift=shift, status=ApplicationStatus.COMPLETED, checked_in_at__isnull=False,
            disputed_at__isnull=True, contest_accepted_at__isnull=True):
        short = booked - (app.wage_fen or 0) - app.contested_fen
        if short <= 0:
            continue
        wages.escrow_settle(employer=shift.gig.employer, held_fen=0, payee=app.worker, pay_fen=short,
                            key=f"gig-cancel-top-up:{app.pk}", reference=f"gigs.application:{app.pk}")
        app.wage_fen = (app.wage_fen or 0) + short
        app.save(update_fields=["wage_fen"])
        notify(app.worker, _("%(employer)s cancelled 《%(title)s》 after you checked in. You are paid the whole booked "
                             "shift, %(wage)s.") % {"employer": shift.gig.employer.name, "title": shift.gig.title,
                                                     "wage": format_yuan(booked)},
               kind="gig_cancelled", link="/gigs/mine/")
        audit_log(actor=by, action="gig.cancel_top_up", obj=app, detail={"fen": short})
        topped += 1
    return topped


def _end_early_for(app: Application, now: datetime.datetime, *, by: User) -> None:
    """The employer ended a shift the worker is on: the booked time is theirs."""
    booked = pay.booked_minutes(app.shift)
    app.worked_minutes = booked
    app.timesheet_note = _("The employer cancelled the shift after you checked in: the whole booked shift is paid.")
    if app.status == ApplicationStatus.CHECKED_IN:
        app.checked_out_at = now
        application_transition(app, ApplicationStatus.CHECKED_OUT, by=by, now=now, note=app.timesheet_note,
                               fields=["checked_out_at", "worked_minutes", "timesheet_note"])
    else:
        app.save(update_fields=["status", "checked_out_at", "worked_minutes", "timesheet_note"])
    notify(app.worker, _("%(employer)s cancelled 《%(title)s》 after you checked in. You are paid the whole booked "
                         "shift, %(wage)s.") % {"employer": app.shift.gig.employer.name, "title": app.shift.gig.title,
                                                 "wage": format_yuan(pay.booked_wage_fen(app.shift.gig, app.shift))},
           kind="gig_cancelled", link="/gigs/mine/")


