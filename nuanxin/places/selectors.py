"""Read queries for service points: the nearest-place search and what a page or export needs."""

import datetime
from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from nuanxin.core import geo
from nuanxin.core.text import query_terms
from nuanxin.places.choices import PlaceStatus
from nuanxin.places.hours import SHANGHAI, Schedule
from nuanxin.places.models import Place, ScheduleException


@dataclass
class PlaceHit:
    place: Place
    distance_m: float | None
    schedule: Schedule
    open_now: bool


def _with_schedule(qs: QuerySet, around: datetime.date) -> QuerySet:
    """Prefetch what Schedule needs: weekly hours, and exceptions from yesterday on."""
    return qs.prefetch_related(
        "amenities",
        "opening_hours",
        Prefetch(
            "schedule_exceptions",
            queryset=ScheduleException.objects.filter(date__gte=around - datetime.timedelta(days=1)),
        ),
    )


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


def _by_distance(qs: QuerySet, lat: float, lon: float, radius_m: float | None) -> list[tuple[int, float]]:
    """(id, metres) of every row within radius_m, nearest first; H3 + a bounding box narrow the
    candidates, exact haversine decides and orders (ties by id, so the order is total)."""
    if radius_m is not None:
        cover = geo.cover_circle(lat, lon, radius_m)
        if cover is not None:
            res, cells = cover
            qs = qs.filter(**{f"h3_r{res}__in": cells})
        min_lat, max_lat, min_lon, max_lon = geo.bounding_box(lat, lon, radius_m)
        qs = qs.filter(lat__gte=min_lat, lat__lte=max_lat, lon__gte=min_lon, lon__lte=max_lon)
    hits = []
    for pk, plat, plon in qs.values_list("id", "lat", "lon"):
        d = geo.haversine_m(lat, lon, plat, plon)
        if radius_m is None or d <= radius_m:
            hits.append((pk, d))
    hits.sort(key=lambda h: (h[1], h[0]))
    return hits


def _nearest(qs: QuerySet, lat: float, lon: float, want: int) -> list[tuple[int, float]]:
    """The `want` nearest rows with no radius given: widen the circle until it holds enough.

    Exact, because every row outside a circle is farther than every row inside it."""
    radius = 2_000.0
    while radius <= 64_000.0:
        hits = _by_distance(qs, lat, lon, radius)
        if len(hits) >= want:
            return hits[:want]
        radius *= 2
    return _by_distance(qs, lat, lon, None)[:want]


def places_search(
    *, near: tuple[float, float] | None = None, radius_m: float | None = None,
    kind: str | None = None, amenities: list[str] | None = None, open_now: bool = False,
    q: str | None = None, town: str | None = None, limit: int = 20, offset: int = 0,
    now: datetime.datetime | None = None,
) -> tuple[list[PlaceHit], int]:
    """The public place list (API.md GET /places): (hits on this page, total count)."""
    now = now or timezone.now()
    today = now.astimezone(SHANGHAI).date()
    qs = places_filtered(kind=kind, amenities=amenities, q=q, town=town)

    if open_now:
        # Opening hours are not a column, so open_now is decided per candidate in Python.
        candidates = {p.pk: p for p in _with_schedule(qs, today)}
        schedules = {pk: Schedule.of(p) for pk, p in candidates.items()}
        open_ids = {pk for pk, s in schedules.items() if s.is_open_at(now)}
        if near:
            ranked = [(pk, d) for pk, d in _by_distance(qs, *near, radius_m) if pk in open_ids]
        else:
            ranked = [(pk, None) for pk in sorted(open_ids, key=lambda pk: _plain_order(candidates[pk]))]
        page = ranked[offset : offset + limit]
        hits = [PlaceHit(candidates[pk], d, schedules[pk], True) for pk, d in page]
        return hits, len(ranked)

    if near:
        if radius_m is None:
            count = qs.count()
            ranked = _nearest(qs, *near, offset + limit)
        else:
            ranked = _by_distance(qs, *near, radius_m)
            count = len(ranked)
        page = ranked[offset : offset + limit]
        by_id = _with_schedule(Place.objects.filter(pk__in=[pk for pk, _ in page]), today).in_bulk()
        rows = [(by_id[pk], d) for pk, d in page]
    else:
        count = qs.count()
        rows = [(p, None) for p in _with_schedule(qs.order_by("town", "name", "id"), today)[offset : offset + limit]]
    hits = []
    for place, d in rows:
        schedule = Schedule.of(place)
        hits.append(PlaceHit(place, d, schedule, schedule.is_open_at(now)))
    return hits, count


def _plain_order(place: Place):
    return (place.town, place.name, place.pk)


def place_detail(place_id: int, *, now: datetime.datetime | None = None) -> PlaceHit | None:
    """One place that the public may see (open or planned; closed places are gone)."""
    now = now or timezone.now()
    today = now.astimezone(SHANGHAI).date()
    place = (
        _with_schedule(Place.objects.exclude(status=PlaceStatus.CLOSED), today)
        .select_related("organization")
        .filter(pk=place_id)
        .first()
    )
    if place is None:
        return None
    schedule = Schedule.of(place)
    return PlaceHit(place, None, schedule, schedule.is_open_at(now) and place.status == PlaceStatus.OPEN)


def places_managed_by(user) -> QuerySet:
    return Place.objects.filter(managers=user) if user.is_authenticated else Place.objects.none()


def places_for_export() -> QuerySet:
    today = timezone.localdate()
    return _with_schedule(
        Place.objects.exclude(status=PlaceStatus.CLOSED).select_related("organization"), today
    ).order_by("id")
