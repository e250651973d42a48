"""What jobs adds to the site's navigation (core/nav.py); one block per part."""

from django.utils.translation import gettext_lazy as _

from nuanxin.accounts.choices import Role
from nuanxin.core import nav

# --- A: vacancies (full-time and part-time jobs; gigs keep "Find gig work") -----------------
nav.register(
    nav.Link("menu", _("Jobs"), "jobs:vacancy-list", order=25),
    nav.Link("tiles", _("Find a job"), "jobs:vacancy-list", order=15, icon="📋"),
    nav.Link("account", _("My vacancies"), "jobs:vacancy-mine", order=105,
             when=lambda user: user.employers.exists()),
    nav.Link("account", _("Vacancies to review"), "jobs:vacancy-review-queue", order=95,
             roles=frozenset({Role.ADVISOR, Role.ADMIN})),
)
