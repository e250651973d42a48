"""Dates, pay units and opening hours read in the reader's language (issue 11, item 9)."""

import datetime

import pytest
from django.utils import translation

from nuanxin.core.dates import day, day_hm, day_time, local_tz, month, weekday
from nuanxin.places.hours import Interval

MONDAY_9 = datetime.datetime(2026, 11, 30, 1, 0, tzinfo=datetime.UTC)  # 09:00 in Kunshan


@pytest.mark.parametrize("lang, expected", [
    ("zh-hans", ["11月30日", "11月30日 周一", "11月30日 周一 09:00", "11月30日 09:00", "2026年11月"]),
    ("en", ["30 Nov", "Mon 30 Nov", "Mon 30 Nov 09:00", "30 Nov 09:00", "Nov 2026"]),
])
def test_dates_follow_the_language_and_the_kunshan_clock(lang, expected):
    with translation.override(lang):
        assert [day(MONDAY_9), weekday(MONDAY_9), day_time(MONDAY_9), day_hm(MONDAY_9),
                month(MONDAY_9.astimezone(local_tz()).date())] == expected
    assert day(None) == ""


def test_overnight_hours_say_next_day_in_each_language():
    late = Interval(datetime.time(22, 0), datetime.time(6, 0))
    with translation.override("zh-hans"):
        assert late.label() == "22:00–次日06:00"
    with translation.override("en"):
        assert late.label() == "22:00–06:00 the next day"


def test_pay_units_are_translated_when_shown():
    from types import SimpleNamespace

    from nuanxin.gigs.templatetags.gigs_tags import pay

    gig = SimpleNamespace(pay_fen=2500, pay_unit="hour")
    with translation.override("zh-hans"):
        assert pay(gig) == "¥25.00/小时"
    with translation.override("en"):
        assert pay(gig) == "¥25.00/hour"
