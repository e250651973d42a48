"""Read queries of the ledger: balances, a person's wallet and its history told in words."""

import dataclasses
import datetime
from collections import defaultdict

from django.db.models import Max, Q, Sum
from django.utils.translation import gettext as _

from nuanxin.accounts.selectors import employer_acting_for
from nuanxin.wages import references
from nuanxin.wages.choices import AccountKind, DepositStatus, PayoutKind, PayoutStatus
from nuanxin.wages.models import Account, Deposit, Entry, Payout, PayoutAccount


def balance(kind: str, owner) -> int:
    """The balance of a worker's (owner: a user) or an employer's (owner: an Employer) account."""
    from nuanxin.wages.ledger import EMPLOYER_KINDS

    field = "employer" if kind in EMPLOYER_KINDS else "owner"
    acc = Account.objects.filter(kind=kind, **{field: owner}).first()
    return acc.balance_fen if acc else 0


def charity_fund_balance() -> int:
    """What the charity fund (慈善救助) holds now, in fen."""
    acc = Account.objects.filter(kind=AccountKind.CHARITY_FUND, owner__isnull=True, employer__isnull=True).first()
    return acc.balance_fen if acc else 0


def _accounts_of(user, org) -> Q:
    """The caller's own ledger accounts: their worker wallet, and their employer's accounts."""
    mine = Q(owner=user, kind=AccountKind.WORKER_AVAILABLE)
    if org is not None:
        mine |= Q(employer=org)
    return mine


def wallet_of(user, *, limit: int = 50) -> dict:
    """What a worker or employer sees: available, in escrow, and the latest movements."""
    org = employer_acting_for(user)
    entries = (Entry.objects.filter(account__in=Account.objects.filter(_accounts_of(user, org)))
               .select_related("transaction", "account").order_by("-transaction__created_at", "-id")[:limit])
    return {
        "available_fen": balance(AccountKind.WORKER_AVAILABLE, user)
        + (balance(AccountKind.EMPLOYER_AVAILABLE, org) if org else 0),
        "escrow_fen": balance(AccountKind.EMPLOYER_ESCROW, org) if org else 0,
        "entries": [{"id": e.pk, "account": e.account.kind, "amount_fen": e.amount_fen, "kind": e.transaction.kind,
                     "reference": e.transaction.reference, "at": e.transaction.created_at} for e in entries],
    }


def payout_account_of(user) -> PayoutAccount | None:
    return PayoutAccount.objects.filter(user=user).first()


def payout_account_label(kind: str, number_masked: str) -> str:
    """"银行卡 ****1234": the kind of account and its masked number, as pages and messages name it."""
    return f"{PayoutKind(kind).label} {number_masked}" if kind in PayoutKind.values else number_masked


def deposits_of(user, *, recent: int = 5) -> list[Deposit]:
    """The employer's deposits still waiting for staff to confirm the bank transfer (all of
    them, however old), then the latest `recent` confirmed or failed ones; newest first."""
    org = employer_acting_for(user)
    if org is None:
        return []
    deposits = Deposit.objects.filter(employer=org).order_by("-created_at", "-pk")
    return list(deposits.filter(status=DepositStatus.PENDING)) + list(
        deposits.exclude(status=DepositStatus.PENDING)[:recent])


# --- the wallet's history, grouped by what the money was for --------------------------------


@dataclasses.dataclass
class HistoryLine:
    """One line of a wallet's history. `what` says which sentence tells it:
    held     an employer's money held in escrow for a subject (amount_fen, for `people` places)
    settled  escrow of a subject closed: paid_fen to workers, returned_fen back to the employer
    pay      a worker's pay for a subject (amount_fen)
    payout   money the worker took out to `title` (amount_fen, negative)
    deposit  an employer's deposit that arrived (amount_fen; `title` is its transfer reference)
    grant    charity aid paid to the worker from the charity fund (amount_fen; `title` what for, or "")
    other    any other movement of the ledger kind `kind` (amount_fen, signed)"""

    what: str
    at: datetime.datetime
    title: str
    amount_fen: int = 0
    people: int = 0
    paid_fen: int = 0
    returned_fen: int = 0
    still_held_fen: int = 0
    note: str = ""
    kind: str = ""


@dataclasses.dataclass
class _Group:
    title: str
    note: str = ""
    described: bool = False
    sums: dict = dataclasses.field(default_factory=lambda: defaultdict(int))
    last: dict = dataclasses.field(default_factory=dict)
    held_refs: set = dataclasses.field(default_factory=set)
    still_held: int = 0

    def add(self, what, amount: int, at: datetime.datetime) -> None:
        self.sums[what] += amount
        self.last[what] = max(at, self.last.get(what, at))


