"""Warm residences: the statuses of a stay, who may sleep where, and the defaults a residence
starts with (other cities' rules, see docs/housing.md; each residence may change its own)."""

import datetime

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

# Defaults for a new residence (Shenzhen's youth stations give 7 free nights, Jiangsu's
# 苏青驿站 up to 14 days a year; Nanning forfeits a stay not checked in on day 1).
FREE_NIGHTS = 7          # a stay up to this long is allocated at once when beds are free
ARRIVAL_DAYS = 30        # "newly arrived": arrived in Kunshan within this many days
YEARLY_FREE_NIGHTS = 14  # one person's nights in any residence per calendar year
MAX_NIGHTS = 30          # the longest one application may ask for
APPLY_AHEAD_DAYS = 30    # how far ahead one may apply
CHECK_IN_FROM = datetime.time(14, 0)
CHECK_IN_UNTIL = datetime.time(22, 0)
NO_SHOW_MEMORY = datetime.timedelta(days=365)  # an unexcused no-show sends the next application to review
MAX_PARTY = 6            # people in one application, the applicant included


class UnitKind(models.TextChoices):
    MEN = "men", _("men's room")
    WOMEN = "women", _("women's room")
    FAMILY = "family", _("family room")


class Sex(models.TextChoices):
    MALE = "male", _("man")
    FEMALE = "female", _("woman")


# A single person sleeps in a room for their sex; a family takes a whole family room.
UNIT_FOR_SEX = {Sex.MALE: UnitKind.MEN, Sex.FEMALE: UnitKind.WOMEN}


class Relation(models.TextChoices):
    """Who comes with the applicant."""

    SPOUSE = "spouse", _("husband or wife")
    CHILD = "child", _("child")
    RELATIVE = "relative", _("other family")


class Referral(models.TextChoices):
    NONE = "", _("applied themselves")
    ADVISOR = "advisor", _("referred by an employment advisor")
    RESCUE = "rescue", _("placed by the rescue station")
    CASE = "case", _("referred from a hardship case")


class Status(models.TextChoices):
    PENDING_REVIEW = "pending_review", pgettext_lazy("stay", "waiting for review")
    WAITLISTED = "waitlisted", pgettext_lazy("stay", "on the waiting list")
    ALLOCATED = "allocated", pgettext_lazy("stay", "bed kept for you")
    CHECKED_IN = "checked_in", pgettext_lazy("stay", "staying")
    CHECKED_OUT = "checked_out", pgettext_lazy("stay", "checked out")
    FORFEITED = "forfeited", pgettext_lazy("stay", "not checked in (bed given up)")
    CANCELLED = "cancelled", pgettext_lazy("stay", "cancelled")
    REJECTED = "rejected", pgettext_lazy("stay", "not given")


# Statuses that hold bed-nights, and statuses that count as "an open application".
HOLDING = (Status.ALLOCATED, Status.CHECKED_IN)
OPEN = (Status.PENDING_REVIEW, Status.WAITLISTED, Status.ALLOCATED, Status.CHECKED_IN)
# Statuses whose nights count towards the yearly free nights.
USES_NIGHTS = (Status.ALLOCATED, Status.CHECKED_IN, Status.CHECKED_OUT)
IN_QUEUE = (Status.PENDING_REVIEW, Status.WAITLISTED)

TRANSITIONS = {
    None: (Status.PENDING_REVIEW, Status.WAITLISTED, Status.ALLOCATED),
    Status.PENDING_REVIEW: (Status.ALLOCATED, Status.WAITLISTED, Status.REJECTED, Status.CANCELLED),
    Status.WAITLISTED: (Status.ALLOCATED, Status.REJECTED, Status.CANCELLED),
    Status.ALLOCATED: (Status.CHECKED_IN, Status.FORFEITED, Status.CANCELLED),
    Status.CHECKED_IN: (Status.CHECKED_OUT,),
}


class AppealStatus(models.TextChoices):
    NONE = "", _("no appeal")
    PENDING = "pending", _("appeal waiting")
    UPHELD = "upheld", _("appeal accepted: the no-show is struck out")
    REFUSED = "refused", _("appeal refused")


# Review order: referrals first, then families with children, then everyone else; ties in
# one class by the committed-seed draw of that check-in day.
PRIORITY_REFERRAL, PRIORITY_FAMILY, PRIORITY_OTHER = 0, 1, 2
