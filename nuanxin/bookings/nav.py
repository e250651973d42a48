"""What bookings adds to the site's navigation (core/nav.py): free services, one's bookings
and children, an organiser's or volunteer teacher's sessions."""

from django.utils.translation import gettext_lazy as _

from nuanxin.core import nav


def _runs_sessions(user) -> bool:
    return user.organised_offerings.exists() or hasattr(user, "volunteer")


nav.register(
    nav.Link("tiles", _("Book free services"), "bookings:list", order=60, icon="📅"),
    nav.Link("tiles", _("My bookings"), "bookings:mine", order=70, icon="🎫", signed_in=True),
    nav.Link("account", _("My bookings"), "bookings:mine", order=50),
    nav.Link("account", _("My children"), "bookings:children", order=60),
    nav.Link("account", _("My sessions"), "bookings:organise", order=80, when=_runs_sessions),
)
