"""Counts by town, the one shape every app's measure selector returns to the city's dashboard.

Each app answers "how many, and where" from its own rows (`<app>.selectors.measure_counts`);
the dashboard reads those answers and never the apps' tables. A `Counted` is a city total
and the same total split by town. Records with no town (a help request filed without one)
count in the total but in no town, so the towns may add up to less than the total.
"""

import datetime
import statistics
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Count, QuerySet

from nuanxin.core.dates import local_tz


@dataclass(frozen=True)
class Counted:
    total: int
    by_town: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class Window:
    """A period as instants [start, end) and as local days [first_day, end_day); `now` is when
    the question is asked: "as of" figures (stations open, beds full tonight) read at
    min(end, now), and nothing later than now is counted as done."""

    start: datetime.datetime
    end: datetime.datetime
    now: datetime.datetime

    @property
    def until(self) -> datetime.datetime:
        return min(self.end, self.now)

    @property
    def first_day(self) -> datetime.date:
        return self.start.astimezone(local_tz()).date()

    @property
    def last_day(self) -> datetime.date:
        """The local day of the window's last instant (up to now)."""
        return (self.until - datetime.timedelta(microseconds=1)).astimezone(local_tz()).date()


def by_town(qs: QuerySet, town_field: str, value=None) -> Counted:
    """One grouped query: `value` (default: how many rows) per value of `town_field`."""
    rows = qs.order_by().values(town_field).annotate(n=value if value is not None else Count("pk"))
    towns: dict[str, int] = {}
    total = 0
    for row in rows:
        n = int(row["n"] or 0)
        total += n
        if row[town_field] and n:
            towns[row[town_field]] = towns.get(row[town_field], 0) + n
    return Counted(total, towns)


def distinct_by_town(qs: QuerySet, town_field: str, person_field: str) -> Counted:
    """People (not records) per town and in the city: someone seen in two towns counts once
    in the city, and once in each town."""
    per_town = by_town(qs, town_field, Count(person_field, distinct=True)).by_town
    total = qs.order_by().aggregate(n=Count(person_field, distinct=True))["n"] or 0
    return Counted(total, per_town)


def median_by_town(pairs: Iterable[tuple[str, float]]) -> Counted:
    """The median of (town, value) pairs, whole numbers, per town and over all."""
    values: list[float] = []
    towns: dict[str, list[float]] = {}
    for town, value in pairs:
        values.append(value)
        if town:
            towns.setdefault(town, []).append(value)
    if not values:
        return Counted(0, {})
    return Counted(round(statistics.median(values)),
                   {t: round(statistics.median(v)) for t, v in towns.items()})
