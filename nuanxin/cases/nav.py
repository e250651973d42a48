"""What cases adds to the site's navigation (core/nav.py): asking for help, one's requests,
the staff queue."""

from django.utils.translation import gettext_lazy as _

from nuanxin.core import nav

nav.register(
    nav.Link("tiles", _("Ask for help"), "cases:help", order=50, icon="🆘"),
    nav.Link("account", _("My requests"), "cases:mine", order=40),
    nav.Link("account", _("Case queue"), "cases:queue", order=90, when=lambda user: user.is_staff),
)
