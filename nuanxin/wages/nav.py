"""What wages adds to the site's navigation (core/nav.py): the wallet."""

from django.utils.translation import gettext_lazy as _

from nuanxin.core import nav

nav.register(nav.Link("account", _("Wallet"), "wages:wallet", order=20))
