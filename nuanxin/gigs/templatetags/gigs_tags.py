from django import template
from django.utils.translation import gettext_lazy as _

from nuanxin.core.templatetags.money import yuan

register = template.Library()

# Looked up when shown, so the reader's language applies (not the language at import).
_PER_UNIT = {
    "hour": _("%(yuan)s/hour"),
    "day": _("%(yuan)s/day"),
    "piece": _("%(yuan)s/piece"),
    "job": _("%(yuan)s/job"),
}


register.filter("yuan", yuan)


@register.filter
def pay(gig) -> str:
    per = _PER_UNIT.get(gig.pay_unit)
    return str(per) % {"yuan": yuan(gig.pay_fen)} if per else yuan(gig.pay_fen)


@register.filter
def hours(minutes) -> str:
    if minutes is None:
        return ""
    return f"{minutes / 60:.1f}".rstrip("0").rstrip(".")
