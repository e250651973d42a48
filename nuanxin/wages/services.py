"""Money movements people ask for: deposits, their confirmation, payout accounts, payouts.
Holding, releasing and refunding wages for other apps are escrow_* below."""

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from nuanxin.accounts import devices
from nuanxin.accounts.choices import Role
from nuanxin.accounts.notify import notify
from nuanxin.accounts.selectors import employer_acting_for, real_name_of
from nuanxin.accounts.services import require_verified_employer
from nuanxin.core.audit import audit_log
from nuanxin.core.errors import Conflict, InvalidInput, NotFound, PermissionDenied
from nuanxin.core.masking import mask_account_number
from nuanxin.core.money import MAX_FEN, format_yuan
from nuanxin.core.permissions import require_role
from nuanxin.wages import ledger
from nuanxin.wages.choices import AccountKind, DepositStatus, PayoutStatus
from nuanxin.wages.gateways import gateway
from nuanxin.wages.models import Deposit, Payout, PayoutAccount
from nuanxin.wages.selectors import payout_account_label
from nuanxin.wages.validators import check_payout_number, same_name

MAX_AMOUNT_FEN = MAX_FEN  # one million yuan in one movement: the most a deposit may be
MAX_PAYOUT_FEN = 5_000_000  # 50,000 yuan in one payout request


def _check_amount(amount_fen: int, max_fen: int = MAX_AMOUNT_FEN) -> None:
    if not 1 <= amount_fen <= max_fen:
        raise InvalidInput(fields={"amount_fen": _("The amount must be between %(min)s and %(max)s.")
                                   % {"min": format_yuan(1), "max": format_yuan(max_fen)}})


def _replay(same_key, amount_fen: int):
    """The earlier request under this key, if any: returned as it was when the amount is the
    same, refused (409) when the key comes back with another amount."""
    existing = same_key.first()
    if existing is not None and existing.amount_fen != amount_fen:
        raise Conflict(_("This idempotency key was already used for another request."), code="idempotency_conflict")
    return existing


def employer_org(user):
    org = employer_acting_for(user)
    if org is None:
        raise PermissionDenied(_("Register your organisation as an employer first."), code="not_an_employer")
    return org


def deposit_create(*, by, amount_fen: int, idempotency_key: str) -> Deposit:
    """An employer announces a deposit; with the offline gateway it waits for staff to confirm."""
    require_role(by, Role.EMPLOYER)
    org = employer_org(by)
    require_verified_employer(org)  # a pending claim may be a squatter's: no money in before staff verify
    _check_amount(amount_fen)
    existing = _replay(Deposit.objects.filter(employer_user=by, idempotency_key=idempotency_key), amount_fen)
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            deposit = Deposit.objects.create(employer=org, employer_user=by, amount_fen=amount_fen,
                                             idempotency_key=idempotency_key)
            deposit.gateway_ref = gateway().start_deposit(deposit)
            deposit.save(update_fields=["gateway_ref"])
            return deposit
    except IntegrityError:
        return deposit_create(by=by, amount_fen=amount_fen, idempotency_key=idempotency_key)


@transaction.atomic
def deposit_confirm(*, deposit_id: int, by=None, now: datetime.datetime | None = None) -> Deposit:
    """Money arrived: world → employer available. Safe to repeat (a replayed gateway callback)."""
    if by is not None:
        require_role(by, Role.ADMIN)
    deposit = Deposit.objects.select_for_update().filter(pk=deposit_id).first()
    if deposit is None:
        raise NotFound()
    if deposit.status == DepositStatus.CONFIRMED:
        return deposit
    ledger.transfer(key=f"deposit:{deposit.pk}", kind="deposit", source=ledger.account(AccountKind.WORLD),
                    target=ledger.account(AccountKind.EMPLOYER_AVAILABLE, deposit.employer_id),
                    amount_fen=deposit.amount_fen, reference=f"deposit:{deposit.pk}")
    deposit.status, deposit.confirmed_at = DepositStatus.CONFIRMED, now or timezone.now()
    deposit.save(update_fields=["status", "confirmed_at"])
    if by is not None:
        audit_log(actor=by, action="wages.deposit_confirm", obj=deposit, detail={"amount_fen": deposit.amount_fen})
    return deposit


