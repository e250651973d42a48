"""/gigs, /shifts, /applications (API.md "Gigs (人人帮)")."""

from ninja import Path, Query, Router, Status
from ninja.responses import codes_4xx

from nuanxin.accounts import selectors as accounts_selectors
from nuanxin.accounts.auth import bearer
from nuanxin.accounts.choices import Role
from nuanxin.core.api_errors import ErrorOut
from nuanxin.core.errors import NotFound
from nuanxin.core.permissions import require_role
from nuanxin.core.schemas import MAX_ID, AppealIn, parse_near
from nuanxin.gigs import presenters, selectors, services
from nuanxin.gigs.schemas import (
    ApplicationDetailOut,
    ApplicationListOut,
    ApplicationOut,
    ApplyIn,
    AutofillOut,
    CancelIn,
    ConfirmIn,
    DisputeIn,
    DisputeOut,
    DisputeSettleIn,
    GigIn,
    GigListOut,
    GigOut,
    GigQuery,
    InstantIn,
    PresenceIn,
    RatingIn,
    RecommendedListOut,
    RecommendQuery,
    ReliabilityListOut,
    ReportIn,
    ReportListOut,
    ReportOut,
    ReviewIn,
    StatusOut,
    TimesheetIn,
)

router = Router(tags=["gigs"])
Id = Path(..., ge=1, le=MAX_ID)
ERR = {codes_4xx: ErrorOut}


def _gig_full(gig_id: int, user) -> dict:
    gig = selectors.gig_visible(gig_id, user)
    if gig is None:
        raise NotFound()
    return presenters.gig_out(gig, gig.all_shifts)


def _app(app_id: int, *, for_employer: bool) -> dict:
    """An application as the actor of a service that just authorised them sees it."""
    return presenters.application_out(selectors.application_detail(app_id), for_employer=for_employer)


@router.post("/gigs", response={201: GigOut, **ERR}, auth=bearer)
def gigs_create(request, payload: GigIn):
    data = payload.dict()
    gig = services.gig_create(by=request.auth, data=data)
    return Status(201, _gig_full(gig.pk, request.auth))


@router.get("/gigs", response={200: GigListOut, **ERR}, auth=None)
def gigs_list(request, filters: Query[GigQuery]):
    hits, count = selectors.gigs_search(
        q=filters.q, near=parse_near(filters.near) if filters.near else None,
        radius_m=filters.radius_km * 1000 if filters.radius_km else None, category=filters.category,
        date=filters.date, min_pay_fen=filters.min_pay_fen, sort=filters.sort, limit=filters.limit,
        offset=filters.offset,
    )
    return {"items": [presenters.hit_out(h) for h in hits], "count": count}


@router.get("/gigs/recommended", response={200: RecommendedListOut, **ERR}, auth=bearer)
def gigs_recommended(request, filters: Query[RecommendQuery]):
    require_role(request.auth, Role.WORKER)
    hits = selectors.gigs_recommended(worker=request.auth, near=parse_near(filters.near) if filters.near else None,
                                      limit=filters.limit)
    return {"items": [presenters.hit_out(h, reasons=True) for h in hits], "count": len(hits)}


@router.get("/gigs/{gig_id}", response={200: GigOut, **ERR}, auth=None)
def gigs_get(request, gig_id: int = Id):
    return _gig_full(gig_id, request.user)


@router.post("/gigs/{gig_id}/publish", response={200: GigOut, **ERR}, auth=bearer)
def gigs_publish(request, gig_id: int = Id):
    services.gig_publish(gig_id=gig_id, by=request.auth)
    return _gig_full(gig_id, request.auth)


@router.post("/gigs/{gig_id}/close", response={200: GigOut, **ERR}, auth=bearer)
def gigs_close(request, gig_id: int = Id):
    services.gig_close(gig_id=gig_id, by=request.auth)
    return _gig_full(gig_id, request.auth)


@router.post("/gigs/{gig_id}/instant", response={200: GigOut, **ERR}, auth=bearer)
def gigs_instant(request, payload: InstantIn, gig_id: int = Id):
    services.gig_set_instant(gig_id=gig_id, by=request.auth, instant=payload.instant)
    return _gig_full(gig_id, request.auth)


