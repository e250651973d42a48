"""On site: check in and out by place or by the shift's code, and the employer's timesheet edits."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from nuanxin.core.audit import audit_log
from nuanxin.core.errors import Conflict, InvalidInput
from nuanxin.core.geo import haversine_m
from nuanxin.gigs import pay
from nuanxin.gigs.choices import ApplicationStatus
from nuanxin.gigs.models import Application
from nuanxin.gigs.services.access import _my_application, _own_application
from nuanxin.gigs.services.transitions import application_transition

if TYPE_CHECKING:
    from nuanxin.accounts.models import User

CHECKIN_EARLY = datetime.timedelta(minutes=30)     # check-in opens before the shift starts
CHECKOUT_LATE = datetime.timedelta(hours=4)        # check-out stays open after it ends
GPS_TOLERANCE_M = 50                               # added to the geofence for GPS error
MAX_GPS_ACCURACY_M = 200                           # a reported accuracy counts up to this


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
    app.checked_in_at = now
    application_transition(app, ApplicationStatus.CHECKED_IN, by=worker, now=now,
                           fields=["checked_in_at", "checkin_method"])
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
    app.checked_out_at = now
    # Paid time is the record inside the booked shift: coming early or staying late adds nothing.
    app.worked_minutes = pay.recorded_minutes(app)
    application_transition(app, ApplicationStatus.CHECKED_OUT, by=worker, now=now,
                           fields=["checked_out_at", "worked_minutes"])
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


