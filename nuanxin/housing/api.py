"""/housing (API.md "Housing, shelter and grants"): residences, applications, stays."""

from django.utils.translation import gettext as _
from ninja import Path, Query, Router, Status
from ninja.responses import codes_4xx

from nuanxin.accounts.auth import bearer
from nuanxin.core.api_errors import ErrorOut
from nuanxin.core.errors import InvalidInput, NotFound
from nuanxin.core.schemas import MAX_ID, AppealIn, parse_near
from nuanxin.housing import presenters, selectors, services
from nuanxin.housing.choices import Relation
from nuanxin.housing.schemas import (
    ListQuery,
    ResidenceListOut,
    ResidenceOut,
    ResidenceQuery,
    ShelterIn,
    StayAdviceIn,
    StayAllocateIn,
    StayAppealDecideIn,
    StayApplicationIn,
    StayCheckInIn,
    StayDetailOut,
    StayExtendIn,
    StayListOut,
    StayNoteIn,
    StayOut,
    StayReferralIn,
)

router = Router(tags=["housing"])
Id = Path(..., ge=1, le=MAX_ID)
ERR = {codes_4xx: ErrorOut}


def _out(request, app) -> dict:
    return presenters.application_out(app, viewer_is_applicant=app.applicant_id == request.auth.pk,
                                      today=services.today())


def _detail(request, app_id: int) -> dict:
    app = selectors.application_for(request.auth, app_id, may_manage=services.may_manage)
    if app is None:
        raise NotFound()
    return {**_out(request, app), "history": selectors.application_history(app, viewer=request.auth)}


@router.get("/housing/residences", response={200: ResidenceListOut, **ERR}, auth=None)
def residences_list(request, filters: Query[ResidenceQuery]):
    """Warm residences taking applications, nearest first with `near`, each with its beds and
    how many are free on the night asked (tonight by default)."""
    night = filters.date or services.today()
    near = parse_near(filters.near) if filters.near else None
    radius = filters.radius_km * 1000 if filters.radius_km else None
    rows = selectors.residences_search(near=near, town=filters.town or "", night=night, radius_m=radius)
    page = rows[filters.offset:filters.offset + filters.limit]
    return {"items": [presenters.residence_out(r, night=night) for r in page], "count": len(rows)}


@router.get("/housing/residences/{residence_id}", response={200: ResidenceOut, **ERR}, auth=None)
def residences_get(request, residence_id: int = Id):
    night = services.today()
    row = selectors.residence_row(residence_id, night)
    if row is None:
        raise NotFound()
    return presenters.residence_out(row, night=night)


@router.post("/housing/applications", response={201: StayOut, **ERR}, auth=bearer)
def applications_create(request, payload: StayApplicationIn):
    """Ask for a bed. `allocated`: a bed is kept for those nights (check in on the first day
    with the code); `pending_review`: staff decide (long stays, families); `waitlisted`: no
    bed free yet. 409 `already_applied`, `cap_reached`; 403 `not_eligible`, `not_verified`."""
    adults = 1 + sum(1 for m in payload.party if m.relation != Relation.CHILD)
    child_ids = [m.child_id for m in payload.party if m.relation == Relation.CHILD and m.child_id]
    minors = sum(1 for m in payload.party if m.relation == Relation.CHILD and not m.child_id)
    app = services.apply(
        by=request.auth, check_in=payload.check_in, nights=payload.nights, residence_id=payload.residence_id,
        town=payload.town or "", sex=payload.sex or "", adults=adults, child_ids=child_ids, minors=minors,
        needs_accessible=payload.needs_accessible, looking_for_work=payload.looking_for_work,
        reason=payload.reason)
    return Status(201, _out(request, app))


@router.get("/housing/applications/{app_id}", response={200: StayDetailOut, **ERR}, auth=bearer)
def applications_get(request, app_id: int = Id):
    """The applicant's own, or (staff) one in a residence they manage; with its history."""
    return _detail(request, app_id)


@router.get("/housing/queue", response={200: StayListOut, **ERR}, auth=bearer)
def queue(request, filters: Query[ListQuery]):
    """Staff: requests waiting for review or on the waiting list, in the residences they manage."""
    residences = selectors.residences_managed(request.auth, may_manage=services.may_manage)
    if not residences and not services.is_city_staff(request.auth):
        raise NotFound()
    ids = None if services.is_city_staff(request.auth) else [r.pk for r in residences]
    rows = selectors.queue(residence_ids=ids)
    page = rows[filters.offset:filters.offset + filters.limit]
    return {"items": [_out(request, a) for a in page], "count": rows.count()}


@router.post("/housing/applications/{app_id}/allocate", response={200: StayDetailOut, **ERR}, auth=bearer)
def applications_allocate(request, payload: StayAllocateIn, app_id: int = Id):
    services.allocate(app_id=app_id, by=request.auth, bed_id=payload.bed_id)
    return _detail(request, app_id)


