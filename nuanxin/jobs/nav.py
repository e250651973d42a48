"""What jobs adds to the site's navigation (core/nav.py)."""

from django.utils.translation import gettext_lazy as _

from nuanxin.core import nav

# part C: job fairs and the policy calculator
nav.register(
    nav.Link("tiles", _("Job fairs"), "jobs:fairs", order=82, icon="🤝"),
    nav.Link("tiles", _("What help can I get?"), "jobs:policies", order=84, icon="🧮"),
)
