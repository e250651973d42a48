"""/cases/{id}/grants, /grants, /me/grants (API.md "Housing, shelter and grants")."""

from typing import Literal

from django.utils.translation import gettext as _
from ninja import Path, Query, Router, Schema, Status
from ninja.responses import codes_4xx

from nuanxin.accounts.auth import bearer
from nuanxin.core.api_errors import ErrorOut
from nuanxin.core.errors import NotFound, PermissionDenied
from nuanxin.core.schemas import MAX_ID, Limit, Offset
from nuanxin.grants import selectors, services
from nuanxin.grants.presenters import donation_out, grant_out
from nuanxin.grants.schemas import (
    DonationIn,
    DonationOut,
    FundOut,
    GrantIn,
    GrantListOut,
    GrantOut,
    MyGrantsOut,
    RejectIn,
)

router = Router(tags=["grants"])
Id = Path(..., ge=1, le=MAX_ID)
ERR = {codes_4xx: ErrorOut}


class ListQuery(Schema):
    limit: Limit = 20
    offset: Offset = 0
    status: Literal["proposed", "paid", "rejected"] | None = None


class PageQuery(Schema):
    limit: Limit = 20
    offset: Offset = 0


def _fund_reader(user) -> None:
    if not selectors.may_read_fund(user):
        raise PermissionDenied(_("The charity fund is read by officials, administrators and case staff; your own "
                                 "grants are in GET /me/grants."), code="forbidden")


@router.post("/cases/{case_id}/grants", response={201: GrantOut, **ERR}, auth=bearer)
def grants_propose(request, payload: GrantIn, case_id: int = Id):
    """Staff of the case's team (advisors for hardship, the rescue station for emergencies)
    propose a grant for the applicant; it waits for a second staff member's approval."""
    grant = services.grant_propose(case_id=case_id, by=request.auth, **payload.dict())
    return Status(201, grant_out(grant, request.auth))


@router.get("/grants", response={200: GrantListOut, **ERR}, auth=bearer)
def grants_list(request, page: Query[ListQuery]):
    """Every grant the caller may see, newest first, with the fund's balance."""
    _fund_reader(request.auth)
    qs = selectors.grants_visible_to(request.auth)
    if page.status:
        qs = qs.filter(status=page.status)
    items = [grant_out(g, request.auth, history=False) for g in qs[page.offset: page.offset + page.limit]]
    return {"items": items, "count": qs.count(), "fund_balance_fen": selectors.fund_summary()["balance_fen"]}


@router.get("/grants/fund", response={200: FundOut, **ERR}, auth=bearer)
def grants_fund(request):
    """The charity fund: balance, donated, paid, waiting for approval, the latest donations."""
    _fund_reader(request.auth)
    return {**selectors.fund_summary(), "donations": [donation_out(d) for d in selectors.donations(limit=100)]}


@router.post("/grants/donations", response={201: DonationOut, **ERR}, auth=bearer)
def grants_donate(request, payload: DonationIn):
    """Administrators record a donation that reached the fund's bank account (idempotent by key)."""
    return Status(201, donation_out(services.donation_record(by=request.auth, **payload.dict())))


@router.get("/grants/{grant_id}", response={200: GrantOut, **ERR}, auth=bearer)
def grants_get(request, grant_id: int = Id):
    grant = selectors.grant_for(request.auth, grant_id)
    if grant is None:
        raise NotFound()
    return grant_out(grant, request.auth)


@router.post("/grants/{grant_id}/approve", response={200: GrantOut, **ERR}, auth=bearer)
def grants_approve(request, grant_id: int = Id):
    """Another staff member approves and the fund pays at once; 403 own_grant for the proposer,
    409 fund_insufficient when the fund is short. Repeating it pays nothing more."""
    return grant_out(services.grant_approve(grant_id=grant_id, by=request.auth), request.auth)


@router.post("/grants/{grant_id}/reject", response={200: GrantOut, **ERR}, auth=bearer)
def grants_reject(request, payload: RejectIn, grant_id: int = Id):
    return grant_out(services.grant_reject(grant_id=grant_id, by=request.auth, note=payload.note), request.auth)


@router.get("/me/grants", response={200: MyGrantsOut, **ERR}, auth=bearer)
def my_grants(request, page: Query[PageQuery]):
    """The grants paid to the caller, newest first."""
    qs = selectors.grants_paid_to(request.auth)
    items = [grant_out(g, request.auth) for g in qs[page.offset: page.offset + page.limit]]
    return {"items": items, "count": qs.count()}
