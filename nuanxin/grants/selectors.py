"""Who sees which grants: officials and administrators every one (the fund is public money),
the staff of a case's team the grants on their team's cases, a worker the grants paid to them.
Anyone else's grant is simply not found."""

from django.db.models import Q, QuerySet, Sum

from nuanxin.accounts.choices import Role
from nuanxin.cases.choices import Team
from nuanxin.core import figures
from nuanxin.core.permissions import has_role, user_roles
from nuanxin.grants.choices import GrantKind, GrantStatus
from nuanxin.grants.models import Donation, Grant
from nuanxin.wages import references
from nuanxin.wages.selectors import charity_fund_balance

REFERENCE_PREFIX = "grants.grant"  # a grant's ledger reference and idempotency key: "grants.grant:<id>"


def reference_of(grant: Grant) -> str:
    return f"{REFERENCE_PREFIX}:{grant.pk}"


def _teams(user) -> list[str]:
    return [t for t in Team.values if t in user_roles(user)]


def reads_every_grant(user) -> bool:
    return has_role(user, Role.ADMIN, Role.OFFICIAL)


def may_read_fund(user) -> bool:
    """The fund's balance, its donations and the grants list: officials, administrators and
    the staff of the teams that work cases."""
    return getattr(user, "is_authenticated", False) and (reads_every_grant(user) or bool(_teams(user)))


def grants_visible_to(user) -> QuerySet:
    if not getattr(user, "is_authenticated", False):
        return Grant.objects.none()
    qs = Grant.objects.select_related("case")
    if reads_every_grant(user):
        return qs
    return qs.filter(Q(case__team__in=_teams(user)) | Q(payee=user, status=GrantStatus.PAID))


def grant_visible_to(user, grant: Grant) -> bool:
    if reads_every_grant(user):
        return True
    if grant.payee_id == getattr(user, "pk", None) and grant.status == GrantStatus.PAID:
        return True
    return grant.case.team in _teams(user)


def grant_for(user, grant_id: int) -> Grant | None:
    return grants_visible_to(user).filter(pk=grant_id).first()


def reads_case_file(user, grant: Grant) -> bool:
    """Who reads a grant's purpose (part of the case file): the case's team, administrators
    and the payee; officials see kinds, amounts and dates only."""
    return (grant.payee_id == getattr(user, "pk", None) or has_role(user, Role.ADMIN)
            or grant.case.team in _teams(user))


def grants_waiting(user) -> list[Grant]:
    """Proposals waiting for a second person, oldest first, for the staff who may decide them."""
    qs = grants_visible_to(user).filter(status=GrantStatus.PROPOSED)
    if not has_role(user, Role.ADMIN):
        qs = qs.filter(case__team__in=_teams(user))
    return list(qs.select_related("proposed_by").order_by("created_at", "id")[:200])


def grants_on_case(user, case) -> list[Grant]:
    return list(grants_visible_to(user).filter(case=case).select_related("proposed_by", "decided_by")
                .order_by("created_at", "id"))


def grants_paid_to(user) -> QuerySet:
    return Grant.objects.filter(payee=user, status=GrantStatus.PAID).order_by("-decided_at", "-id")


def paid_on_case(case_id: int, *, besides: int | None = None) -> int:
    """Fen already paid on this request (another grant's approver should see it)."""
    rows = Grant.objects.filter(case_id=case_id, status=GrantStatus.PAID)
    if besides is not None:
        rows = rows.exclude(pk=besides)
    return rows.aggregate(total=Sum("amount_fen"))["total"] or 0


def grant_history(grant: Grant):
    return grant.history.all()


def fund_summary() -> dict:
    """The fund as officials read it: what it holds, what came in, what went out and what waits."""
    paid = Grant.objects.filter(status=GrantStatus.PAID).aggregate(n=Sum("amount_fen"))["n"] or 0
    waiting = Grant.objects.filter(status=GrantStatus.PROPOSED).aggregate(n=Sum("amount_fen"))["n"] or 0
    donated = Donation.objects.aggregate(n=Sum("amount_fen"))["n"] or 0
    return {"balance_fen": charity_fund_balance(), "donated_fen": donated, "paid_fen": paid,
            "waiting_fen": waiting}


def donations(*, limit: int = 100) -> list[Donation]:
    return list(Donation.objects.all()[:limit])


def describe_grants(ids: list[int]) -> dict[int, references.Subject]:
    """For the payee's wallet: a grant's money told as its kind ("ticket home")."""
    return {g.pk: references.Subject(group=f"{REFERENCE_PREFIX}:{g.pk}", title=str(GrantKind(g.kind).label))
            for g in Grant.objects.filter(pk__in=ids)}


def measure_counts(window: figures.Window) -> dict[str, figures.Counted]:
    """The city's dashboard: grants paid from the charity fund in the window, their amount, and
    the tickets home among them, by the town of the request they answered."""
    paid = Grant.objects.filter(status=GrantStatus.PAID, decided_at__gte=window.start, decided_at__lt=window.until)
    return {
        "grants_paid": figures.by_town(paid, "case__town"),
        "grants_paid_fen": figures.by_town(paid, "case__town", Sum("amount_fen")),
        "trips_home": figures.by_town(paid.filter(kind=GrantKind.TRIP_HOME), "case__town"),
    }
