"""Periods the dashboard reports on: a year (2026), a month (2026-11) or an ISO week (2026-W48),
in Kunshan's local time; "year", "month" and "week" mean the current one."""

import datetime
import re
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _

from nuanxin.core.dates import local_tz
from nuanxin.core.errors import InvalidInput
from nuanxin.core.figures import Window

KINDS = ("week", "month", "year")
_PATTERNS = {
    "year": re.compile(r"^(\d{4})$"),
    "month": re.compile(r"^(\d{4})-(\d{2})$"),
    "week": re.compile(r"^(\d{4})-W(\d{2})$"),
}
FIRST_YEAR = 2022  # the first warm stations opened in 2022 (DOMAIN.md)
SERIES_LENGTH = 12


@dataclass(frozen=True)
class Period:
    kind: str                   # week | month | year
    key: str                    # 2026-W48 | 2026-11 | 2026
    first_day: datetime.date
    end_day: datetime.date      # the day after the last

    def window(self, now: datetime.datetime) -> Window:
        tz = local_tz()
        start = datetime.datetime.combine(self.first_day, datetime.time(), tz)
        end = datetime.datetime.combine(self.end_day, datetime.time(), tz)
        return Window(start=start, end=end, now=now)

    def is_current(self, today: datetime.date) -> bool:
        return self.first_day <= today < self.end_day

    def previous(self) -> "Period":
        return of_day(self.kind, self.first_day - datetime.timedelta(days=1))

    def series(self) -> list["Period"]:
        """This period and the ones before it, oldest first (a year: its months)."""
        if self.kind == "year":
            return [of_day("month", self.first_day.replace(month=m)) for m in range(1, 13)]
        out = [self]
        while len(out) < SERIES_LENGTH and out[-1].first_day.year > FIRST_YEAR:
            out.append(out[-1].previous())
        return out[::-1]


def of_day(kind: str, day: datetime.date) -> Period:
    if kind == "year":
        return Period("year", f"{day.year}", datetime.date(day.year, 1, 1), datetime.date(day.year + 1, 1, 1))
    if kind == "month":
        first = day.replace(day=1)
        end = (first + datetime.timedelta(days=32)).replace(day=1)
        return Period("month", f"{day:%Y-%m}", first, end)
    year, week, _weekday = day.isocalendar()
    first = datetime.date.fromisocalendar(year, week, 1)
    return Period("week", f"{year}-W{week:02d}", first, first + datetime.timedelta(days=7))


def today() -> datetime.date:
    return timezone.localtime(timezone.now(), local_tz()).date()


def parse(value: str | None, *, default: str = "month") -> Period:
    """A period from the query string; anything else is a clear error, never a guess."""
    value = (value or default).strip()
    if value in KINDS:
        return of_day(value, today())
    try:
        if m := _PATTERNS["year"].match(value):
            period = of_day("year", datetime.date(int(m[1]), 1, 1))
        elif m := _PATTERNS["month"].match(value):
            period = of_day("month", datetime.date(int(m[1]), int(m[2]), 1))
        elif m := _PATTERNS["week"].match(value):
            period = of_day("week", datetime.date.fromisocalendar(int(m[1]), int(m[2]), 1))
        else:
            period = None
    except ValueError:
        period = None
    # Nothing has happened yet in a period that starts after today.
    if period is None or not (FIRST_YEAR <= period.first_day.year and period.first_day <= today()):
        raise InvalidInput(fields={"period": _(
            "A period is this week, month or year, or one written as 2026, 2026-11 or 2026-W48, from "
            "%(first)s to today.") % {"first": FIRST_YEAR}})
    return period
