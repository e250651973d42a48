"""Read queries for service points: the nearest-place search and what a page or export needs."""

import datetime
import hashlib
import math
from collections import defaultdict
from dataclasses import dataclass, field

from django.core.cache import cache
from django.db.models import Count, QuerySet
from django.db.models.functions import ExtractHour
from django.utils import timezone

from nuanxin.core import figures, geo
from nuanxin.core.dates import local_tz
from nuanxin.core.text import query_terms
from nuanxin.places.choices import PlaceKind, PlaceStatus
from nuanxin.places.hours import Interval, Schedule
from nuanxin.places.models import OpeningHours, Place, ScheduleException, Visit

# Exceptions that matter for open-now and the week shown: from yesterday (its night hours
# reach into today) to a week ahead.
_EXCEPTIONS_BACK, _EXCEPTIONS_AHEAD = 1, 7


@dataclass
class PlaceHit:
    place: Place
    distance_m: float | None
    schedule: Schedule
    open_now: bool
    amenities: list[str] = field(default_factory=list)


def places_filtered(
    *, kind: str | None = None, amenities: list[str] | None = None, q: str | None = None,
    statuses: tuple[str, ...] = (PlaceStatus.OPEN,), town: str | None = None,
) -> QuerySet:
    qs = Place.objects.filter(status__in=statuses)
    if kind:
        qs = qs.filter(kind=kind)
    if town:
        qs = qs.filter(town=town)
    for code in dict.fromkeys(amenities or []):
        qs = qs.filter(amenities__code=code)  # one join per amenity: all must match
    if q:
        for term in query_terms(q):
            # Documents are " tok tok ", so " term" matches a token that starts with term.
            qs = qs.filter(search_doc__contains=" " + term)
    return qs


# --- schedules and amenities, loaded in bulk (a few queries, whatever the number of places) --


def _schedules(ids_or_qs, is_24h: dict[int, bool], today: datetime.date) -> dict[int, Schedule]:
    weekly: dict[int, dict[int, list[Interval]]] = defaultdict(dict)
    for pk, weekday, opens, closes in OpeningHours.objects.filter(place_id__in=ids_or_qs).values_list(
        "place_id", "weekday", "opens", "closes"
    ):
        weekly[pk].setdefault(weekday, []).append(Interval(opens, closes))
    exceptions: dict[int, dict[datetime.date, list[Interval]]] = defaultdict(dict)
    for pk, day, closed, opens, closes in ScheduleException.objects.filter(
        place_id__in=ids_or_qs,
        date__gte=today - datetime.timedelta(days=_EXCEPTIONS_BACK),
        date__lte=today + datetime.timedelta(days=_EXCEPTIONS_AHEAD),
    ).values_list("place_id", "date", "closed", "opens", "closes"):
        exceptions[pk][day] = [] if closed else [Interval(opens, closes)]
    return {pk: Schedule(flag, weekly.get(pk, {}), exceptions.get(pk, {})) for pk, flag in is_24h.items()}


def _amenity_codes(ids) -> dict[int, list[str]]:
    out: dict[int, list[str]] = defaultdict(list)
    rows = (Place.amenities.through.objects.filter(place_id__in=ids)
            .order_by("amenity_id").values_list("place_id", "amenity__code"))
    for pk, code in rows:
        out[pk].append(code)
    return out


def _hits(rows: list[tuple[Place, float | None]], now: datetime.datetime) -> list[PlaceHit]:
    today = now.astimezone(local_tz()).date()
    ids = [p.pk for p, _d in rows]
    schedules = _schedules(ids, {p.pk: p.is_24h for p, _d in rows}, today)
    amenities = _amenity_codes(ids)
    return [
        PlaceHit(p, d, schedules[p.pk],
                 p.status == PlaceStatus.OPEN and schedules[p.pk].is_open_at(now), amenities.get(p.pk, []))
        for p, d in rows
    ]


# --- distance -----------------------------------------------------------------------------


def _by_distance(qs: QuerySet, lat: float, lon: float, radius_m: float | None) -> list[tuple[int, float]]:
    """(id, metres) of every row within radius_m, nearest first; H3 cells and a bounding box
    narrow the candidates, exact haversine decides and orders (ties by id: a total order)."""
    return [(pk, d) for d, pk in geo.within_radius(qs, lat, lon, radius_m)]


# Below this many candidates one scan is cheaper than widening circles.
_SCAN_BELOW = 300
# The area the places spread over, to guess a first radius from their number (Kunshan: 931 km²).
_CITY_AREA_M2 = 1.0e9


def _nearest(qs: QuerySet, lat: float, lon: float, want: int, total: int) -> list[tuple[int, float]]:
    """The `want` nearest of `total` rows with no radius given.

    Few rows: one scan. Many: a circle sized to hold about `want` rows at the city's mean
    density, widened fourfold until it holds enough. Exact either way, because every row
    outside a circle is farther than every row inside it."""
    if total <= _SCAN_BELOW:
        return _by_distance(qs, lat, lon, None)[:want]
    radius = max(200.0, math.sqrt(want * _CITY_AREA_M2 / (math.pi * total)))
    while radius <= 128_000.0:
        hits = _by_distance(qs, lat, lon, radius)
        if len(hits) >= want:
            return hits[:want]
        radius *= 4
    return _by_distance(qs, lat, lon, None)[:want]


# Totals per filter set are cached briefly: a COUNT over every place costs milliseconds at
# city scale and does not depend on where the worker stands. Saving a place bumps the
# version (signals.py), so a change shows at once in this process and, with Redis, in all;
# without Redis other server processes may show the old total for up to COUNT_TTL seconds.
COUNT_TTL = 30
VERSION_KEY = "places:version"


