"""Opening hours in Asia/Shanghai: is a place open at a moment, and what are its hours on a day.

A day's intervals come from its dated exception when there is one, else from the weekly
schedule (or 00:00–24:00 for a 24-hour place). An interval whose closing time is not after
its opening time runs past midnight, so the previous day's intervals are checked too.
"""

import datetime
from dataclasses import dataclass

from django.utils.translation import gettext

from nuanxin.core.dates import local_tz

MIDNIGHT = datetime.time(0, 0)


@dataclass(frozen=True)
class Interval:
    opens: datetime.time
    closes: datetime.time

    @property
    def overnight(self) -> bool:
        return self.closes <= self.opens

    def label(self) -> str:
        if self.opens == MIDNIGHT and self.closes == MIDNIGHT:
            return "00:00–24:00"
        end = "24:00" if self.closes == MIDNIGHT else f"{self.closes:%H:%M}"
        if self.overnight and self.closes != MIDNIGHT:
            return gettext("%(opens)s–%(closes)s the next day") % {"opens": f"{self.opens:%H:%M}", "closes": end}
        return f"{self.opens:%H:%M}–{end}"


ALL_DAY = Interval(MIDNIGHT, MIDNIGHT)


@dataclass
class Schedule:
    """Everything needed to answer open/closed for one place, loaded once."""

    is_24h: bool
    weekly: dict[int, list[Interval]]            # weekday 0=Mon → intervals
    exceptions: dict[datetime.date, list[Interval]]  # date → intervals ([] = closed)

    def intervals_on(self, day: datetime.date) -> list[Interval]:
        if day in self.exceptions:
            return self.exceptions[day]
        if self.is_24h:
            return [ALL_DAY]
        return sorted(self.weekly.get(day.weekday(), []), key=lambda i: i.opens)

    def is_open_at(self, moment: datetime.datetime) -> bool:
        local = moment.astimezone(local_tz())
        naive = local.replace(tzinfo=None)
        today = naive.date()
        for day in (today - datetime.timedelta(days=1), today):
            for iv in self.intervals_on(day):
                start = datetime.datetime.combine(day, iv.opens)
                end_day = day + datetime.timedelta(days=1) if iv.overnight else day
                end = datetime.datetime.combine(end_day, iv.closes)
                if start <= naive < end:
                    return True
        return False

    def week_from(self, day: datetime.date) -> list[tuple[datetime.date, list[Interval]]]:
        return [(d, self.intervals_on(d)) for d in (day + datetime.timedelta(days=i) for i in range(7))]
