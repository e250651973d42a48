"""What housing adds to the site's navigation (core/nav.py): finding a bed, one's stay, and the
staff pages for people who look after a residence or are city housing staff, and the "bed
tonight" panel on an emergency request's page."""

from django.utils.translation import gettext_lazy as _

from nuanxin.core import nav
from nuanxin.core.permissions import has_role
from nuanxin.housing import selectors, services


def _shelters(user) -> bool:
    return has_role(user, "rescue", "admin")


def _looks_after_residences(user) -> bool:
    return services.is_city_staff(user) or (has_role(user, "station_manager")
                                            and selectors.manages_any_residence(user))


nav.register(
    nav.Link("tiles", _("Find a bed"), "housing:list", order=45, icon="🛏"),
    nav.Link("tiles", _("My stay"), "housing:mine", order=46, icon="🔑", signed_in=True),
    nav.Link("account", _("My stay"), "housing:mine", order=55),
    nav.Link("account", _("Residences I look after"), "housing:staff", order=115, when=_looks_after_residences),
    # On an emergency request's page, the rescue station's way to a bed tonight.
    nav.Part("case_panels", "housing/case_panel.html", order=5, signed_in=True, when=_shelters),
    # On a residence's place page (the map's pins lead there): its beds and the way to apply.
    nav.Part("place_panels", "housing/place_panel.html", order=10),
)
