from django import template
from django.utils.translation import gettext as _

register = template.Library()

_UNITS = {"hour": "小时", "day": "天", "piece": "单", "job": "次"}


@register.filter
def yuan(fen) -> str:
    """3000 → '30', 3050 → '30.5': money in yuan, as people say it."""
    if fen is None:
        return ""
    return f"{fen / 100:.2f}".rstrip("0").rstrip(".")


@register.filter
def pay(gig) -> str:
    unit = _UNITS.get(gig.pay_unit, gig.pay_unit)
    return _("%(yuan)s yuan / %(unit)s") % {"yuan": yuan(gig.pay_fen), "unit": unit}


@register.filter
def hours(minutes) -> str:
    if minutes is None:
        return ""
    return f"{minutes / 60:.1f}".rstrip("0").rstrip(".")
