"""Generated money, kept as the wages ledger keeps it: every movement one balanced transaction
under its own idempotency key (the key the service would have used, so a retried service call
finds it), its entries, and each account's balance moved by the same amounts.

Transactions are collected while a batch is built and written with it (`flush`, inside the
batch's database transaction), so PostgreSQL's balanced-at-commit trigger sees every
transaction whole, and a balance never goes below zero at any commit: the generator dates
each deposit or donation before the money it funds moves."""

from __future__ import annotations

import datetime
from collections import defaultdict
from typing import NamedTuple

from nuanxin.demo.generate.base import Context, add_to_column
from nuanxin.wages import ledger
from nuanxin.wages.choices import PLATFORM_KINDS, AccountKind
from nuanxin.wages.ledger import EMPLOYER_KINDS

# The hash a replayed post compares: generated transactions answer a retry as real ones do.
from nuanxin.wages.ledger import _payload_hash as payload_hash
from nuanxin.wages.models import Account, Entry, LedgerTransaction


class _Acc(NamedTuple):
    pk: int


class Book:
    def __init__(self, ctx: Context):
        self.ctx = ctx
        self.accounts: dict[tuple[str, int | None], int] = {}
        self.tx: list[LedgerTransaction] = []
        self.legs: list[list[tuple[int, int]]] = []

    # --- accounts ------------------------------------------------------------------------------

    def account(self, kind: str, owner: int | None = None) -> int:
        key = (kind, None if kind in PLATFORM_KINDS else owner)
        if key not in self.accounts:
            self.ensure(kind, [owner] if owner is not None else [None])
        return self.accounts[key]

    def ensure(self, kind: str, owners: list[int | None]) -> None:
        """Find or make the accounts of `kind` for these owners (a worker's user id, an
        employer's id, or None for a platform account): one query and one INSERT for all."""
        field = "employer_id" if kind in EMPLOYER_KINDS else "owner_id"
        wanted = sorted({o for o in owners if (kind, o) not in self.accounts}, key=lambda o: o or 0)
        if not wanted:
            return
        if kind in PLATFORM_KINDS:  # one for the whole platform, made on first use
            self.accounts[(kind, None)] = ledger.account(kind).pk
            return
        found = dict(Account.objects.filter(kind=kind, **{f"{field}__in": wanted}).values_list(field, "pk"))
        missing = [o for o in wanted if o not in found]
        made = Account.objects.bulk_create([Account(kind=kind, **{field: o}) for o in missing],
                                           batch_size=self.ctx.batch)
        self.ctx.add(Account._meta.label, len(made))
        found.update({o: a.pk for o, a in zip(missing, made, strict=True)})
        for o, pk in found.items():
            self.accounts[(kind, o)] = pk

    # --- transactions --------------------------------------------------------------------------

    def post(self, *, key: str, kind: str, legs: list[tuple[int, int]], at: datetime.datetime,
             reference: str = "", memo: str = "") -> None:
        """One balanced transaction: legs are (account id, amount in fen), summing to zero."""
        legs = [(a, amount) for a, amount in legs if amount]
        if not legs:
            return
        if sum(amount for _a, amount in legs) != 0:
            raise ValueError(f"unbalanced ledger transaction {key}: {legs}")
        digest = payload_hash(kind, [(_Acc(a), amount) for a, amount in legs], reference)
        self.tx.append(LedgerTransaction(idempotency_key=key, payload_hash=digest, kind=kind, reference=reference,
                                         memo=memo[:200], created_at=at))
        self.legs.append(legs)

    def transfer(self, *, key: str, kind: str, source: int, target: int, amount: int, at: datetime.datetime,
                 reference: str = "", memo: str = "") -> None:
        self.post(key=key, kind=kind, legs=[(source, -amount), (target, amount)], at=at, reference=reference,
                  memo=memo)

    def flush(self) -> None:
        """Write what was posted: the transactions, their entries, the balances (in the caller's
        database transaction)."""
        if not self.tx:
            return
        made = self.ctx.insert(LedgerTransaction, self.tx)
        deltas: dict[int, int] = defaultdict(int)
        entries = []
        for tx, legs in zip(made, self.legs, strict=True):
            for account_id, amount in legs:
                entries.append(Entry(transaction_id=tx.pk, account_id=account_id, amount_fen=amount))
                deltas[account_id] += amount
        self.ctx.insert(Entry, entries)
        add_to_column(Account, "balance_fen", deltas)
        self.tx, self.legs = [], []


WORKER = AccountKind.WORKER_AVAILABLE
EMPLOYER_AVAILABLE = AccountKind.EMPLOYER_AVAILABLE
EMPLOYER_ESCROW = AccountKind.EMPLOYER_ESCROW
