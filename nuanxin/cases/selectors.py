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