def _masked(kind: str, number: str) -> str:
    """What screens and messages show of a payout account: the last four characters behind
    four stars (the length of the number is nobody's business), and an e-mail's domain."""
    local, at, domain = number.rpartition("@")
    if at:
        return f"{mask_account_number(local[-8:])}@{domain}"[:40]
    return mask_account_number(number[-8:])


def _tell_account_change(user, text: str) -> None:
    """Account takeover is how wages are stolen: every change is told to the person at once, by
    inbox and SMS, with what to do if it was not them (in each message's own sentence)."""
    notify(user, text, kind="payout_account", link=reverse("wages:payout-account"))


@transaction.atomic
def payout_account_set(*, user, kind: str, number: str, holder: str, ip: str | None = None,
                       keep_device: str | None = None) -> PayoutAccount:
    """Add or replace the worker's one payout account: a bank card (16–19 digits, Luhn check),
    Alipay (mobile or e-mail) or WeChat (WeChat ID or mobile), in the worker's own real name.
    The same account again changes nothing; a change is audited, told to the worker, and signs
    out every other device of theirs (`keep_device`, the one asking, stays signed in): whoever
    holds a stolen session cannot stay to redirect the wages."""
    require_role(user, Role.WORKER)
    real_name = real_name_of(user)
    if real_name is None:
        raise Conflict(_("Put your real name and ID number in your profile first: wages can only be paid to an "
                         "account in your own name."), code="real_name_required")
    problems = {}
    try:
        number = check_payout_number(kind, number)
    except ValidationError as exc:
        problems["number"] = exc.messages[0]
    if not same_name(holder, real_name):
        problems["holder"] = _("The account must be in your own name, as on your ID card: %(name)s.") % {
            "name": real_name}
    if problems:
        raise InvalidInput(fields=problems)
    old = PayoutAccount.objects.select_for_update().filter(user=user).first()
    if old is not None and (old.kind, old.number, old.holder) == (kind, number, real_name):
        return old  # a retried request: nothing changed, nothing to tell
    new_masked = _masked(kind, number)
    new_label = payout_account_label(kind, new_masked)
    if old is None:
        try:
            with transaction.atomic():
                acc = PayoutAccount.objects.create(user=user, kind=kind, number=number, number_masked=new_masked,
                                                   holder=real_name)
        except IntegrityError:  # a second request added one at the same moment
            raise Conflict(_("Your payout account was just changed by another request. Check it and try again."),
                           code="payout_account_changed") from None
        text = _("Your payout account was set to %(account)s. If this was not you, call 12345 or come to the "
                 "worker service center at once.") % {"account": new_label}
        previous = {}
    else:
        previous = {"previous_kind": old.kind, "previous": old.number_masked}
        old_label = payout_account_label(old.kind, old.number_masked)
        old.kind, old.number, old.number_masked, old.holder = kind, number, new_masked, real_name
        old.save()
        acc = old
        text = _("Your payout account was changed from %(old)s to %(new)s. If this was not you, call 12345 or "
                 "come to the worker service center at once.") % {"old": old_label, "new": new_label}
    signed_out = devices.devices_revoke_all(user=user, keep=keep_device)
    audit_log(actor=user, action="wages.payout_account_set", obj=acc, ip=ip,
              detail={"kind": kind, "number_masked": new_masked, "devices_signed_out": signed_out, **previous})
    _tell_account_change(user, text)
    return acc


