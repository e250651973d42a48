from django import template

from nuanxin.core.templatetags.money import yuan

register = template.Library()

_UNITS = {"hour": "小时", "day": "天", "piece": "单", "job": "次"}


register.filter("yuan", yuan)


@register.filter
def pay(gig) -> str:
    unit = _UNITS.get(gig.pay_unit, gig.pay_unit)
    return f"{yuan(gig.pay_fen)}/{unit}"


@register.filter
def hours(minutes) -> str:
    if minutes is None:
        return ""
    return f"{minutes / 60:.1f}".rstrip("0").rstrip(".")
