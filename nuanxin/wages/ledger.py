"""Posting to the ledger: one balanced transaction under one idempotency key, or nothing."""

import hashlib
import json

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils.translation import gettext as _

from nuanxin.core.errors import Conflict, InvalidInput
from nuanxin.wages.choices import PLATFORM_KINDS, AccountKind
from nuanxin.wages.models import Account, Entry, LedgerTransaction


class InsufficientFunds(Conflict):
    code = "insufficient_funds"


EMPLOYER_KINDS = (AccountKind.EMPLOYER_AVAILABLE, AccountKind.EMPLOYER_ESCROW)


def account(kind: str, owner=None) -> Account:
    """The account of that kind for that owner — a user (worker kinds), an Employer
    (employer kinds), nobody (platform kinds) — created on first use."""
    owner_id = None if kind in PLATFORM_KINDS else getattr(owner, "pk", owner)
    lookup = {"employer_id": owner_id, "owner_id": None} if kind in EMPLOYER_KINDS else {"owner_id": owner_id,
                                                                                           "employer_id": None}
    acc = Account.objects.filter(kind=kind, **lookup).first()
    if acc is not None:
        return acc
    try:
        with transaction.atomic():
            return Account.objects.create(kind=kind, **lookup)
    except IntegrityError:  # created by a concurrent request
        return Account.objects.get(kind=kind, **lookup)


def _payload_hash(kind: str, legs: list[tuple[Account, int]], reference: str) -> str:
    body = json.dumps([kind, reference, sorted((a.pk, amt) for a, amt in legs)])
    return hashlib.sha256(body.encode()).hexdigest()


def post(*, key: str, kind: str, legs: list[tuple[Account, int]], reference: str = "",
         memo: str = "") -> LedgerTransaction:
    """Write a transaction whose legs sum to zero. The same key with the same legs returns the
    first transaction and moves nothing; the same key with other legs is a 409."""
    if not key or len(key) > 100:
        raise InvalidInput(fields={"idempotency_key": _("Send an idempotency key of 1 to 100 characters.")})
    if any(amount == 0 or not isinstance(amount, int) for _a, amount in legs) or sum(a for _x, a in legs) != 0:
        raise ValueError("ledger legs must be non-zero integers summing to zero")
    digest = _payload_hash(kind, legs, reference)
    existing = LedgerTransaction.objects.filter(idempotency_key=key).first()
    if existing is not None:
        return _same_or_conflict(existing, digest)
    try:
        with transaction.atomic():
            tx = LedgerTransaction.objects.create(idempotency_key=key, payload_hash=digest, kind=kind,
                                                  reference=reference, memo=memo[:200])
            # Debits first in a fixed order (by account id), so concurrent transactions lock
            # accounts in the same order and cannot deadlock.
            for acc, amount in sorted(legs, key=lambda leg: (leg[1] > 0, leg[0].pk)):
                rows = Account.objects.filter(pk=acc.pk)
                if amount < 0 and acc.kind != AccountKind.WORLD:
                    rows = rows.filter(balance_fen__gte=-amount)
                if not rows.update(balance_fen=F("balance_fen") + amount):
                    raise InsufficientFunds(_("Not enough money in the account."))
            Entry.objects.bulk_create(Entry(transaction=tx, account=acc, amount_fen=amount) for acc, amount in legs)
            return tx
    except IntegrityError:
        # The same key won a race: answer as a retry would.
        existing = LedgerTransaction.objects.filter(idempotency_key=key).first()
        if existing is None:
            raise
        return _same_or_conflict(existing, digest)


def _same_or_conflict(existing: LedgerTransaction, digest: str) -> LedgerTransaction:
    if existing.payload_hash != digest:
        raise Conflict(_("This idempotency key was already used for another request."), code="idempotency_conflict")
    return existing


def transfer(*, key: str, kind: str, source: Account, target: Account, amount_fen: int, reference: str = "",
             memo: str = "") -> LedgerTransaction:
    if amount_fen <= 0:
        raise InvalidInput(fields={"amount_fen": _("The amount must be more than zero.")})
    return post(key=key, kind=kind, legs=[(source, -amount_fen), (target, amount_fen)], reference=reference,
                memo=memo)