@router.post("/gigs/{gig_id}/autofill", response={200: AutofillOut, **ERR}, auth=bearer)
def gigs_autofill(request, gig_id: int = Id):
    filled = services.gig_autofill(gig_id=gig_id, by=request.auth)
    apps = [_app(a.pk, for_employer=True) for a in filled]
    return {"filled": len(apps), "applications": apps}


@router.get("/gigs/{gig_id}/applications", response={200: ApplicationListOut, **ERR}, auth=bearer)
def gigs_applications(request, gig_id: int = Id):
    services.employer_of(request.auth)
    apps = selectors.applications_for_employer(request.auth, gig_id).prefetch_related("ratings")
    items = [presenters.application_out(a, for_employer=True) for a in apps]
    return {"items": items, "count": len(items)}


@router.post("/gigs/{gig_id}/reports", response={201: ReportOut, **ERR}, auth=bearer)
def gigs_report(request, payload: ReportIn, gig_id: int = Id):
    r = services.gig_report(gig_id=gig_id, by=request.auth, reason=payload.reason, detail=payload.detail)
    return Status(201, {"id": r.pk, "gig_id": r.gig_id, "reason": r.reason, "detail": r.detail,
                        "status": r.status, "created_at": r.created_at})


@router.get("/reports", response={200: ReportListOut, **ERR}, auth=bearer)
def reports_queue(request):
    require_role(request.auth, Role.ADVISOR, Role.ADMIN)
    reports = selectors.reports_open()
    items = [{"id": r.pk, "gig_id": r.gig_id, "reason": r.reason, "detail": r.detail, "status": r.status,
              "created_at": r.created_at} for r in reports]
    return {"items": items, "count": len(items)}


@router.post("/reports/{report_id}/review", response={200: ReportOut, **ERR}, auth=bearer)
def reports_review(request, payload: ReviewIn, report_id: int = Id):
    r = services.report_review(report_id=report_id, by=request.auth, block=payload.block)
    return {"id": r.pk, "gig_id": r.gig_id, "reason": r.reason, "detail": r.detail, "status": r.status,
            "created_at": r.created_at}


@router.post("/shifts/{shift_id}/applications", response={201: StatusOut, **ERR}, auth=bearer)
def shifts_apply(request, payload: ApplyIn, shift_id: int = Id):
    if payload.worker_phone:
        require_role(request.auth, Role.ADVISOR, Role.ADMIN)
        worker = accounts_selectors.user_by_phone(payload.worker_phone)
        if worker is None:
            raise NotFound()
        app = services.application_apply(shift_id=shift_id, worker=worker, by=request.auth)
    else:
        app = services.application_apply(shift_id=shift_id, worker=request.auth)
    return Status(201, {"id": app.pk, "status": app.status})


@router.post("/shifts/{shift_id}/cancel", response={200: StatusOut, **ERR}, auth=bearer)
def shifts_cancel(request, shift_id: int = Id):
    shift = services.shift_cancel(shift_id=shift_id, by=request.auth)
    return {"id": shift.pk, "status": "cancelled"}


def _employer_action(fn):
    def view(request, application_id: int = Id):
        fn(application_id=application_id, by=request.auth)
        return _app(application_id, for_employer=True)

    return view


router.post("/applications/{application_id}/accept", response={200: ApplicationOut, **ERR}, auth=bearer,
            operation_id="applications_accept")(_employer_action(services.application_accept))
router.post("/applications/{application_id}/reject", response={200: ApplicationOut, **ERR}, auth=bearer,
            operation_id="applications_reject")(_employer_action(services.application_reject))
router.post("/applications/{application_id}/no-show", response={200: ApplicationOut, **ERR}, auth=bearer,
            operation_id="applications_no_show")(_employer_action(services.application_no_show))


@router.get("/applications/{application_id}", response={200: ApplicationDetailOut, **ERR}, auth=bearer)
def applications_get(request, application_id: int = Id):
    """The worker's own application, or one on a shift of the caller's gigs, with its history."""
    seen = selectors.application_seen_by(application_id, request.auth)
    if seen is None:
        raise NotFound()
    app, for_employer = seen
    return {**presenters.application_out(app, for_employer=for_employer),
            "history": selectors.application_history(app, viewer=request.auth)}


