"""Dates in the reader's language: 11月30日 周一 09:00 in Chinese, Mon 30 Nov 09:00 in English.

The formats are translations (context "date format"), so no page or message hard-codes
`n月j日`. Times are shown in the site's zone (Asia/Shanghai). Pages use them as filters
(core/templatetags/when.py); services use them for the texts they send.
"""

import zoneinfo

from django.conf import settings
from django.utils.dateformat import format as date_format
from django.utils.timezone import is_aware, localtime
from django.utils.translation import pgettext


def local_tz() -> zoneinfo.ZoneInfo:
    """The city's zone, settings.NUANXIN_LOCAL_TIME_ZONE (Asia/Shanghai, set from TIME_ZONE):
    where a local day starts and ends for opening hours, shift dates, slot plans and midnight
    deadlines. A server whose TIME_ZONE or clock is elsewhere gives the same answers
    (places/tests/test_hours.py). ZoneInfo keeps one instance per name, so this is cheap."""
    return zoneinfo.ZoneInfo(settings.NUANXIN_LOCAL_TIME_ZONE)


def _fmt(value, fmt: str) -> str:
    if value in (None, ""):
        return ""
    if hasattr(value, "hour") and is_aware(value):
        value = localtime(value)
    return date_format(value, fmt)


def day(value) -> str:
    """A day of the year: 11月30日 / 30 Nov."""
    return _fmt(value, pgettext("date format", "j M"))


def full_day(value) -> str:
    """A day with its year, for dates that may be months away: 2027年11月16日 / 16 Nov 2027."""
    return _fmt(value, pgettext("date format", "j M Y"))


def weekday(value) -> str:
    """A day with its weekday: 11月30日 周一 / Mon 30 Nov."""
    return _fmt(value, pgettext("date format", "D j M"))


def day_time(value) -> str:
    """A day, weekday and time: 11月30日 周一 09:00 / Mon 30 Nov 09:00."""
    return _fmt(value, pgettext("date format", "D j M H:i"))


def day_hm(value) -> str:
    """A day and time without the weekday: 11月30日 09:00 / 30 Nov 09:00."""
    return _fmt(value, pgettext("date format", "j M H:i"))


def month(value) -> str:
    """A month of a year: 2019年6月 / Jun 2019."""
    return _fmt(value, pgettext("date format", "M Y"))
