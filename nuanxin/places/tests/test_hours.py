"""open_now across midnight, on exception dates and for 24-hour places, in Asia/Shanghai
whatever zone the server runs in."""

import datetime
import os
import time
import zoneinfo

import pytest

from nuanxin.places import selectors
from nuanxin.places.hours import Interval, Schedule
from nuanxin.places.models import ScheduleException

SH = zoneinfo.ZoneInfo("Asia/Shanghai")
T = datetime.time.fromisoformat


def at(s: str) -> datetime.datetime:
    """A moment given in Shanghai wall-clock time; 2026-11-30 is a Monday."""
    return datetime.datetime.fromisoformat(s).replace(tzinfo=SH)


NIGHT = Schedule(False, {d: [Interval(T("18:00"), T("02:00"))] for d in range(7)}, {})


@pytest.mark.parametrize("moment,expected", [
    ("2026-11-30 17:59", False), ("2026-11-30 18:00", True), ("2026-11-30 23:59", True),
    ("2026-12-01 00:00", True), ("2026-12-01 01:59", True), ("2026-12-01 02:00", False),
    ("2026-12-01 12:00", False),
])
def test_overnight_hours(moment, expected):
    assert NIGHT.is_open_at(at(moment)) is expected


def test_sunday_night_runs_into_monday_morning():
    only_sunday = Schedule(False, {6: [Interval(T("20:00"), T("03:00"))]}, {})
    assert only_sunday.is_open_at(at("2026-11-30 02:30"))      # Monday 02:30, from Sunday
    assert not only_sunday.is_open_at(at("2026-11-30 20:30"))  # Monday evening: closed


def test_closing_at_midnight_means_end_of_day():
    s = Schedule(False, {0: [Interval(T("08:00"), T("00:00"))]}, {})
    assert s.is_open_at(at("2026-11-30 23:59"))
    assert not s.is_open_at(at("2026-12-01 00:00"))
    assert s.intervals_on(datetime.date(2026, 11, 30))[0].label() == "08:00–24:00"


def test_exception_dates_replace_the_weekly_hours():
    day = datetime.date(2027, 1, 1)
    s = Schedule(False, {d: [Interval(T("08:00"), T("20:00"))] for d in range(7)},
                 {day: [], datetime.date(2026, 12, 31): [Interval(T("08:00"), T("23:00"))]})
    assert not s.is_open_at(at("2027-01-01 12:00"))  # holiday closure
    assert s.is_open_at(at("2026-12-31 22:30"))      # extended evening
    assert s.is_open_at(at("2027-01-02 12:00"))


def test_overnight_hours_from_a_closed_exception_day_do_not_spill():
    s = Schedule(False, {d: [Interval(T("18:00"), T("02:00"))] for d in range(7)},
                 {datetime.date(2026, 11, 30): []})
    assert not s.is_open_at(at("2026-12-01 01:00"))  # Monday was closed, so nothing from it
    assert s.is_open_at(at("2026-12-01 19:00"))


def test_24_hour_places_and_their_closures():
    s = Schedule(True, {}, {datetime.date(2026, 12, 24): []})
    assert s.is_open_at(at("2026-11-30 03:00"))
    assert s.is_open_at(at("2026-12-23 23:59"))
    assert not s.is_open_at(at("2026-12-24 10:00"))


@pytest.fixture
def server_in_new_york(settings):
    """The process clock and Django's zone both elsewhere: answers must not move."""
    old = os.environ.get("TZ")
    os.environ["TZ"] = "America/New_York"
    time.tzset()
    settings.TIME_ZONE = "America/New_York"
    yield
    if old is None:
        del os.environ["TZ"]
    else:
        os.environ["TZ"] = old
    time.tzset()


def test_open_now_in_the_database_is_shanghai_time(server_in_new_york, make_place):
    night = make_place(hours=[(d, "18:00", "02:00") for d in range(7)], name="夜间驿站")
    always = make_place(is_24h=True, name="全天驿站")
    holiday = make_place(is_24h=True, name="节日关门")
    ScheduleException.objects.create(place=holiday, date=datetime.date(2026, 12, 1), closed=True)
    # 01:00 on Tuesday 1 Dec in Shanghai is 12:00 on Monday 30 Nov in New York.
    now = at("2026-12-01 01:00").astimezone(zoneinfo.ZoneInfo("America/New_York"))
    hits, count = selectors.places_search(open_now=True, now=now)
    assert {h.place.pk for h in hits} == {night.pk, always.pk}
    assert count == 2
    noon = at("2026-12-01 12:00")
    hits, _ = selectors.places_search(open_now=True, now=noon)
    assert {h.place.pk for h in hits} == {always.pk}