@router.post("/applications/{application_id}/cancel", response={200: ApplicationOut, **ERR}, auth=bearer)
def applications_cancel(request, payload: CancelIn, application_id: int = Id):
    services.application_cancel(application_id=application_id, worker=request.auth, reason=payload.reason)
    return _app(application_id, for_employer=False)


@router.post("/applications/{application_id}/check-in", response={200: ApplicationOut, **ERR}, auth=bearer)
def applications_check_in(request, payload: PresenceIn, application_id: int = Id):
    services.check_in(application_id=application_id, worker=request.auth, **payload.dict())
    return _app(application_id, for_employer=False)


@router.post("/applications/{application_id}/check-out", response={200: ApplicationOut, **ERR}, auth=bearer)
def applications_check_out(request, payload: PresenceIn, application_id: int = Id):
    services.check_out(application_id=application_id, worker=request.auth, **payload.dict())
    return _app(application_id, for_employer=False)


@router.post("/applications/{application_id}/timesheet", response={200: ApplicationOut, **ERR}, auth=bearer)
def applications_timesheet(request, payload: TimesheetIn, application_id: int = Id):
    services.timesheet_edit(application_id=application_id, by=request.auth, **payload.dict())
    return _app(application_id, for_employer=True)


@router.post("/applications/{application_id}/confirm", response={200: ApplicationOut, **ERR}, auth=bearer)
def applications_confirm(request, payload: ConfirmIn, application_id: int = Id):
    services.application_confirm(application_id=application_id, by=request.auth, minutes=payload.paid_minutes(),
                                 approve_extra=payload.approve_extra, reason=payload.reason)
    return _app(application_id, for_employer=True)


@router.post("/applications/{application_id}/rating", response={201: StatusOut, **ERR}, auth=bearer)
def applications_rate(request, payload: RatingIn, application_id: int = Id):
    rating = services.rating_create(application_id=application_id, by=request.auth, **payload.dict())
    return Status(201, {"id": rating.pk, "status": "rated"})


@router.post("/applications/{application_id}/dispute", response={201: DisputeOut, **ERR}, auth=bearer)
def applications_dispute(request, payload: DisputeIn, application_id: int = Id):
    case = services.application_dispute(application_id=application_id, by=request.auth, text=payload.text)
    return Status(201, {"case_id": case.pk, "state": case.state, "type": case.type})


@router.post("/applications/{application_id}/accept-hours", response={200: ApplicationOut, **ERR}, auth=bearer)
def applications_accept_hours(request, application_id: int = Id):
    """The worker agrees to the fewer hours the employer confirmed: the held part goes back."""
    services.contest_accept(application_id=application_id, worker=request.auth)
    return _app(application_id, for_employer=False)


@router.post("/applications/{application_id}/dispute-settle", response={200: ApplicationOut, **ERR}, auth=bearer)
def applications_dispute_settle(request, payload: DisputeSettleIn, application_id: int = Id):
    services.dispute_settle(application_id=application_id, by=request.auth, worker_fen=payload.worker_fen)
    return _app(application_id, for_employer=True)


@router.get("/me/applications", response={200: ApplicationListOut, **ERR}, auth=bearer)
def me_applications(request):
    apps = selectors.applications_of_worker(request.auth).prefetch_related("ratings")
    items = [presenters.application_out(a) for a in apps]
    return {"items": items, "count": len(items)}


@router.get("/me/reliability", response={200: ReliabilityListOut, **ERR}, auth=bearer)
def me_reliability(request):
    items = [{"id": r.pk, "kind": r.kind, "reason": r.reason, "created_at": r.created_at,
              "gig_title": r.application.shift.gig.title, "appeal_text": r.appeal_text,
              "appeal_status": r.appeal_status, "counts": r.counts}
             for r in selectors.worker_reliability(request.auth)]
    return {"items": items, "count": len(items)}


@router.post("/reliability/{record_id}/appeal", response={200: StatusOut, **ERR}, auth=bearer)
def reliability_appeal(request, payload: AppealIn, record_id: int = Id):
    record = services.reliability_appeal(record_id=record_id, worker=request.auth, text=payload.text)
    return {"id": record.pk, "status": record.appeal_status}