@router.post("/housing/applications/{app_id}/reject", response={200: StayDetailOut, **ERR}, auth=bearer)
def applications_reject(request, payload: StayNoteIn, app_id: int = Id):
    services.reject(app_id=app_id, by=request.auth, note=payload.note)
    return _detail(request, app_id)


@router.post("/housing/applications/{app_id}/check-in", response={200: StayDetailOut, **ERR}, auth=bearer)
def applications_check_in(request, app_id: int = Id):
    """The residence's manager checks the guest in, on the first night's day."""
    services.check_in(app_id=app_id, by=request.auth)
    return _detail(request, app_id)


@router.post("/housing/check-ins", response={200: StayDetailOut, **ERR}, auth=bearer)
def check_in_by_code(request, payload: StayCheckInIn):
    """The manager types (or scans) the guest's six-digit code."""
    app = services.check_in(code=payload.code or "", by=request.auth)
    return _detail(request, app.pk)


@router.post("/housing/applications/{app_id}/check-out", response={200: StayDetailOut, **ERR}, auth=bearer)
def applications_check_out(request, app_id: int = Id):
    services.check_out(app_id=app_id, by=request.auth)
    return _detail(request, app_id)


@router.post("/housing/applications/{app_id}/extend", response={200: StayDetailOut, **ERR}, auth=bearer)
def applications_extend(request, payload: StayExtendIn, app_id: int = Id):
    services.extend(app_id=app_id, by=request.auth, nights=payload.nights, note=payload.note)
    return _detail(request, app_id)


@router.post("/housing/applications/{app_id}/cancel", response={200: StayDetailOut, **ERR}, auth=bearer)
def applications_cancel(request, payload: StayNoteIn | None = None, app_id: int = Id):
    services.cancel(app_id=app_id, by=request.auth, note=payload.note if payload else "")
    return _detail(request, app_id)


@router.post("/housing/applications/{app_id}/appeal", response={200: StayDetailOut, **ERR}, auth=bearer)
def applications_appeal(request, payload: AppealIn, app_id: int = Id):
    """The guest explains a missed check-in (once)."""
    services.appeal(app_id=app_id, by=request.auth, text=payload.text)
    return _detail(request, app_id)


@router.post("/housing/applications/{app_id}/appeal/decide", response={200: StayDetailOut, **ERR},
             auth=bearer)
def applications_appeal_decide(request, payload: StayAppealDecideIn, app_id: int = Id):
    services.appeal_decide(app_id=app_id, by=request.auth, uphold=payload.uphold)
    return _detail(request, app_id)


@router.post("/housing/applications/{app_id}/advice", response={200: StayDetailOut, **ERR}, auth=bearer)
def applications_advice(request, payload: StayAdviceIn, app_id: int = Id):
    """Staff book a job-advice appointment for the guest (at an employment station)."""
    services.advice_book(app_id=app_id, by=request.auth, at=payload.at, place_id=payload.place_id)
    return _detail(request, app_id)


@router.post("/housing/shelter", response={201: StayDetailOut, **ERR}, auth=bearer)
def shelter(request, payload: ShelterIn):
    """Rescue station: a bed tonight for the person (or family) of an emergency case, ahead of
    every queue."""
    app = services.shelter(case_id=payload.case_id, by=request.auth, nights=payload.nights, sex=payload.sex or "",
                           adults=payload.adults, minors=payload.children, residence_id=payload.residence_id,
                           note=payload.note)
    return Status(201, _detail(request, app.pk))


@router.post("/housing/referrals", response={201: StayDetailOut, **ERR}, auth=bearer)
def referrals_create(request, payload: StayReferralIn):
    """Staff (advisor, rescue, admin) ask for a bed for someone, by phone or from a case of
    their team: no newcomer check, no review; `allocated` or `waitlisted`."""
    if payload.case_id is None and not payload.phone:
        raise InvalidInput(fields={"phone": _("Give the person's mobile number, or a case.")})
    app = services.refer(by=request.auth, phone=payload.phone or "", name=payload.name, case_id=payload.case_id,
                         check_in=payload.check_in, nights=payload.nights, sex=payload.sex or "",
                         adults=payload.adults, minors=payload.children, residence_id=payload.residence_id,
                         town=payload.town or "", note=payload.note)
    return Status(201, _detail(request, app.pk))


@router.get("/me/housing", response={200: StayListOut, **ERR}, auth=bearer)
def me_housing(request, filters: Query[ListQuery]):
    """The caller's own requests and stays, newest first."""
    rows = selectors.applications_of(request.auth)
    page = rows[filters.offset:filters.offset + filters.limit]
    return {"items": [_out(request, a) for a in page], "count": rows.count()}


