"""Who may ask for a bed, how many free nights they have left, and their place in review."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.db.models import Q, Sum
from django.utils.translation import gettext as _

from nuanxin.accounts import selectors as accounts_selectors
from nuanxin.core.errors import Conflict, PermissionDenied
from nuanxin.housing import choices
from nuanxin.housing.choices import AppealStatus, Referral, Status
from nuanxin.housing.models import Application

if TYPE_CHECKING:
    from nuanxin.accounts.models import User
    from nuanxin.housing.models import Residence


def check_eligible(user: User, *, referral: str, looking_for_work: bool, arrival_days: int,
                   today: datetime.date) -> None:
    """Newly arrived and looking for work, or referred by staff (advisor, rescue, a case)."""
    if referral:
        return
    profile = accounts_selectors.profile_of(user)
    arrived = getattr(profile, "arrived_on", None)
    if not looking_for_work:
        raise PermissionDenied(_("Warm residences are for people looking for work. If you need a bed for "
                                 "another reason, ask an employment advisor or the rescue station."),
                               code="not_eligible")
    if arrived is None:
        raise PermissionDenied(_("Tell us first the day you arrived in Kunshan."), code="not_eligible")
    if (today - arrived).days > arrival_days:
        raise PermissionDenied(
            _("Beds without a referral are for people who arrived in the last %(days)s days. "
              "An employment advisor can refer you.") % {"days": arrival_days}, code="not_eligible")


def nights_used(user: User, year: int, *, exclude_id: int | None = None) -> int:
    """Nights of the year already held or stayed (a stay counts in the year it starts)."""
    rows = Application.objects.filter(applicant=user, status__in=choices.USES_NIGHTS, check_in__year=year)
    if exclude_id:
        rows = rows.exclude(pk=exclude_id)
    return rows.aggregate(n=Sum("nights"))["n"] or 0


def check_cap(user: User, *, check_in: datetime.date, nights: int) -> None:
    used = nights_used(user, check_in.year)
    left = max(0, choices.YEARLY_FREE_NIGHTS - used)
    if nights > left:
        # In words under the field too, as every refused field is (a bare number there told a
        # person nothing).
        text = _("You have %(left)s free nights left this year (%(cap)s in all), fewer than you asked for. "
                 "Ask for fewer nights, or ask an employment advisor.") % {"left": left,
                                                                         "cap": choices.YEARLY_FREE_NIGHTS}
        raise Conflict(text, code="cap_reached", fields={"nights": text})


def has_recent_no_show(user: User, today: datetime.date) -> bool:
    """A stay given up unannounced (and not excused on appeal) in the last year."""
    since = today - choices.NO_SHOW_MEMORY
    return (Application.objects.filter(applicant=user, status=Status.FORFEITED, check_in__gte=since)
            .filter(~Q(appeal_status=AppealStatus.UPHELD)).exists())


def priority_of(*, referral: str, has_children: bool) -> int:
    if referral and referral != Referral.NONE:
        return choices.PRIORITY_REFERRAL
    return choices.PRIORITY_FAMILY if has_children else choices.PRIORITY_OTHER


def needs_review(*, residence: Residence | None, nights: int, party_size: int, no_show: bool) -> bool:
    """Longer stays, families and people with a recent no-show are decided by staff."""
    free_nights = residence.free_nights if residence is not None else choices.FREE_NIGHTS
    return nights > free_nights or party_size > 1 or no_show
