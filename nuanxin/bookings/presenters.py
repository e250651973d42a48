"""Model → API dict conversions shared by the API and the pages' JSON."""

from django.utils import timezone

from nuanxin.bookings.choices import Mode
from nuanxin.core.masking import mask_name


def session_out(s, *, now=None) -> dict:
    now = now or timezone.now()
    drawn = s.drawn_at is not None
    return {
        "id": s.pk, "offering_id": s.offering_id, "label": s.label, "start": s.start, "end": s.end,
        "capacity": s.capacity, "taken": s.taken, "places_left": s.places_left,
        "waitlisted": getattr(s, "waitlisted", 0), "mode": s.offering.mode,
        "opens_at": s.opens_at, "closes_at": s.closes_at,
        "booking_open": s.opens_at <= now < s.closes_at and not s.cancelled_at,
        "seed_hash": s.seed_hash if s.offering.mode == Mode.LOTTERY else "",
        "seed": s.seed if drawn else None, "drawn_at": s.drawn_at,
        "teacher": str(s.teacher.user) if s.teacher_id else None,
    }


def offering_out(o, sessions=None) -> dict:
    sessions = o.coming if sessions is None else sessions
    now = timezone.now()
    p = o.place
    return {
        "id": o.pk, "kind": o.kind, "title": o.title, "description": o.description, "mode": o.mode,
        "place": {"id": p.pk, "name": p.name, "address": p.address, "lat": p.lat, "lon": p.lon},
        "per_person_limit": o.per_person_limit,
        "per_family_limit": o.per_family_limit, "for_children": o.for_children,
        "min_child_age": o.min_child_age, "max_child_age": o.max_child_age,
        "cancel_hours": o.cancel_hours, "confirm_hours": o.confirm_hours,
        "sessions": [session_out(s, now=now) for s in sessions],
    }


def enrollment_out(e, positions: dict | None = None) -> dict:
    s = e.session
    return {
        "id": e.pk, "session_id": s.pk, "offering_id": e.offering_id, "title": s.offering.title,
        "kind": s.offering.kind, "start": s.start, "end": s.end, "place_name": s.offering.place.name,
        "status": e.status, "child_id": e.child_id, "ticket": e.ticket, "rank": e.rank,
        "waitlist_position": (positions or {}).get(e.pk), "offer_expires_at": e.offer_expires_at,
        "created_at": e.created_at, "attended_at": e.attended_at, "appeal_status": e.appeal_status,
    }


def draw_out(s) -> dict:
    from nuanxin.core import lottery

    drawn = s.drawn_at is not None
    places = s.draw_places if drawn else s.capacity
    winners = list(s.draw_ranking[:places]) if drawn else []
    return {
        "session_id": s.pk, "algorithm": lottery.ALGORITHM, "seed_hash": s.seed_hash,
        "seed": s.seed if drawn else None, "drawn_at": s.drawn_at, "places": places,
        "entries": s.draw_entries if drawn else [], "ranking": s.draw_ranking if drawn else [],
        "winners": winners, "closes_at": s.closes_at, "planned_closes_at": s.planned_closes_at,
        "closed_early_reason": s.closed_early_reason,
    }


def roll_row(e) -> dict:
    return {
        "enrollment_id": e.pk, "ticket": e.ticket, "name": e.user.name or e.user.phone_masked, "phone_masked": e.user.phone_masked,
        "child": f"{mask_name(e.child.name)} ({e.child.get_grade_display()})" if e.child_id else None,
        "status": e.status, "attended_at": e.attended_at, "appeal_status": e.appeal_status,
        "appeal_text": e.appeal_text,
    }
