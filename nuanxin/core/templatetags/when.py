"""Dates in the reader's language: `{{ shift.start|day_time }}` → 11月30日 周一 09:00 in Chinese,
Mon 30 Nov 09:00 in English. The formats are translations (context "date format"), so a page
never hard-codes `n月j日` and English readers get English dates. Times are shown in the
site's zone (Asia/Shanghai), as Django's `date` filter does."""

from django import template
from django.utils.dateformat import format as date_format
from django.utils.timezone import is_aware, localtime
from django.utils.translation import pgettext

register = template.Library()


def _fmt(value, fmt: str) -> str:
    if value in (None, ""):
        return ""
    if hasattr(value, "hour") and is_aware(value):
        value = localtime(value)
    return date_format(value, fmt)


@register.filter
def day(value) -> str:
    """A day of the year: 11月30日 / 30 Nov."""
    return _fmt(value, pgettext("date format", "j M"))


@register.filter
def weekday(value) -> str:
    """A day with its weekday: 11月30日 周一 / Mon 30 Nov."""
    return _fmt(value, pgettext("date format", "D j M"))


@register.filter
def day_time(value) -> str:
    """A day, weekday and time: 11月30日 周一 09:00 / Mon 30 Nov 09:00."""
    return _fmt(value, pgettext("date format", "D j M H:i"))


@register.filter
def day_hm(value) -> str:
    """A day and time without the weekday: 11月30日 09:00 / 30 Nov 09:00."""
    return _fmt(value, pgettext("date format", "j M H:i"))


@register.filter
def month(value) -> str:
    """A month of a year: 2019年6月 / Jun 2019."""
    return _fmt(value, pgettext("date format", "M Y"))
