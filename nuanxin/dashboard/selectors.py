"""Who may see what, and the targets officials set."""

from django.db.models import Q

from nuanxin.accounts.choices import Role
from nuanxin.core.permissions import has_role
from nuanxin.dashboard.models import MonthlyReport, Target


def may_view(user) -> bool:
    """The whole city's figures: officials and administrators."""
    return has_role(user, Role.OFFICIAL, Role.ADMIN)


def targets_for(year: int) -> dict[tuple[str, str], int]:
    """(measure, town or "") → target for `year`; a year's own row wins over a standing one."""
    out: dict[tuple[str, str], int] = {}
    rows = Target.objects.filter(Q(year=year) | Q(year__isnull=True))
    for t in sorted(rows, key=lambda t: t.year is not None):  # standing targets first, then the year's
        out[(t.measure, t.town)] = t.value
    return out


def reports():
    return MonthlyReport.objects.defer("pdf").order_by("-month")


def report(month: str) -> MonthlyReport | None:
    return MonthlyReport.objects.filter(month=month).first()
