"""What a shift pays, in whole minutes and integer fen (no floats anywhere).

The rules of the wage guarantee (API.md "Gigs"):
- the booked wage is the posted rate for the booked shift (per place: day, piece and job gigs
  pay the agreed amount);
- paid time is the recorded check-in to check-out *inside* the booked shift: arriving early or
  staying late never adds pay unless the employer approves extra time, funded into escrow first;
- once a worker has checked in, the employer can no longer take the shift away from them: if
  the employer cancels it, the whole booked shift is paid.
"""

import datetime

from nuanxin.core.money import fen_for_minutes
from nuanxin.gigs.choices import PayUnit

MINUTE = datetime.timedelta(minutes=1)
CONTEST_HOLD = datetime.timedelta(hours=72)   # the worker's time to accept fewer hours or dispute
DISPUTE_WINDOW = datetime.timedelta(days=7)   # a completed shift can be disputed this long


def booked_minutes(shift) -> int:
    return (shift.end - shift.start) // MINUTE


def recorded_minutes(app) -> int:
    """Minutes between check-in and check-out, cut to the booked shift (0 while still checked
    in). A shift the employer cancelled while the worker was on it counts whole."""
    shift = app.shift
    if app.checked_in_at is None:
        return 0
    if shift.cancelled_at is not None and (app.confirmed_at is None or app.confirmed_at >= shift.cancelled_at):
        return booked_minutes(shift)  # cancelled while the worker was on it, before confirmation
    out = app.checked_out_at or app.checked_in_at
    start, end = max(app.checked_in_at, shift.start), min(out, shift.end)
    return max(0, (end - start) // MINUTE)


def wage_fen(gig, shift, minutes: int) -> int:
    """Hourly gigs pay the minutes at the posted rate; the others the agreed amount per place."""
    if gig.pay_unit == PayUnit.HOUR:
        return fen_for_minutes(gig.pay_fen, minutes)
    return shift.per_place_fen or gig.pay_fen


def booked_wage_fen(gig, shift) -> int:
    """One place's wage for the whole booked shift: what publishing holds in escrow per place."""
    return wage_fen(gig, shift, booked_minutes(shift))
