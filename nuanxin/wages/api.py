"""/wallet and /me/payout-account (API.md "Wages")."""

from django.utils.translation import gettext as _
from ninja import Path, Router, Status
from ninja.responses import codes_4xx

from nuanxin.accounts.auth import bearer
from nuanxin.accounts.devices import current_device
from nuanxin.core.api_errors import ErrorOut
from nuanxin.core.audit import client_ip
from nuanxin.core.errors import InvalidInput, NotFound
from nuanxin.core.schemas import MAX_ID
from nuanxin.wages import selectors, services
from nuanxin.wages.presenters import kind_label
from nuanxin.wages.schemas import (
    DepositOut,
    MoneyIn,
    PayoutAccountIn,
    PayoutAccountOut,
    PayoutAccountRemovedOut,
    PayoutOut,
    WalletOut,
)

router = Router(tags=["wages"])
ERR = {codes_4xx: ErrorOut}


def deposit_out(d) -> dict:
    return {"id": d.pk, "amount_fen": d.amount_fen, "status": d.status}


@router.post("/wallet/deposits", response={201: DepositOut, **ERR}, auth=bearer)
def deposits_create(request, payload: MoneyIn):
    return Status(201, deposit_out(services.deposit_create(by=request.auth, **payload.dict())))


@router.post("/wallet/deposits/{deposit_id}/confirm", response={200: DepositOut, **ERR}, auth=bearer)
def deposits_confirm(request, deposit_id: int = Path(..., ge=1, le=MAX_ID)):
    return deposit_out(services.deposit_confirm(deposit_id=deposit_id, by=request.auth))


@router.get("/wallet", response={200: WalletOut, **ERR}, auth=bearer)
def wallet(request):
    """Each entry carries `label`, its kind in words ("charity aid from the charity fund")."""
    w = selectors.wallet_of(request.auth)
    return {**w, "entries": [{**e, "label": kind_label(e["kind"])} for e in w["entries"]]}


def payout_account_out(acc) -> dict:
    return {"kind": acc.kind, "number_masked": acc.number_masked}


@router.get("/me/payout-account", response={200: PayoutAccountOut, **ERR}, auth=bearer)
def payout_account(request):
    acc = selectors.payout_account_of(request.auth)
    if acc is None:
        raise NotFound(_("No payout account yet."), code="no_payout_account")
    return payout_account_out(acc)


@router.put("/me/payout-account", response={200: PayoutAccountOut, **ERR}, auth=bearer)
def payout_account_set(request, payload: PayoutAccountIn):
    """A bank card (16–19 digits, Luhn), Alipay (mobile or e-mail) or WeChat (WeChat ID or
    mobile), held in the caller's real name (409 real_name_required until the profile has a
    name and ID number). Every change is told to the worker by inbox and SMS."""
    acc = services.payout_account_set(user=request.auth, ip=client_ip(request), keep_device=current_device(request),
                                      **payload.dict())
    return payout_account_out(acc)


@router.delete("/me/payout-account", response={200: PayoutAccountRemovedOut, **ERR}, auth=bearer)
def payout_account_remove(request):
    acc = services.payout_account_remove(user=request.auth, ip=client_ip(request), keep_device=current_device(request))
    return {**payout_account_out(acc), "removed": True}


@router.post("/wallet/payouts", response={201: PayoutOut, **ERR}, auth=bearer)
def payouts_create(request, payload: MoneyIn):
    p = services.payout_request(user=request.auth, **payload.dict())
    return Status(201, {"id": p.pk, "amount_fen": p.amount_fen, "status": p.status,
                        "destination_masked": p.destination_masked})


@router.post("/wallet/gateway/callback", response={200: DepositOut, **ERR}, auth=None)
def gateway_callback(request):
    """For payment gateways: body {"deposit_id", "status"}, header X-Nuanxin-Signature =
    hex HMAC-SHA256 of the body. Safe to replay."""
    if request.content_type != "application/json":
        # The signature covers the raw JSON body; any other encoding cannot be verified.
        raise InvalidInput(_("Send the callback as application/json."), code="unsupported_media_type")
    deposit = services.gateway_callback(body=request.body, signature=request.headers.get("X-Nuanxin-Signature", ""))
    return deposit_out(deposit)
