"""Applying for a shift and the employer's answer: apply, accept, reject, cancel, no-show.

Places on a shift are taken by one conditional UPDATE (taken < headcount), so a shift is
never oversold, whatever the number of concurrent requests or server processes. A worker's
own applications are serialised by locking the worker's row, so two overlapping shifts
cannot both be taken by one person."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from nuanxin.accounts import services as accounts
from nuanxin.accounts.choices import Role
from nuanxin.core import capacity
from nuanxin.core.audit import audit_log
from nuanxin.core.errors import Conflict, NotFound
from nuanxin.core.permissions import require_role
from nuanxin.gigs.choices import HOLDING, LIVE, ApplicationStatus, GigStatus, ReliabilityKind
from nuanxin.gigs.models import Application, ReliabilityRecord, Shift
from nuanxin.gigs.services.access import _my_application, _own_application
from nuanxin.gigs.services.transitions import application_create, application_transition

if TYPE_CHECKING:
    from nuanxin.accounts.models import User

LATE_CANCEL = datetime.timedelta(hours=24)         # cancelling closer than this is "late"


def _overlapping_holding(worker: User, start, end, exclude_shift: int | None = None):
    qs = Application.objects.filter(worker=worker, status__in=HOLDING,
                                    shift__start__lt=end, shift__end__gt=start)
    if exclude_shift is not None:
        qs = qs.exclude(shift_id=exclude_shift)
    return qs.exists()


def _take_place(shift_id: int) -> bool:
    """Take one place: a single conditional UPDATE, true if a place was left."""
    return capacity.take(Shift.objects.filter(pk=shift_id), limit="headcount")


def _release_place(shift_id: int) -> None:
    capacity.release(Shift.objects.filter(pk=shift_id))


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
            accounts.user_lock(worker.pk)
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
            app = application_create(
                by=by if by is not None else worker, now=now, shift=shift, worker=worker, status=status,
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
    accounts.user_lock(app.worker_id)
    if _overlapping_holding(app.worker, app.shift.start, app.shift.end):
        raise Conflict(_("This worker already holds a shift at this time."), code="time_conflict")
    if not _take_place(app.shift_id):
        raise Conflict(_("This shift is full."), code="shift_full")
    app.decided_at = now
    application_transition(app, ApplicationStatus.ACCEPTED, by=by, now=now, fields=["decided_at"])
    return app


@transaction.atomic
def application_reject(*, application_id: int, by: User, now: datetime.datetime | None = None) -> Application:
    now = now or timezone.now()
    app = _own_application(application_id, by)
    if app.status != ApplicationStatus.PENDING:
        raise Conflict(_("Only a pending application can be rejected."), code="not_pending")
    app.decided_at = now
    application_transition(app, ApplicationStatus.REJECTED, by=by, now=now, fields=["decided_at"])
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
    app.cancelled_at = now
    application_transition(app, ApplicationStatus.CANCELLED, by=worker, now=now, fields=["cancelled_at"])
    if held:
        _release_place(app.shift_id)
        if app.shift.start - now < LATE_CANCEL:
            ReliabilityRecord.objects.create(
                worker=worker, application=app, kind=ReliabilityKind.LATE_CANCEL,
                reason=reason[:200] or _("Cancelled less than 24 hours before the start."),
            )
    return app


@transaction.atomic
def application_no_show(*, application_id: int, by: User, now: datetime.datetime | None = None) -> Application:
    now = now or timezone.now()
    app = _own_application(application_id, by)
    if app.status != ApplicationStatus.ACCEPTED or now < app.shift.start + datetime.timedelta(hours=1):
        raise Conflict(_("A no-show can be marked an hour after the start, for an accepted worker who did not check in."),
                       code="not_no_show")
    application_transition(app, ApplicationStatus.NO_SHOW, by=by, now=now)
    ReliabilityRecord.objects.create(worker=app.worker, application=app, kind=ReliabilityKind.NO_SHOW,
                                     reason=_("Did not check in for the shift."))
    return app


