from django.db.models import Q, Sum

from nuanxin.wages.choices import AccountKind
from nuanxin.wages.models import Account, Entry


def balance(kind: str, owner) -> int:
    """The balance of a worker's (owner: a user) or an employer's (owner: an Employer) account."""
    from nuanxin.wages.ledger import EMPLOYER_KINDS

    field = "employer" if kind in EMPLOYER_KINDS else "owner"
    acc = Account.objects.filter(kind=kind, **{field: owner}).first()
    return acc.balance_fen if acc else 0


def wallet_of(user, *, limit: int = 50) -> dict:
    """What a worker or employer sees: available, in escrow, and the latest movements."""
    from nuanxin.accounts.models import Employer

    org = Employer.objects.filter(contacts=user).order_by("pk").first()
    mine = Q(owner=user, kind=AccountKind.WORKER_AVAILABLE)
    if org is not None:
        mine |= Q(employer=org)
    entries = (Entry.objects.filter(account__in=Account.objects.filter(mine))
               .select_related("transaction", "account").order_by("-transaction__created_at", "-id")[:limit])
    return {
        "available_fen": balance(AccountKind.WORKER_AVAILABLE, user)
        + (balance(AccountKind.EMPLOYER_AVAILABLE, org) if org else 0),
        "escrow_fen": balance(AccountKind.EMPLOYER_ESCROW, org) if org else 0,
        "entries": [{"id": e.pk, "account": e.account.kind, "amount_fen": e.amount_fen, "kind": e.transaction.kind,
                     "reference": e.transaction.reference, "at": e.transaction.created_at} for e in entries],
    }


def ledger_problems() -> list[str]:
    """Every broken invariant, in words (wages_audit prints them)."""
    problems = []
    total = Entry.objects.aggregate(s=Sum("amount_fen"))["s"] or 0
    if total != 0:
        problems.append(f"all entries sum to {total}, not 0")
    for tx_id, s in (Entry.objects.values("transaction_id").annotate(s=Sum("amount_fen")).exclude(s=0)
                     .values_list("transaction_id", "s")):
        problems.append(f"transaction {tx_id} sums to {s}")
    sums = dict(Entry.objects.values("account_id").annotate(s=Sum("amount_fen")).values_list("account_id", "s"))
    for acc in Account.objects.all():
        if acc.balance_fen != sums.get(acc.pk, 0):
            problems.append(f"account {acc.pk} ({acc.kind}) balance {acc.balance_fen} != entries {sums.get(acc.pk, 0)}")
        if acc.balance_fen < 0 and acc.kind != AccountKind.WORLD:
            problems.append(f"account {acc.pk} ({acc.kind}) is negative: {acc.balance_fen}")
    return problems
