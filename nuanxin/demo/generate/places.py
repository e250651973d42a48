"""Generated station visits: workers checking in at open warm stations, mostly in their own
town, at the lunch rush (11–14 h) and in the evening (17–22 h), more on weekdays, and only
while the station is open (its weekly hours, 24-hour stations, closed days, opening date)."""

from __future__ import annotations

import datetime

from django.db import transaction

from nuanxin.demo.generate.base import VISIT_HOURS, Context, Workers, weighted
from nuanxin.places.models import OpeningHours, Place, ScheduleException, Visit


def _open_hours(place: Place, hours: list[OpeningHours]) -> list[set[int]]:
    """For each weekday, the local hours (0–23) the place is open from start to end. An
    interval that closes at or before it opens runs past midnight into the next day."""
    out: list[set[int]] = [set() for _ in range(7)]
    if place.is_24h:
        return [set(range(24)) for _ in range(7)]
    for h in hours:
        opens = h.opens.hour + (h.opens.minute > 0)
        closes = h.closes.hour
        if closes > opens:
            out[h.weekday].update(range(opens, closes))
        else:
            out[h.weekday].update(range(opens, 24))
            out[(h.weekday + 1) % 7].update(range(0, closes))
    return out


class _Open:
    """The stations open at an hour of a day, in a town or anywhere: worked out once per
    weekday, hour and town, then checked against the day (closed days, not yet opened)."""

    def __init__(self, stations: list[Place], open_at: dict[int, list[set[int]]], closed: set):
        self.stations, self.open_at, self.closed = stations, open_at, closed
        # Stations whose days differ: a closed date, or an opening date.
        self.uneven = {pk for pk, _day in closed} | {s.pk for s in stations if s.opened_on is not None}
        self.memo: dict[tuple[int, int, str | None], tuple[list[Place], bool]] = {}

    def at(self, day: datetime.date, hour: int, town: str | None) -> list[Place]:
        key = (day.weekday(), hour, town)
        if key not in self.memo:
            here = [s for s in self.stations if hour in self.open_at[s.pk][key[0]] and (town is None or s.town == town)]
            self.memo[key] = here, any(s.pk in self.uneven for s in here)
        here, uneven = self.memo[key]
        if uneven:
            here = [s for s in here if (s.pk, day) not in self.closed and (s.opened_on is None or s.opened_on <= day)]
        return here


def make_visits(ctx: Context, workers: Workers) -> None:
    rng = ctx.rng("visits")
    stations = list(Place.objects.filter(kind="warm_station", status="open").order_by("pk"))
    if not stations:
        return
    hours_of: dict[int, list[OpeningHours]] = {}
    for h in OpeningHours.objects.filter(place__in=stations).order_by("pk"):
        hours_of.setdefault(h.place_id, []).append(h)
    closed = set(ScheduleException.objects.filter(place__in=stations, closed=True).values_list("place_id", "date"))
    open_at = {s.pk: _open_hours(s, hours_of.get(s.pk, [])) for s in stations}
    hour_of = weighted(rng, dict(enumerate(VISIT_HOURS)))
    days = ctx.dates()
    bar = ctx.bar("station visits", len(days))
    rows: list[Visit] = []
    open_now = _Open(stations, open_at, closed)
    for day in days:
        for _i in range(ctx.count(rng, ctx.expected("visits", day, workers))):
            hour = hour_of()
            at = ctx.at(day, hour, rng.randrange(60)) + datetime.timedelta(seconds=rng.randrange(60))
            if not ctx.inside(at):
                continue
            w = workers.pick(rng, at)
            if w is None:
                continue
            # Near home most of the time; a courier's round passes other towns' stations too.
            town = workers.town[w] if rng.random() < 0.8 else rng.choice(stations).town
            here = open_now.at(day, hour, town) or open_now.at(day, hour, None)
            if here:
                rows.append(Visit(place_id=rng.choice(here).pk, user_id=workers.ids[w], at=at))
        if len(rows) >= ctx.batch:
            with transaction.atomic():
                ctx.insert(Visit, rows)
            rows = []
        bar.update(1)
    with transaction.atomic():
        ctx.insert(Visit, rows)
    bar.close()
