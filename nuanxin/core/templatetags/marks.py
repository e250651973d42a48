"""`{{ gig.title|data }}`: what people wrote or named (titles, names, addresses, notes) marked as
data with `translate="no"`, so translation tools and our English check leave it as written
(nuanxin/tests/test_english.py). Loaded in every template (settings TEMPLATES builtins)."""

from django import template
from django.utils.html import format_html

from nuanxin.core.masking import mask_ip

register = template.Library()


@register.filter(is_safe=True)
def data(value) -> str:
    if value in (None, ""):
        return ""
    return format_html('<span translate="no">{}</span>', value)


@register.filter
def masked_ip(value) -> str:
    """An address as a person may see it: 203.0.113.*."""
    return mask_ip(value)
