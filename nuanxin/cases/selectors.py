"""Who sees which cases: the applicant their own, staff their team's, admins all."""

from django.db.models import Q, QuerySet

from nuanxin.accounts.choices import Role
from nuanxin.cases.choices import OPEN_STATES, Team
from nuanxin.cases.models import Case
from nuanxin.core.permissions import has_role, user_roles


def cases_visible_to(user) -> QuerySet:
    if not getattr(user, "is_authenticated", False):
        return Case.objects.none()
    if has_role(user, Role.ADMIN):
        return Case.objects.all()
    teams = [t for t in Team.values if t in user_roles(user)]
    return Case.objects.filter(Q(applicant=user) | Q(team__in=teams))


def cases_escalated(user) -> QuerySet:
    return cases_visible_to(user).filter(escalated_at__isnull=False, state__in=OPEN_STATES)


def notes_visible(case: Case, user) -> list:
    from nuanxin.cases.services import is_team_staff

    notes = list(case.notes.select_related("author").all())
    return notes if is_team_staff(user, case.team) else [n for n in notes if not n.internal]


def cases_of_applicant(user, *, newest_first: bool = True) -> QuerySet:
    """The requests a person opened themselves."""
    return Case.objects.filter(applicant=user).order_by("-created_at" if newest_first else "created_at")


def case_events(case: Case):
    """A case's history rows, oldest first, with who made each move."""
    return case.events.select_related("actor")


def staff_queue(user) -> tuple[list[Case], list[Case]]:
    """A staff member's open cases by deadline, and the escalated ones, never their own requests."""
    open_cases = cases_visible_to(user).filter(state__in=OPEN_STATES).exclude(applicant=user)
    return (list(open_cases.order_by("first_response_due")[:200]),
            list(cases_escalated(user).exclude(applicant=user)[:100]))
