"""Turning places into the dicts the API and exports send (one shape for every door)."""

import datetime

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from nuanxin.core.dates import local_tz
from nuanxin.places.hours import Interval, Schedule
from nuanxin.places.models import Place
from nuanxin.places.selectors import PlaceHit


def day_label(intervals: list[Interval]) -> str:
    return pgettext("list separator", ", ").join(i.label() for i in intervals) if intervals else _("closed")


def hours_out(schedule: Schedule, is_24h: bool, today: datetime.date) -> dict:
    week = []
    for day, intervals in schedule.week_from(today):
        week.append({
            "date": day,
            "weekday": day.isoweekday(),
            "intervals": [{"opens": f"{i.opens:%H:%M}", "closes": f"{i.closes:%H:%M}"} for i in intervals],
            "label": day_label(intervals),
        })
    return {"is_24h": is_24h, "today": week[0]["label"], "week": week}


def _place_base(hit: PlaceHit) -> dict:
    p = hit.place
    return {
        "id": p.pk, "name": p.name, "kind": p.kind, "status": p.status,
        "town": p.town, "town_name": p.get_town_display(), "address": p.address,
        "lat": p.lat, "lon": p.lon,
        "distance_m": None if hit.distance_m is None else round(hit.distance_m),
        "amenities": hit.amenities,
        "open_now": hit.open_now,
        "phone": p.phone, "co_build": p.co_build,
    }


def place_out(hit: PlaceHit, *, today: datetime.date) -> dict:
    """A list item: today's hours only, to keep lists small on weak signal."""
    return {
        **_place_base(hit),
        "hours": {"is_24h": hit.place.is_24h, "today": day_label(hit.schedule.intervals_on(today))},
    }


def place_detail_out(hit: PlaceHit) -> dict:
    p = hit.place
    today = timezone.now().astimezone(local_tz()).date()
    return {
        **_place_base(hit),
        "hours": hours_out(hit.schedule, p.is_24h, today),
        "description": p.description, "operator": p.operator,
        "organization": p.organization.name if p.organization else None,
        "opened_on": p.opened_on,
    }


def geojson(places: list[Place]) -> dict:
    return {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "id": p.pk,
                # RFC 7946: WGS-84, longitude first.
                "geometry": {"type": "Point", "coordinates": [p.lon, p.lat]},
                "properties": {
                    "name": p.name, "kind": p.kind, "status": p.status, "town": p.town,
                    "address": p.address, "phone": p.phone, "is_24h": p.is_24h,
                    "amenities": [a.code for a in p.amenities.all()],
                },
            }
            for p in places
        ],
    }


_HSDS_DAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]


def hsds(places: list[Place]) -> dict:
    """Open Referral HSDS 3.0-style JSON: organizations, services, locations, service_at_location,
    schedules (RFC 5545 weekly rules, as HSDS uses them)."""
    orgs: dict[int, dict] = {}
    services, locations, sal, schedules = [], [], [], []
    for p in places:
        org_id = f"org-{p.organization_id}" if p.organization_id else "org-city"
        if org_id not in orgs:
            orgs[org_id] = {
                "id": org_id,
                "name": p.organization.name if p.organization else "昆山市人民政府",
                "description": p.organization.description if p.organization else "",
            }
        svc_id, loc_id = f"svc-{p.pk}", f"loc-{p.pk}"
        services.append({"id": svc_id, "organization_id": org_id, "name": p.get_kind_display(),
                         "status": "active" if p.status == "open" else "inactive",
                         "attributes": [{"taxonomy_term": a.code} for a in p.amenities.all()]})
        locations.append({
            "id": loc_id, "organization_id": org_id, "name": p.name, "location_type": "physical",
            "latitude": p.lat, "longitude": p.lon,
            "addresses": [{"address_1": p.address, "city": "昆山市", "region": p.get_town_display(),
                           "state_province": "江苏省", "country": "CN", "address_type": "physical"}],
            "phones": [{"number": p.phone}] if p.phone else [],
        })
        sal.append({"id": f"sal-{p.pk}", "service_id": svc_id, "location_id": loc_id})
        if p.is_24h:
            schedules.append({"id": f"sch-{p.pk}-24h", "service_at_location_id": f"sal-{p.pk}",
                              "freq": "WEEKLY", "byday": ",".join(_HSDS_DAYS),
                              "opens_at": "00:00", "closes_at": "24:00"})
        for h in p.opening_hours.all():
            schedules.append({"id": f"sch-{h.pk}", "service_at_location_id": f"sal-{p.pk}",
                              "freq": "WEEKLY", "byday": _HSDS_DAYS[h.weekday],
                              "opens_at": f"{h.opens:%H:%M}", "closes_at": f"{h.closes:%H:%M}"})
    return {"organizations": list(orgs.values()), "services": services, "locations": locations,
            "service_at_location": sal, "schedules": schedules}