def _cached_count(qs: QuerySet, key_parts: tuple) -> int:
    version = cache.get_or_set(VERSION_KEY, 1, timeout=None)
    # A stable digest, not hash(): str hashes differ between server processes sharing Redis.
    key = f"places:count:{version}:{hashlib.sha256(repr(key_parts).encode()).hexdigest()[:16]}"
    count = cache.get(key)
    if count is None:
        count = qs.count()
        cache.set(key, count, COUNT_TTL)
    return count


def places_changed() -> None:
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, 1, timeout=None)


# --- the public list ------------------------------------------------------------------------


def places_search(
    *, near: tuple[float, float] | None = None, radius_m: float | None = None,
    kind: str | None = None, amenities: list[str] | None = None, open_now: bool = False,
    q: str | None = None, town: str | None = None, limit: int = 20, offset: int = 0,
    now: datetime.datetime | None = None,
) -> tuple[list[PlaceHit], int]:
    """The public place list (API.md GET /places): (hits on this page, total count).

    With `near`, nearest first; otherwise by town and name."""
    now = now or timezone.now()
    qs = places_filtered(kind=kind, amenities=amenities, q=q, town=town)

    if open_now:
        # Opening hours are not a column, so open-now is decided in Python for every
        # candidate (within the radius when one is given), from rows loaded in bulk.
        if near:
            ranked = _by_distance(qs, *near, radius_m)
            candidates = [pk for pk, _d in ranked]
            flags = dict(Place.objects.filter(pk__in=candidates).values_list("pk", "is_24h"))
            schedules = _schedules(candidates, flags, now.astimezone(local_tz()).date())
        else:
            flags = dict(qs.order_by("town", "name", "id").values_list("pk", "is_24h"))
            schedules = _schedules(qs.values("pk"), flags, now.astimezone(local_tz()).date())
            ranked = [(pk, None) for pk in flags]
        ranked = [(pk, d) for pk, d in ranked if schedules[pk].is_open_at(now)]
        count = len(ranked)
        page = ranked[offset : offset + limit]
    elif near:
        if radius_m is None:
            count = _cached_count(qs, (kind, tuple(sorted(set(amenities or []))), q, town))
            page = _nearest(qs, *near, offset + limit, count)[offset:]
        else:
            ranked = _by_distance(qs, *near, radius_m)
            count = len(ranked)
            page = ranked[offset : offset + limit]
    else:
        count = qs.count()
        page = [(pk, None) for pk in qs.order_by("town", "name", "id").values_list("pk", flat=True)
                [offset : offset + limit]]
    # The search document and the description are the widest columns and no list shows them.
    by_id = Place.objects.defer("search_doc", "description").in_bulk([pk for pk, _d in page])
    return _hits([(by_id[pk], d) for pk, d in page], now), count


def place_detail(place_id: int, *, now: datetime.datetime | None = None) -> PlaceHit | None:
    """One place that the public may see (open or planned; closed places are gone)."""
    now = now or timezone.now()
    place = (Place.objects.exclude(status=PlaceStatus.CLOSED).select_related("organization")
             .filter(pk=place_id).first())
    if place is None:
        return None
    return _hits([(place, None)], now)[0]


def places_managed_by(user) -> QuerySet:
    return Place.objects.filter(managers=user) if user.is_authenticated else Place.objects.none()


def places_for_export() -> QuerySet:
    return (Place.objects.exclude(status=PlaceStatus.CLOSED).select_related("organization")
            .prefetch_related("amenities", "opening_hours").order_by("id"))


def place_exists(place_id: int) -> bool:
    return Place.objects.filter(pk=place_id).exists()


def is_manager_of(place: Place, user) -> bool:
    """Whether the user keeps this place's details (its managers); False when signed out."""
    return user.is_authenticated and place.managers.filter(pk=user.pk).exists()


def place_managed_by(user, place_id: int) -> Place | None:
    return places_managed_by(user).filter(pk=place_id).first()


def place_by_id(place_id: int) -> Place | None:
    return Place.objects.filter(pk=place_id).first()


def measure_counts(window: figures.Window) -> dict[str, figures.Counted]:
    """The city's dashboard: stations open at the end of the window (no earlier opening date
    recorded counts as open throughout) and person-times at stations in it."""
    open_at_end = Place.objects.filter(status=PlaceStatus.OPEN).exclude(opened_on__gt=window.last_day)
    visits = Visit.objects.filter(at__gte=window.start, at__lt=window.until)
    return {
        "warm_stations": figures.by_town(open_at_end.filter(kind=PlaceKind.WARM_STATION), "town"),
        "employment_stations": figures.by_town(open_at_end.filter(kind=PlaceKind.EMPLOYMENT_STATION), "town"),
        "station_visits": figures.by_town(visits, "place__town"),
    }


def visits_by_hour(window: figures.Window, *, by: str = "town", place_ids: list[int] | None = None,
                   ) -> dict[tuple[str | int, int], int]:
    """Person-times at stations by (town, local hour 0–23), the dashboard's heat table; or by
    (place id, hour) for one manager's places (`by="place"`, `place_ids`)."""
    qs = Visit.objects.filter(at__gte=window.start, at__lt=window.until)
    if place_ids is not None:
        qs = qs.filter(place_id__in=place_ids)
    key = "place__town" if by == "town" else "place_id"
    rows = (qs.annotate(hour=ExtractHour("at", tzinfo=local_tz())).order_by()
            .values(key, "hour").annotate(n=Count("pk")))
    return {(row[key], row["hour"]): row["n"] for row in rows}
