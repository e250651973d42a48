"""What the jobs app adds to the site's navigation (core/nav.py)."""

from django.utils.translation import gettext_lazy as _

from nuanxin.accounts.choices import Role
from nuanxin.core import nav

_SEEKER_STAFF = frozenset({"advisor", "admin", "station_manager"})

# part A: vacancies (full-time and part-time jobs; gigs keep "Find gig work")
nav.register(
    nav.Link("menu", _("Jobs"), "jobs:vacancy-list", order=25),
    nav.Link("tiles", _("Find a job"), "jobs:vacancy-list", order=15, icon="📋"),
    nav.Link("account", _("My vacancies"), "jobs:vacancy-mine", order=105,
             when=lambda user: user.employers.exists()),
    nav.Link("account", _("Vacancies to review"), "jobs:vacancy-review-queue", order=95,
             roles=frozenset({Role.ADVISOR, Role.ADMIN})),
)

# part B: job seekers, follow-ups, referrals, stations
nav.register(
    nav.Link("tiles", _("My job search"), "jobs:seeker-mine", order=52, icon="🧭", signed_in=True,
             roles=frozenset({"worker"})),
    nav.Link("account", _("My job search"), "jobs:seeker-mine", order=55, roles=frozenset({"worker"})),
    nav.Link("tiles", _("Job seekers"), "jobs:seeker-list", order=53, icon="🗂", roles=_SEEKER_STAFF),
    nav.Link("account", _("Follow-ups due"), "jobs:follow-ups-due", order=56, roles=_SEEKER_STAFF),
    nav.Link("account", _("My station"), "jobs:stations-mine", order=57, roles=_SEEKER_STAFF),
)

# part C: job fairs and the policy calculator
nav.register(
    nav.Link("tiles", _("Job fairs"), "jobs:fairs", order=82, icon="🤝"),
    nav.Link("tiles", _("What help can I get?"), "jobs:policies", order=84, icon="🧮"),
)
