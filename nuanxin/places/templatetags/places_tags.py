from django import template
from django.utils.translation import gettext as _

register = template.Library()


@register.filter
def distance(metres) -> str:
    """Plain words: '约 350 米' under a kilometre, '约 2.4 公里' beyond."""
    if metres is None:
        return ""
    metres = round(metres)
    if metres < 1000:
        return _("about %(n)d m") % {"n": metres}
    return _("about %(n).1f km") % {"n": metres / 1000}
