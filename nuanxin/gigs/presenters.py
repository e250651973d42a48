"""Gigs and applications as the API sends them."""

from nuanxin.accounts.choices import EmployerStatus
from nuanxin.core.masking import mask_name
from nuanxin.gigs import pay
from nuanxin.gigs.models import Application, Gig, Shift
from nuanxin.gigs.selectors import GigHit, ratings_visible


def shift_out(s: Shift) -> dict:
    return {"id": s.pk, "start": s.start, "end": s.end, "headcount": s.headcount, "taken": s.taken,
            "open_places": s.open_places, "cancelled": s.cancelled_at is not None}


def gig_out(gig: Gig, shifts: list[Shift], distance_m: float | None = None) -> dict:
    return {
        "id": gig.pk, "title": gig.title, "category": gig.category, "description": gig.description,
        "address": gig.address, "lat": gig.lat, "lon": gig.lon,
        "distance_m": None if distance_m is None else round(distance_m),
        "pay_fen": gig.pay_fen, "pay_unit": gig.pay_unit, "instant": gig.instant,
        "same_day_pay": gig.same_day_pay, "skills": gig.skills,
        "status": gig.status, "geofence_m": gig.geofence_m,
        "employer": {"id": gig.employer_id, "name": gig.employer.name,
                     "verified": gig.employer.status == EmployerStatus.VERIFIED},
        "shifts": [shift_out(s) for s in shifts], "published_at": gig.published_at,
    }


def hit_out(hit: GigHit, *, reasons: bool = False) -> dict:
    out = gig_out(hit.gig, hit.shifts, hit.distance_m)
    out["bookable"], out["shift_pay_fen"] = hit.state == "open", hit.shift_pay_fen
    if reasons:
        out["reasons"] = hit.reasons
    return out


def application_out(app: Application, *, for_employer: bool = False) -> dict:
    shift, gig = app.shift, app.shift.gig
    return {
        "id": app.pk, "status": app.status, "shift_id": shift.pk, "gig_id": gig.pk, "gig_title": gig.title,
        "start": shift.start, "end": shift.end,
        # Employers see the worker's name; nobody else sees more than the family name.
        "worker_name": (app.worker.name or app.worker.phone_masked) if for_employer else mask_name(app.worker.name),
        "applied_by_advisor": app.applied_by_id is not None, "via_autofill": app.via_autofill,
        "checked_in_at": app.checked_in_at, "checkin_method": app.checkin_method,
        "checked_out_at": app.checked_out_at, "worked_minutes": app.worked_minutes,
        "timesheet_note": app.timesheet_note, "confirmed_at": app.confirmed_at, "wage_fen": app.wage_fen,
        "booked_minutes": pay.booked_minutes(shift), "recorded_minutes": pay.recorded_minutes(app),
        "contested_fen": app.contested_fen, "contested_until": app.contested_until, "extra_fen": app.extra_fen,
        "disputed_at": app.disputed_at,
        "ratings": [{"side": r.side, "score": r.score, "comment": r.comment} for r in ratings_visible(app)],
    }
