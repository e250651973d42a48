"""`{{ shift.start|day_time }}` and friends: the dates of core/dates.py as template filters."""

from django import template

from nuanxin.core import dates

register = template.Library()

for _name in ("day", "weekday", "day_time", "day_hm", "month"):
    register.filter(_name, getattr(dates, _name))
