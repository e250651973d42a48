"""Who may enrol and who comes first in a draw: verified workers, children of the right age
with their guardian's consent, and a lottery weight that grows with every draw lost in a row
and halves with every no-show (six months' memory, an accepted appeal wipes one)."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.utils import timezone
from django.utils.translation import gettext as _

from nuanxin.accounts import selectors as accounts_selectors
from nuanxin.accounts.choices import CHILD_CONSENT_AGE, ConsentPurpose, Role
from nuanxin.accounts.services import has_consent
from nuanxin.bookings.choices import AppealStatus, Status
from nuanxin.bookings.models import Enrollment, Offering, Session
from nuanxin.core import dates
from nuanxin.core.errors import InvalidInput, PermissionDenied
from nuanxin.core.permissions import has_role

if TYPE_CHECKING:
    from nuanxin.accounts.models import Child, User

NO_SHOW_MEMORY = datetime.timedelta(days=180)


def age_on(birth: datetime.date, day: datetime.date) -> int:
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def _not_eligible(message, fields=None):
    return PermissionDenied(message, code="not_eligible", fields=fields)


def check_eligible(offering: Offering, session: Session, user: User, child: Child | None) -> None:
    if not has_role(user, Role.WORKER):
        raise _not_eligible(_("These places are for registered workers."))
    if not accounts_selectors.is_verified_worker(user):
        raise _not_eligible(_("Add your ID number in your profile first: places are for verified workers."),
                            {"id_number": _("Needed once, to verify you.")})
    if not offering.for_children:
        if child is not None:
            raise InvalidInput(fields={"child_id": _("This offering is for workers themselves, not children.")})
        return
    if child is None:
        raise InvalidInput(fields={"child_id": _("Choose which of your children the place is for.")})
    age = age_on(child.birth_date, timezone.localdate(session.start, dates.local_tz()))
    lo, hi = offering.min_child_age, offering.max_child_age
    if (lo is not None and age < lo) or (hi is not None and age > hi):
        raise _not_eligible(_("This class is for children aged %(lo)s to %(hi)s.") % {"lo": lo, "hi": hi},
                            {"child_id": _("Outside the age range.")})
    if age < CHILD_CONSENT_AGE and not has_consent(child, ConsentPurpose.SUMMER_CARE):
        raise _not_eligible(
            _("For a child under 14 we need your consent as guardian to use the child's details first."),
            {"child_id": _("Guardian consent needed.")})


def person_key(user: User, child: Child | None) -> str:
    return f"c{child.pk}" if child is not None else f"u{user.pk}"


def priority(offering: Offering, *, user: User, person: str, now: datetime.datetime,
             exclude_session: int | None = None) -> dict:
    """A person's lottery weight for this offering's kind, with the reasons shown to them."""
    history = (Enrollment.objects.filter(offering__kind=offering.kind, person=person, won__isnull=False)
               .exclude(session_id=exclude_session).order_by("-session__drawn_at", "-pk")
               .values_list("won", flat=True)[:20])
    losses = 0
    for won in history:
        if won:
            break
        losses += 1
    no_shows = (Enrollment.objects.filter(user=user, status=Status.NO_SHOW,
                                          session__start__gte=now - NO_SHOW_MEMORY)
                .exclude(appeal_status=AppealStatus.ACCEPTED).count())
    weight = min(10 + offering.loss_bonus * losses, offering.max_weight)
    weight = max(weight >> min(no_shows, 8), 1)
    return {"weight": weight, "lost_in_a_row": losses, "no_shows": no_shows}


def priority_of(user: User, kind: str, now: datetime.datetime) -> dict:
    """A worker's own weight for the next draw of a kind, under the default bonus and cap."""
    return priority(Offering(kind=kind), user=user, person=f"u{user.pk}", now=now)
