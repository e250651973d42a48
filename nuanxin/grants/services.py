"""Every change to grants and donations, each in one transaction.

The four-eyes rule: a member of the case's team (or an administrator) proposes a grant, and
someone else of the same standing approves it; approval pays it at once from the charity
fund into the applicant's wallet (wages.services.charity_pay, under the key
"grants.grant:<id>"), so a grant is paid once however often approval is repeated or raced.
Officials read the fund and every grant but decide none."""

import datetime

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from nuanxin.accounts.choices import Role
from nuanxin.accounts.notify import notify
from nuanxin.cases.choices import OPEN_STATES
from nuanxin.cases.selectors import cases_visible_to
from nuanxin.cases.services import is_team_staff
from nuanxin.core.audit import audit_log
from nuanxin.core.errors import Conflict, InvalidInput, NotAuthenticated, NotFound, PermissionDenied
from nuanxin.core.money import MAX_FEN, format_yuan
from nuanxin.core.permissions import require_role
from nuanxin.grants.choices import (
    KINDS_FOR_CASE_TYPE,
    MAX_GRANT_FEN,
    MIN_GRANT_FEN,
    GrantKind,
    GrantStatus,
)
from nuanxin.grants.models import Donation, Grant
from nuanxin.grants.selectors import grant_visible_to, reference_of
from nuanxin.grants.transitions import GRANTS
from nuanxin.wages import services as wages

MAX_KEY = 100


def _signed_in(by) -> None:
    if not getattr(by, "is_authenticated", False):
        raise NotAuthenticated()


def _check_amount(amount_fen: int) -> None:
    if not MIN_GRANT_FEN <= amount_fen <= MAX_GRANT_FEN:
        raise InvalidInput(fields={"amount_fen": _("A grant is between %(min)s and %(max)s.")
                                   % {"min": format_yuan(MIN_GRANT_FEN), "max": format_yuan(MAX_GRANT_FEN)}})


def grant_propose(*, case_id: int, by, amount_fen: int, purpose: str, kind: str | None = None,
                  idempotency_key: str = "", now: datetime.datetime | None = None) -> Grant:
    """A member of the case's team proposes a grant for the case's applicant; it waits for a
    second member (or an administrator) to approve it. The same key again is the same grant."""
    _signed_in(by)
    now = now or timezone.now()
    key = (idempotency_key or "").strip()
    if len(key) > MAX_KEY:
        raise InvalidInput(fields={"idempotency_key": _("Send an idempotency key of 1 to 100 characters.")})
    case = cases_visible_to(by).filter(pk=case_id).first()
    if case is None:
        raise NotFound()
    if not is_team_staff(by, case.team):
        raise PermissionDenied(_("Only the staff of the request's team propose a grant."))
    kinds = KINDS_FOR_CASE_TYPE.get(case.type)
    if not kinds:
        raise Conflict(_("Only hardship and emergency requests take grants from the charity fund."),
                       code="case_type_not_eligible")
    kind = kind or kinds[0]
    if kind not in kinds:
        raise InvalidInput(fields={"kind": _("This request can take: %(kinds)s.")
                                   % {"kinds": ", ".join(str(GrantKind(k).label) for k in kinds)}})
    _check_amount(amount_fen)
    purpose = (purpose or "").strip()
    if not purpose:
        raise InvalidInput(fields={"purpose": _("Say what the money is for.")})
    if case.state not in OPEN_STATES:
        raise Conflict(_("This request is resolved or closed: reopen it to propose a grant."), code="case_not_open")
    if case.applicant_id is None:
        raise Conflict(_("This request was filed on someone's behalf: the person needs an account of their own to "
                         "receive a grant in their wallet."), code="no_payee")
    if case.applicant_id == by.pk:
        raise PermissionDenied(_("Nobody proposes a grant on their own request."), code="own_case")
    if key:
        existing = Grant.objects.filter(proposed_by=by, idempotency_key=key).first()
        if existing is not None:
            return _same_proposal(existing, case_id, amount_fen)
    try:
        with transaction.atomic():
            grant = GRANTS.create(by=by, now=now, case=case, payee_id=case.applicant_id, kind=kind,
                                  amount_fen=amount_fen, purpose=purpose[:500], status=GrantStatus.PROPOSED,
                                  proposed_by=by, idempotency_key=key)
            audit_log(actor=by, action="grants.propose", obj=grant,
                      detail={"case_id": case.pk, "amount_fen": amount_fen, "kind": kind})
            return grant
    except IntegrityError:  # the same key, concurrently
        existing = Grant.objects.filter(proposed_by=by, idempotency_key=key).first() if key else None
        if existing is None:
            raise
        return _same_proposal(existing, case_id, amount_fen)


def _same_proposal(existing: Grant, case_id: int, amount_fen: int) -> Grant:
    if (existing.case_id, existing.amount_fen) != (case_id, amount_fen):
        raise Conflict(_("This idempotency key was already used for another request."), code="idempotency_conflict")
    return existing


def may_decide(user, grant: Grant) -> bool:
    """Whether the user may approve or turn down this grant at all: the case's team or an
    administrator (the proposer is refused approval separately, with a reason)."""
    return is_team_staff(user, grant.case.team)


