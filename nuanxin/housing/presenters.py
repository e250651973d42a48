"""Residences and stays as the API and the pages' JSON show them. A stay shows the party as
counts and children's ages in years, never their names (the parent registered them for
services, not for the residence's staff)."""

from __future__ import annotations

import datetime

from nuanxin.core.masking import mask_name


def residence_out(row, *, night: datetime.date) -> dict:
    r, p = row.residence, row.residence.place
    return {
        "id": r.pk, "place_id": p.pk, "name": p.name, "town": p.town, "address": p.address, "lat": p.lat,
        "lon": p.lon, "units": row.units, "beds": row.beds, "free_tonight": row.free_tonight, "night": night,
        "distance_m": None if row.distance_m is None else round(row.distance_m), "phone": p.phone,
        "free_nights": r.free_nights, "check_in_from": r.check_in_from.strftime("%H:%M"),
        "check_in_until": r.check_in_until.strftime("%H:%M"), "house_rules": r.house_rules,
    }


def _bed_out(app) -> dict | None:
    if app.bed_id:
        return {"id": app.bed_id, "label": app.bed.label, "room": app.bed.unit.label}
    if app.unit_id:
        return {"id": None, "label": "", "room": app.unit.label}
    return None


def application_out(app, *, viewer_is_applicant: bool, today: datetime.date) -> dict:
    place = app.residence.place if app.residence_id else None
    children = list(app.children.all())
    return {
        "id": app.pk, "status": app.status, "check_in": app.check_in, "check_out": app.check_out,
        "nights": app.nights, "residence_id": app.residence_id, "residence": place.name if place else None,
        "address": place.address if place else None, "town": app.town, "bed": _bed_out(app),
        "party": {"adults": app.adults, "children_ages": [
            max(0, (today - c.birth_date).days // 365) for c in children], "other_children": app.minors,
            "people": app.party_size},
        "sex": app.sex, "needs_accessible": app.needs_accessible, "referral": app.referral, "case_id": app.case_id,
        # The check-in code is the guest's to show, not staff's to read off a list.
        "code": app.code if viewer_is_applicant and app.status == "allocated" else None,
        "applicant": None if viewer_is_applicant else mask_name(app.applicant.name or ""),
        "advice_at": app.advice_at, "advice_place": app.advice_place.name if app.advice_place_id else None,
        "appeal_status": app.appeal_status, "created_at": app.created_at,
        "checked_in_at": app.checked_in_at, "checked_out_at": app.checked_out_at,
    }
