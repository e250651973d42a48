"""What grants adds to the site's navigation (core/nav.py): the approval queue and the fund for
staff and officials, and the grants panel on a request's page (the "case_panels" slot)."""

from django.utils.translation import gettext_lazy as _

from nuanxin.accounts.choices import Role
from nuanxin.core import nav

DECIDERS = frozenset({Role.ADVISOR, Role.RESCUE, Role.ADMIN})

nav.register(
    nav.Link("account", _("Grants to approve"), "grants:queue", order=91, roles=DECIDERS),
    nav.Link("account", _("The charity fund"), "grants:fund", order=92,
             roles=frozenset({Role.OFFICIAL, Role.ADMIN, Role.ADVISOR, Role.RESCUE})),
    nav.Part("case_panels", "grants/case_panel.html", order=10, signed_in=True),
)
