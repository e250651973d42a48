from django import template
from django.utils.translation import pgettext_lazy

from nuanxin.core.templatetags.money import yuan

register = template.Library()

_UNITS = {"hour": pgettext_lazy("pay per", "hour"), "day": pgettext_lazy("pay per", "day"),
          "piece": pgettext_lazy("pay per", "piece"), "job": pgettext_lazy("pay per", "job")}


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
