"""What gigs adds to the site's navigation (core/nav.py): the gig list, a worker's shifts, an
employer's postings."""

from django.utils.translation import gettext_lazy as _

from nuanxin.core import nav

nav.register(
    nav.Link("menu", _("Gigs"), "gigs:list", order=20),
    nav.Link("tiles", _("Find gig work"), "gigs:list", order=10, icon="🧹"),
    nav.Link("tiles", _("My shifts"), "gigs:mine", order=20, icon="🕘", signed_in=True),
    nav.Link("account", _("My shifts"), "gigs:mine", order=30),
    nav.Link("account", _("My postings"), "gigs:dashboard", order=100, when=lambda user: user.employers.exists()),
)