def wallet_history(user, *, limit: int = 50, references_scanned: int = 500) -> list[HistoryLine]:
    """The caller's movements told per subject, newest first: "held the wages of 3 people for
    《快递分拣》", "《快递分拣》: paid to workers, returned", "pay for 《家庭保洁》", "taken out to
    银行卡 ****1234". Subjects come from the describers other apps register
    (wages.references), so the ledger needs to know nothing of gigs.

    The latest `references_scanned` references touching the caller's accounts are read whole
    (every transaction under them, with the legs to other people's accounts, which is how
    "paid to workers" is known); movements without a reference are read one by one."""
    org = employer_acting_for(user)
    kinds = dict(Account.objects.filter(_accounts_of(user, org)).values_list("pk", "kind"))
    if not kinds:
        return []
    touching = Entry.objects.filter(account_id__in=list(kinds))
    recent = (touching.exclude(transaction__reference="").values("transaction__reference")
              .annotate(last=Max("transaction__created_at")).order_by("-last")[:references_scanned])
    refs = [r["transaction__reference"] for r in recent]
    rows = list(
        Entry.objects.filter(transaction__reference__in=refs, transaction_id__in=touching.values("transaction_id"))
        .values("transaction__reference", "transaction__kind", "account_id")
        .annotate(total=Sum("amount_fen"), last=Max("transaction__created_at")))
    loose = (touching.filter(transaction__reference="").values("transaction_id", "transaction__kind", "account_id")
             .annotate(total=Sum("amount_fen"), last=Max("transaction__created_at")).order_by("-last")[:limit])
    for row in loose:
        rows.append({**row, "transaction__reference": f"#{row['transaction_id']}"})
    subjects = references.describe(refs)

    groups: dict[str, _Group] = {}

    def group_of(ref: str) -> _Group:
        subject = subjects.get(ref)
        key = subject.group if subject else ref
        if key not in groups:
            groups[key] = (_Group(title=subject.title, note=subject.note, described=True) if subject
                           else _Group(title="" if ref.startswith("#") else ref))
        return groups[key]

    # Transactions where the caller's employer paid out of escrow: their legs to other people's
    # accounts are wages paid to workers (in anyone else's transactions they are not the caller's business).
    employer_settles = {(r["transaction__reference"], r["transaction__kind"]) for r in rows
                        if kinds.get(r["account_id"]) == AccountKind.EMPLOYER_ESCROW}
    for r in rows:
        ref, kind, total, at = r["transaction__reference"], r["transaction__kind"], r["total"], r["last"]
        account_kind = kinds.get(r["account_id"])
        g = group_of(ref)
        if account_kind == AccountKind.EMPLOYER_ESCROW:
            g.still_held += total
            if kind == "escrow_hold" and total > 0:
                g.add("held", total, at)
                g.held_refs.add(ref)
        elif account_kind == AccountKind.EMPLOYER_AVAILABLE:
            if kind == "escrow_settle":
                g.add("returned", total, at)
            elif kind == "deposit":
                g.add("deposit", total, at)
            elif kind != "escrow_hold":  # a hold's other leg is told by the hold
                g.add(("other", kind), total, at)
        elif account_kind == AccountKind.WORKER_AVAILABLE:
            if kind == "charity_grant":
                g.add("grant", total, at)
            else:
                g.add("payout" if kind == "payout" else ("pay" if g.described else ("other", kind)), total, at)
        elif kind == "escrow_settle" and total > 0 and (ref, kind) in employer_settles:
            g.add("paid", total, at)

    lines = []
    for g in groups.values():
        s, last = g.sums, g.last
        if "held" in s:
            lines.append(HistoryLine("held", last["held"], g.title, amount_fen=s["held"],
                                     people=sum(subjects[r].people for r in g.held_refs if r in subjects),
                                     still_held_fen=max(0, g.still_held)))
        if s["paid"] > 0 or s["returned"] > 0:
            at = max(last[w] for w in ("paid", "returned") if w in last)
            lines.append(HistoryLine("settled", at, g.title, paid_fen=max(0, s["paid"]),
                                     returned_fen=max(0, s["returned"])))
        for what in ("pay", "payout", "deposit"):
            if s.get(what):
                lines.append(HistoryLine(what, last[what], g.title, amount_fen=s[what], note=g.note))
        if s.get("grant"):  # told in words even when no describer knows its reference
            lines.append(HistoryLine("grant", last["grant"], g.title if g.described else "", amount_fen=s["grant"],
                                     note=g.note))
        for what, amount in s.items():
            if isinstance(what, tuple) and amount:
                lines.append(HistoryLine("other", last[what], g.title, amount_fen=amount, kind=what[1]))
    lines.sort(key=lambda line: line.at, reverse=True)
    return lines[:limit]


def describe_deposits(ids: list[int]) -> dict[int, references.Subject]:
    return {d.pk: references.Subject(group=f"deposit:{d.pk}", title=d.gateway_ref or f"deposit:{d.pk}")
            for d in Deposit.objects.filter(pk__in=ids)}


def describe_payouts(ids: list[int]) -> dict[int, references.Subject]:
    return {p.pk: references.Subject(group=f"payout:{p.pk}",
                                     title=payout_account_label(p.destination_kind, p.destination_masked),
                                     note=_("on its way") if p.status == PayoutStatus.REQUESTED else "")
            for p in Payout.objects.filter(pk__in=ids)}


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
