"""The map's settings as data attributes for core/static/nuanxin/map.js (no inline script)."""

from django import template
from django.conf import settings
from django.utils.html import format_html
from django.utils.translation import gettext as _

register = template.Library()


@register.simple_tag
def map_attrs(mode: str = "list") -> str:
    """Tiles, their datum and the words map.js shows, on the map's container element.
    mode: "list" for a map over a list of pins, "pick" for the map an employer taps."""
    no_tiles = (
        _("The map pictures cannot load right now. You can still tap it to place a pin, or choose a landmark.")
        if mode == "pick" else
        _("The map pictures cannot load right now. The list below has them all, with links.")
    )
    return format_html(
        'data-tiles="{}" data-subdomains="{}" data-gcj02="{}" data-attribution="{}" '
        'data-no-tiles="{}" data-zoom-in="{}" data-zoom-out="{}"',
        settings.NUANXIN_MAP_TILES, settings.NUANXIN_MAP_TILES_SUBDOMAINS,
        "1" if settings.NUANXIN_MAP_TILES_GCJ02 else "0", settings.NUANXIN_MAP_ATTRIBUTION,
        no_tiles, _("Zoom in"), _("Zoom out"),
    )
