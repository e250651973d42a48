"""Seekers, follow-ups, referrals and matches as the API and pages show them.

Names are masked (张**) everywhere but the seeker's own views, a staff member's file (an
audited read) and the vacancy's employer on a referral sent to them; phone numbers are masked
unless staff ask for one (audited, services.seekers.seeker_phone)."""

from __future__ import annotations

from nuanxin.core.masking import mask_name, mask_phone
from nuanxin.jobs.choices import ReferralStatus, SeekerStatus, Tier
from nuanxin.jobs.matching import Match
from nuanxin.jobs.services.seekers import hardship_label


def _person(user, *, full: bool) -> dict:
    name = user.name or ""
    return {"name": name if full else mask_name(name), "phone_masked": mask_phone(user.phone or "")}


def _staff_name(user) -> str:
    return (user.name or user.username or "") if user is not None else ""


def seeker_out(seeker, *, full: bool, reasons: list[str], staff: bool = False) -> dict:
    out = {
        "id": seeker.pk,
        "user_id": seeker.user_id,
        **_person(seeker.user, full=full),
        "status": seeker.status,
        "status_label": str(SeekerStatus(seeker.status).label),
        "tier": seeker.tier,
        "tier_label": str(Tier(seeker.tier).label),
        "tier_reasons": reasons,
        "occupations": [{"code": o.code, "name": o.name} for o in seeker.occupations.all()],
        "skills": seeker.skills or [],
        "certificates": seeker.certificates or [],
        "experience_years": seeker.experience_years,
        "languages": seeker.languages or [],
        "hardship": seeker.hardship,
        "hardship_label": hardship_label(seeker.hardship) if seeker.hardship else "",
        "wanted_pay_fen": seeker.wanted_pay_fen,
        "town": seeker.town,
        "advisor": _staff_name(seeker.advisor) or None,
        "advisor_id": seeker.advisor_id,
        "station_id": seeker.station_id,
        "station": seeker.station.name if seeker.station_id else None,
        "station_phone": seeker.station.phone if seeker.station_id else None,
        "registered_by_staff": seeker.registered_by_id is not None,
        "registered_at": seeker.registered_at,
        "next_contact_on": seeker.next_contact_on,
        "placed_at": seeker.placed_at,
        "closed_at": seeker.closed_at,
    }
    if staff:
        out["notes"] = seeker.notes or ""
    return out


def seeker_row(seeker) -> dict:
    """A line of staff lists: masked name and phone, nothing else personal."""
    return {"id": seeker.pk, **_person(seeker.user, full=False), "status": seeker.status,
            "status_label": str(SeekerStatus(seeker.status).label), "tier": seeker.tier,
            "advisor": _staff_name(seeker.advisor) or None, "station_id": seeker.station_id,
            "next_contact_on": seeker.next_contact_on}


def follow_up_out(f) -> dict:
    return {"id": f.pk, "channel": f.channel, "channel_label": str(f.get_channel_display()), "note": f.note or "",
            "at": f.at, "by": _staff_name(f.by), "next_contact_on": f.next_contact_on}


def vacancy_brief(v) -> dict:
    return {"id": v.pk, "title": v.title, "employer": v.employer.name, "occupation_code": v.occupation.code,
            "occupation": v.occupation.name, "town": v.town, "address": v.address,
            "pay_min_fen": v.pay_min_fen, "pay_max_fen": v.pay_max_fen, "pay_period": v.pay_period,
            "valid_until": v.valid_until}


def match_out(m: Match) -> dict:
    return {"score": m.score, "reasons": m.reasons, "occupation_match": m.occupation_match,
            "skills_in_common": list(m.skills_in_common), "distance_m": m.distance_m, "pay_fits": m.pay_fits}


def suggestion_out(m: Match, vacancy) -> dict:
    return {"job": vacancy_brief(vacancy), **match_out(m)}


def candidate_out(m: Match, seeker) -> dict:
    return {"seeker": seeker_row(seeker), **match_out(m)}


def referral_out(r, *, viewer_kind: str, letter_url: str) -> dict:
    """A referral for its seeker, their staff or the vacancy's employer (who sees the name in
    full: the person is coming to them)."""
    return {
        "id": r.pk, "status": r.status, "status_label": str(ReferralStatus(r.status).label),
        "letter_url": letter_url,
        "seeker_id": r.seeker_id,
        "seeker": _person(r.seeker.user, full=viewer_kind in ("seeker", "staff", "employer")),
        "job": vacancy_brief(r.vacancy),
        "advisor": _staff_name(r.advisor),
        "station": r.seeker.station.name if r.seeker.station_id else None,
        "station_phone": r.seeker.station.phone if r.seeker.station_id else None,
        "note": r.note, "created_at": r.created_at, "interviewed_at": r.interviewed_at, "decided_at": r.decided_at,
    }
