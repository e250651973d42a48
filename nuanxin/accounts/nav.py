"""What accounts adds to the site's navigation (core/nav.py): signing in, messages, the real
name, and the agreement and sign-out parts of the settings page."""

from django.utils.translation import gettext_lazy as _

from nuanxin.core import nav

nav.register(
    nav.Link("menu", _("Sign in"), "accounts:login", order=30, signed_in=False, come_back=True),
    nav.Link("tiles", _("My messages"), "accounts:inbox", order=90, icon="✉", signed_in=True),
    nav.Link("account", _("My real name"), "accounts:profile", order=10),
    nav.Link("account", _("My messages"), "accounts:inbox", order=70),
    nav.Link("account", _("Where I am signed in"), "accounts:devices", order=80),
    nav.Part("account_actions", "accounts/settings_sign_out.html", order=10),
    nav.Part("settings", "accounts/settings_agreement.html", order=10),
)
