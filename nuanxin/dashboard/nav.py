"""What the dashboard adds to the navigation: the city's dashboard for officials and
administrators (in the header, their daily page), a station's figures for its managers, and
the open data for everyone (every page's foot)."""

from django.utils.translation import gettext_lazy as _

from nuanxin.accounts.choices import Role
from nuanxin.core import nav

VIEWERS = frozenset({Role.OFFICIAL, Role.ADMIN})

nav.register(
    nav.Link("menu", _("Dashboard"), "dashboard:board", order=5, roles=VIEWERS),
    nav.Link("tiles", _("The city's dashboard"), "dashboard:board", order=1, icon="📊", roles=VIEWERS),
    nav.Link("account", _("My station's figures"), "dashboard:station", order=95, signed_in=True,
             when=lambda user: user.managed_places.exists()),
    nav.Link("footer", _("Open data"), "open_data:index", order=10),
)
