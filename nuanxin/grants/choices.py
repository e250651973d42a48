"""Grants from the charity fund (慈善救助): kinds, statuses, their moves, the amounts allowed."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from nuanxin.cases.choices import CaseType


class GrantKind(models.TextChoices):
    HARDSHIP = "hardship", _("hardship grant")
    TRIP_HOME = "trip_home", _("ticket home")
    EMERGENCY = "emergency", _("emergency relief")


class GrantStatus(models.TextChoices):
    PROPOSED = "proposed", pgettext_lazy("grant status", "waiting for approval")
    PAID = "paid", pgettext_lazy("grant status", "paid")
    REJECTED = "rejected", pgettext_lazy("grant status", "not approved")


# Proposed by one staff member; a second one pays it (into the worker's wallet) or turns it down.
TRANSITIONS: dict[str | None, tuple[str, ...]] = {
    None: (GrantStatus.PROPOSED,),
    GrantStatus.PROPOSED: (GrantStatus.PAID, GrantStatus.REJECTED),
    GrantStatus.PAID: (),
    GrantStatus.REJECTED: (),
}

# The kinds each type of case may take (the first is the default); other cases take no grants.
KINDS_FOR_CASE_TYPE: dict[str, tuple[str, ...]] = {
    CaseType.HARDSHIP: (GrantKind.HARDSHIP,),
    CaseType.EMERGENCY: (GrantKind.TRIP_HOME, GrantKind.EMERGENCY),
}

# One grant: 1 to 20,000 yuan. The charity fund's rules put larger help (an operation, a
# funeral) before its committee, not through this two-person approval; a family's tickets home
# by high-speed rail from 昆山南站 to Yunnan cost a few thousand yuan.
MIN_GRANT_FEN = 100
MAX_GRANT_FEN = 2_000_000
