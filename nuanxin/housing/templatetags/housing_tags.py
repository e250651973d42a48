"""For the housing panel on a place's page: the places app knows nothing of beds, it only
includes the parts registered for "place_panels" (core/nav.py)."""

from django import template

from nuanxin.housing import selectors, services

register = template.Library()


@register.simple_tag
def residence_at(place):
    """The residence at this place with its beds free tonight, or None."""
    if getattr(place, "kind", None) != "residence":
        return None
    return selectors.residence_row_at_place(place.pk, services.today())