def _decidable(grant_id: int, by) -> Grant:
    """The grant, locked, for someone who may decide it: 404 to those who may not see it, 403
    to those who see it but decide nothing (officials, the payee)."""
    _signed_in(by)
    grant = Grant.objects.select_for_update().select_related("case", "payee").filter(pk=grant_id).first()
    if grant is None or not grant_visible_to(by, grant):
        raise NotFound()
    if not may_decide(by, grant):
        raise PermissionDenied(_("Grants are approved by the staff of the request's team or an administrator; "
                                 "officials see the fund and every grant."))
    return grant


def grant_approve(*, grant_id: int, by, now: datetime.datetime | None = None) -> Grant:
    """Approve and pay: the charity fund → the applicant's wallet, in the same transaction as
    the move to "paid". Approving a paid grant again returns it and moves nothing; 403
    own_grant for the proposer; 409 fund_insufficient (nothing moves) when the fund is short."""
    now = now or timezone.now()
    with transaction.atomic():
        grant = _decidable(grant_id, by)
        if grant.proposed_by_id == by.pk:
            raise PermissionDenied(_("Someone else must approve a grant you proposed: two people decide on "
                                     "every grant."), code="own_grant")
        if grant.status == GrantStatus.PAID:
            return grant
        if grant.status != GrantStatus.PROPOSED:
            raise Conflict(_("This grant was turned down: propose a new one if help is still needed."),
                           code="grant_rejected")
        reference = reference_of(grant)
        wages.charity_pay(payee=grant.payee, amount_fen=grant.amount_fen, key=reference, reference=reference,
                          memo=grant.kind)
        if not GRANTS.move(grant, GrantStatus.PAID, by=by, now=now, decided_by=by, decided_at=now):
            # Another approval got there first (its payment is the one under this key).
            fresh = Grant.objects.get(pk=grant.pk)
            if fresh.status == GrantStatus.PAID:
                return fresh
            raise Conflict(_("This grant was just decided by someone else."), code="grant_changed")
        audit_log(actor=by, action="grants.approve", obj=grant, detail={"amount_fen": grant.amount_fen})
        notify(grant.payee, _("%(amount)s of charity aid (%(kind)s) has been paid into your wallet.")
               % {"amount": format_yuan(grant.amount_fen), "kind": grant.get_kind_display()},
               kind="grants.paid", link=reverse("wages:wallet"))
        return grant


def grant_reject(*, grant_id: int, by, note: str, now: datetime.datetime | None = None) -> Grant:
    """Turn a proposal down (or, by its proposer, withdraw it), saying why; nothing is paid."""
    now = now or timezone.now()
    note = (note or "").strip()
    if not note:
        raise InvalidInput(fields={"note": _("Say why, for the record.")})
    with transaction.atomic():
        grant = _decidable(grant_id, by)
        if grant.status == GrantStatus.REJECTED:
            return grant
        if grant.status != GrantStatus.PROPOSED:
            raise Conflict(_("This grant has been paid already."), code="grant_paid")
        if not GRANTS.move(grant, GrantStatus.REJECTED, by=by, now=now, note=note, decided_by=by, decided_at=now,
                           decision_note=note[:200]):
            raise Conflict(_("This grant was just decided by someone else."), code="grant_changed")
        audit_log(actor=by, action="grants.reject", obj=grant, detail={"note": note[:200]})
        return grant


def donation_record(*, by, donor: str, amount_fen: int, idempotency_key: str,
                    received_on: datetime.date | None = None, note: str = "") -> Donation:
    """Staff (administrators) record money that reached the charity fund's bank account; the
    ledger moves it from the outside world into the fund under "grants.donation:<id>". The same
    key again is the same donation and moves nothing."""
    require_role(by, Role.ADMIN)
    donor = (donor or "").strip()
    if not donor:
        raise InvalidInput(fields={"donor": _("Name the donor (or write “anonymous”).")})
    if not 1 <= amount_fen <= MAX_FEN:
        raise InvalidInput(fields={"amount_fen": _("The amount must be between %(min)s and %(max)s.")
                                   % {"min": format_yuan(1), "max": format_yuan(MAX_FEN)}})
    key = (idempotency_key or "").strip()
    if not 1 <= len(key) <= MAX_KEY:
        raise InvalidInput(fields={"idempotency_key": _("Send an idempotency key of 1 to 100 characters.")})
    existing = Donation.objects.filter(recorded_by=by, idempotency_key=key).first()
    if existing is not None:
        if existing.amount_fen != amount_fen:
            raise Conflict(_("This idempotency key was already used for another request."),
                           code="idempotency_conflict")
        return existing
    try:
        with transaction.atomic():
            donation = Donation.objects.create(donor=donor[:100], amount_fen=amount_fen, note=(note or "")[:200],
                                               received_on=received_on or timezone.localdate(),
                                               recorded_by=by, idempotency_key=key)
            reference = f"grants.donation:{donation.pk}"
            wages.charity_donation_record(by=by, amount_fen=amount_fen, key=reference, reference=reference,
                                          memo=donor)
            return donation
    except IntegrityError:  # the same key, concurrently
        existing = Donation.objects.filter(recorded_by=by, idempotency_key=key).first()
        if existing is None:
            raise
        return existing
