"""Who sees which cases: the applicant their own, staff their team's, admins all."""

from django.db.models import F, OuterRef, Q, QuerySet, Subquery, Sum

from nuanxin.accounts.choices import Role
from nuanxin.cases.choices import OPEN_STATES, CaseType, State, Team
from nuanxin.cases.models import Case, CaseEvent
from nuanxin.core import figures
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


def measure_counts(window: figures.Window) -> dict[str, figures.Counted]:
    """The city's dashboard, as the city reports its 12345 hotline: requests opened, handled
    (first reached resolved or closed) and handled by their deadline in the window, the
    applicants' ratings, escalations, and emergencies past their deadline now."""
    done_at = (CaseEvent.objects.filter(case=OuterRef("pk"), to_state__in=[State.RESOLVED, State.CLOSED])
               .order_by("at").values("at")[:1])
    opened = Case.objects.filter(created_at__gte=window.start, created_at__lt=window.until)
    handled = (Case.objects.annotate(done_at=Subquery(done_at))
               .filter(done_at__gte=window.start, done_at__lt=window.until))
    rated = handled.filter(satisfaction__isnull=False)
    return {
        "cases_opened": figures.by_town(opened, "town"),
        "cases_handled": figures.by_town(handled, "town"),
        "cases_on_time": figures.by_town(handled.filter(done_at__lte=F("due_at")), "town"),
        "satisfaction_sum": figures.by_town(rated, "town", Sum("satisfaction")),
        "satisfaction_n": figures.by_town(rated, "town"),
        "escalations": figures.by_town(
            Case.objects.filter(escalated_at__gte=window.start, escalated_at__lt=window.until), "town"),
        "green_channel": figures.by_town(opened.filter(type=CaseType.HEALTH), "town"),
        "relief_cases": figures.by_town(opened.filter(type=CaseType.EMERGENCY), "town"),
        "legal_handled": figures.by_town(handled.filter(type__in=[CaseType.LEGAL_AID, CaseType.RIGHTS]), "town"),
        "emergency_overdue_now": figures.by_town(
            Case.objects.filter(type=CaseType.EMERGENCY, state__in=OPEN_STATES, due_at__lt=window.now), "town"),
    }
