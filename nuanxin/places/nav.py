"""What places adds to the site's navigation (core/nav.py): 附近 and its shortcuts by kind."""

from django.utils.translation import gettext_lazy as _

from nuanxin.core import nav

nav.register(
    nav.Link("menu", _("Nearby"), "places:nearby", order=10),
    nav.Link("tiles", _("Warm stations nearby"), "places:nearby", order=30, icon="🏠", query="kind=warm_station"),
    nav.Link("tiles", _("Charge my phone or e-bike"), "places:nearby", order=40, icon="⚡", query="amenity=charging"),
    nav.Link("tiles", _("Job stations nearby"), "places:nearby", order=80, icon="💼",
             query="kind=employment_station"),
    nav.Link("tiles", _("All service points"), "places:nearby", order=100, icon="📍"),
    nav.Link("account", _("Stations I manage"), "places:mine", order=110,
             when=lambda user: user.managed_places.exists()),
)