@transaction.atomic
def payout_account_remove(*, user, ip: str | None = None, keep_device: str | None = None) -> PayoutAccount:
    """Remove the worker's payout account. Payouts already on their way keep their destination;
    new payouts are refused (no_payout_account) until an account is added again. Every other
    device is signed out, as when the account changes."""
    require_role(user, Role.WORKER)
    acc = PayoutAccount.objects.select_for_update().filter(user=user).first()
    if acc is None:
        raise NotFound(_("There is no payout account to remove."), code="no_payout_account")
    label = payout_account_label(acc.kind, acc.number_masked)
    signed_out = devices.devices_revoke_all(user=user, keep=keep_device)
    audit_log(actor=user, action="wages.payout_account_remove", obj=acc, ip=ip,
              detail={"kind": acc.kind, "number_masked": acc.number_masked, "devices_signed_out": signed_out})
    acc.delete()
    _tell_account_change(user, _("Your payout account %(account)s was removed. If this was not you, call 12345 "
                                 "or come to the worker service center at once.") % {"account": label})
    return acc


def payout_request(*, user, amount_fen: int, idempotency_key: str) -> Payout:
    """The worker takes money out: available → payouts in transit, to their saved account."""
    require_role(user, Role.WORKER)
    _check_amount(amount_fen, MAX_PAYOUT_FEN)
    destination = PayoutAccount.objects.filter(user=user).first()
    if destination is None:
        raise Conflict(_("Add a bank card or wallet first."), code="no_payout_account")
    existing = _replay(Payout.objects.filter(user=user, idempotency_key=idempotency_key), amount_fen)
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            payout = Payout.objects.create(user=user, amount_fen=amount_fen, idempotency_key=idempotency_key,
                                           destination_masked=destination.number_masked,
                                           destination_kind=destination.kind)
            try:
                ledger.transfer(key=f"payout:{payout.pk}", kind="payout",
                                source=ledger.account(AccountKind.WORKER_AVAILABLE, user),
                                target=ledger.account(AccountKind.PAYOUT_TRANSIT), amount_fen=amount_fen,
                                reference=f"payout:{payout.pk}")
            except ledger.InsufficientFunds:
                raise Conflict(_("Your balance is not enough for this payout."), code="insufficient_funds") from None
            gateway().start_payout(payout, destination)
            return payout
    except IntegrityError:  # the same key, concurrently
        existing = Payout.objects.filter(user=user, idempotency_key=idempotency_key).first()
        if existing is None:
            raise
        return existing


@transaction.atomic
def payout_settle(*, payout_id: int, by=None) -> Payout:
    """The bank or wallet paid it out: in transit → the outside world."""
    payout = Payout.objects.select_for_update().filter(pk=payout_id).first()
    if payout is None:
        raise NotFound()
    if payout.status == PayoutStatus.SENT:
        return payout
    ledger.transfer(key=f"payout-sent:{payout.pk}", kind="payout_sent", source=ledger.account(AccountKind.PAYOUT_TRANSIT),
                    target=ledger.account(AccountKind.WORLD), amount_fen=payout.amount_fen,
                    reference=f"payout:{payout.pk}")
    payout.status = PayoutStatus.SENT
    payout.save(update_fields=["status"])
    return payout


# --- escrow, for other apps (the gig market holds, settles and refunds through these) -------


def escrow_hold(*, employer, amount_fen: int, key: str, reference: str = "") -> None:
    """Move money the employer has into escrow; 409 escrow_insufficient when it is not there."""
    try:
        ledger.transfer(key=key, kind="escrow_hold", source=ledger.account(AccountKind.EMPLOYER_AVAILABLE, employer),
                        target=ledger.account(AccountKind.EMPLOYER_ESCROW, employer), amount_fen=amount_fen,
                        reference=reference)
    except ledger.InsufficientFunds:
        raise Conflict(
            _("Not enough money deposited: %(amount)s must be held in escrow before this is published.")
            % {"amount": format_yuan(amount_fen)}, code="escrow_insufficient",
        ) from None


