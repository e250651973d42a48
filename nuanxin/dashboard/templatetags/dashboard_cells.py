"""How a dashboard cell reads: money in yuan, "<5" as it is, nothing to measure as a dash."""

from django import template
from django.utils.translation import gettext as _

from nuanxin.core.money import format_yuan
from nuanxin.core.towns import Town

register = template.Library()


@register.filter
def cell(value, unit: str = "") -> str:
    if value is None:
        return "—"
    if isinstance(value, str):      # "<5"
        return value
    if unit == "fen":
        return format_yuan(value)
    if unit == "percent":
        return f"{value}%"
    if isinstance(value, int):
        return f"{value:,}"
    return str(value)


@register.filter
def target_percent(item: dict) -> int | None:
    """How far the headline is towards its target, in whole per cent (None when hidden)."""
    actual, target = item.get("actual"), item.get("target")
    if not target or not isinstance(actual, int | float):
        return None
    return round(100 * actual / target)


@register.filter
def town_name(code: str) -> str:
    return str(Town(code).label) if code in Town.values else _("All of Kunshan")


@register.filter
def bar_step(percent: int) -> int:
    """A bar's width in steps of 5 (0–100), drawn by the classes .w0 … .w100 in dashboard.css:
    a width in a style attribute would need 'unsafe-inline' in the Content-Security-Policy."""
    return min(100, max(0, 5 * round(percent / 5)))