def escrow_settle(*, employer, held_fen: int, payee=None, pay_fen: int = 0, key: str, reference: str = "") -> None:
    """Close one hold: pay `pay_fen` to the payee (a worker), return what is left of `held_fen`
    to the employer; a payment above the hold comes from the employer's available money. One
    balanced transaction, so it happens whole or not at all, once per key."""
    escrow = ledger.account(AccountKind.EMPLOYER_ESCROW, employer)
    available = ledger.account(AccountKind.EMPLOYER_AVAILABLE, employer)
    from_hold = min(pay_fen, held_fen)
    legs = [(escrow, -held_fen), (available, held_fen - from_hold - max(0, pay_fen - held_fen))]
    if pay_fen:
        legs.append((ledger.account(AccountKind.WORKER_AVAILABLE, payee), pay_fen))
    legs = [(acc, amount) for acc, amount in legs if amount]
    if not legs:
        return
    try:
        ledger.post(key=key, kind="escrow_settle", legs=legs, reference=reference)
    except ledger.InsufficientFunds:
        raise Conflict(_("Not enough money deposited to pay these hours."), code="escrow_insufficient") from None


# --- the charity fund (慈善救助), for other apps (grants pays its hardship grants through these)


def charity_donation_record(*, by, amount_fen: int, key: str, reference: str = "", memo: str = ""):
    """A donation arrived in the charity fund's bank account: the outside world → the fund.
    Staff (admin) only; the same key again moves nothing (the first transaction is returned),
    the same key with another amount is a 409."""
    require_role(by, Role.ADMIN)
    _check_amount(amount_fen)
    tx = ledger.transfer(key=key, kind="charity_donation", source=ledger.account(AccountKind.WORLD),
                         target=ledger.account(AccountKind.CHARITY_FUND), amount_fen=amount_fen,
                         reference=reference, memo=memo)
    audit_log(actor=by, action="wages.charity_donation", obj=tx, detail={"amount_fen": amount_fen})
    return tx


def charity_pay(*, payee, amount_fen: int, key: str, reference: str = "", memo: str = ""):
    """Pay from the charity fund into a worker's available account, once per key; 409
    fund_insufficient (and nothing moved) when the fund holds less. The calling app decides
    who may pay (grants: a second staff member approves what the first proposed)."""
    try:
        return ledger.transfer(key=key, kind="charity_grant", source=ledger.account(AccountKind.CHARITY_FUND),
                               target=ledger.account(AccountKind.WORKER_AVAILABLE, payee), amount_fen=amount_fen,
                               reference=reference, memo=memo)
    except ledger.InsufficientFunds:
        raise Conflict(_("The charity fund holds less than %(amount)s: record a donation first.")
                       % {"amount": format_yuan(amount_fen)}, code="fund_insufficient") from None


def gateway_callback(*, body: bytes, signature: str) -> Deposit:
    """A payment gateway reports a paid deposit: {"deposit_id": n, "status": "paid"} signed
    with HMAC-SHA256. Replays are harmless: confirming twice moves money once."""
    import json

    if not gateway().accepts_callbacks:
        # The offline gateway's deposits are confirmed by staff; a callback is never real.
        raise NotFound(_("No payment gateway reports here."), code="gateway_off")
    if not gateway().verify_callback(body, signature):
        raise PermissionDenied(_("The callback signature does not match."), code="bad_signature")
    try:
        data = json.loads(body)
        deposit_id = int(data["deposit_id"])
        paid = data["status"] == "paid"
    except (ValueError, KeyError, TypeError):
        raise InvalidInput(_("The callback body is not understood.")) from None
    if not paid:
        deposit = Deposit.objects.filter(pk=deposit_id).first()
        if deposit is None:
            raise NotFound()
        return deposit
    return deposit_confirm(deposit_id=deposit_id)
