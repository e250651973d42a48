"""/offerings, /sessions, /enrollments, /volunteers (API.md "Bookings")."""


from django.utils import timezone
from ninja import Path, Query, Router, Status
from ninja.responses import codes_4xx

from nuanxin.accounts.auth import bearer
from nuanxin.accounts.choices import Role
from nuanxin.bookings import presenters, selectors, services
from nuanxin.bookings.choices import Kind
from nuanxin.bookings.schemas import (
    AttendanceIn,
    ClosedOut,
    CodeIn,
    DecideIn,
    DrawIn,
    DrawOut,
    EnrollIn,
    EnrollmentDetailOut,
    EnrollmentListOut,
    EnrollmentOut,
    ListQuery,
    OfferingIn,
    OfferingListOut,
    OfferingOut,
    OfferingQuery,
    PriorityOut,
    RollOut,
    SessionIn,
    SessionOut,
    VolunteerIn,
    VolunteerListOut,
    VolunteerOut,
)
from nuanxin.core.api_errors import ErrorOut
from nuanxin.core.errors import NotFound
from nuanxin.core.permissions import require_role
from nuanxin.core.schemas import MAX_ID, AppealIn

router = Router(tags=["bookings"])
Id = Path(..., ge=1, le=MAX_ID)
ERR = {codes_4xx: ErrorOut}


def _enrollment(e) -> dict:
    return presenters.enrollment_out(e, selectors.waitlist_positions([e]))


def _session(session_id: int) -> dict:
    s = selectors.session_with_counts(session_id)
    if s is None or not s.offering.published:
        raise NotFound()
    return presenters.session_out(s)


@router.get("/offerings", response={200: OfferingListOut, **ERR}, auth=None)
def offerings_list(request, filters: Query[OfferingQuery]):
    qs = selectors.offerings(kind=filters.kind, place_id=filters.place_id)
    page = qs[filters.offset:filters.offset + filters.limit]
    return {"items": [presenters.offering_out(o) for o in page], "count": qs.count()}


@router.post("/offerings", response={201: OfferingOut, **ERR}, auth=bearer)
def offerings_create(request, payload: OfferingIn):
    offering = services.offering_create(by=request.auth, data=payload.dict())
    return Status(201, presenters.offering_out(offering, sessions=[]))


@router.get("/offerings/{offering_id}", response={200: OfferingOut, **ERR}, auth=None)
def offerings_get(request, offering_id: int = Id):
    offering = selectors.offering(offering_id)
    if offering is None:
        raise NotFound()
    return presenters.offering_out(offering)


@router.post("/offerings/{offering_id}/sessions", response={201: SessionOut, **ERR}, auth=bearer)
def sessions_create(request, payload: SessionIn, offering_id: int = Id):
    session = services.session_create(offering_id=offering_id, by=request.auth, data=payload.dict())
    return Status(201, _session(session.pk))


@router.get("/sessions/{session_id}", response={200: SessionOut, **ERR}, auth=None)
def sessions_get(request, session_id: int = Id):
    return _session(session_id)


@router.post("/sessions/{session_id}/enrollments", response={201: EnrollmentOut, **ERR}, auth=bearer)
def enrollments_create(request, payload: EnrollIn, session_id: int = Id):
    e = services.enroll(session_id=session_id, user=request.auth, child_id=payload.child_id)
    return Status(201, _enrollment(e))


@router.get("/enrollments/{enrollment_id}", response={200: EnrollmentDetailOut, **ERR}, auth=bearer)
def enrollments_get(request, enrollment_id: int = Id):
    """The caller's own enrolment, or one in an offering they organise, with its history."""
    e = selectors.enrollment_visible(enrollment_id, request.auth)
    if e is None:
        raise NotFound()
    return {**_enrollment(e), "history": selectors.enrollment_history(e, viewer=request.auth)}


@router.delete("/enrollments/{enrollment_id}", response={200: EnrollmentOut, **ERR}, auth=bearer)
def enrollments_cancel(request, enrollment_id: int = Id):
    return _enrollment(services.enrollment_cancel(enrollment_id=enrollment_id, user=request.auth))


@router.post("/enrollments/{enrollment_id}/confirm", response={200: EnrollmentOut, **ERR}, auth=bearer)
def enrollments_confirm(request, enrollment_id: int = Id):
    return _enrollment(services.offer_confirm(enrollment_id=enrollment_id, user=request.auth))


@router.post("/enrollments/{enrollment_id}/check-in", response={200: EnrollmentOut, **ERR}, auth=bearer)
def enrollments_check_in(request, payload: CodeIn, enrollment_id: int = Id):
    return _enrollment(services.check_in(enrollment_id=enrollment_id, user=request.auth, code=payload.code))


@router.post("/enrollments/{enrollment_id}/appeal", response={200: EnrollmentOut, **ERR}, auth=bearer)
def enrollments_appeal(request, payload: AppealIn, enrollment_id: int = Id):
    return _enrollment(services.appeal(enrollment_id=enrollment_id, user=request.auth, text=payload.text))


@router.post("/enrollments/{enrollment_id}/appeal/decide", response={200: EnrollmentOut, **ERR}, auth=bearer)
def enrollments_appeal_decide(request, payload: DecideIn, enrollment_id: int = Id):
    e = services.appeal_decide(enrollment_id=enrollment_id, by=request.auth, accept=payload.accept)
    return presenters.enrollment_out(e)


@router.get("/me/enrollments", response={200: EnrollmentListOut, **ERR}, auth=bearer)
def my_enrollments(request, filters: Query[ListQuery]):
    qs = selectors.enrollments_of(request.auth)
    page = list(qs[filters.offset:filters.offset + filters.limit])
    positions = selectors.waitlist_positions(page)
    return {"items": [presenters.enrollment_out(e, positions) for e in page], "count": qs.count()}


@router.get("/me/priority", response={200: list[PriorityOut], **ERR}, auth=bearer)
def my_priority(request):
    """The caller's lottery weight for each kind, and why (lost draws raise it, no-shows lower it)."""
    now = timezone.now()
    return [{"kind": kind, **services.priority_of(request.auth, kind, now)} for kind in Kind.values]


@router.post("/sessions/{session_id}/draw", response={200: DrawOut, **ERR}, auth=bearer)
def sessions_draw(request, payload: DrawIn | None = None, session_id: int = Id):
    """Draw once registration has closed (409 `window_open` before). With `close_early_reason`
    an organiser closes registration now and draws; every registrant is told the reason."""
    reason = payload.close_early_reason if payload else ""
    return presenters.draw_out(services.session_draw(session_id=session_id, by=request.auth,
                                                     close_early_reason=reason))


@router.get("/sessions/{session_id}/draw", response={200: DrawOut, **ERR}, auth=None)
def sessions_draw_get(request, session_id: int = Id):
    """The published draw: before it, the seed's hash; after it, the seed, entries and order,
    which `python -m nuanxin.core.lottery draw.json` re-checks (docs/bookings.md)."""
    s = selectors.session_with_counts(session_id)
    if s is None or not s.offering.published or s.offering.mode != "lottery":
        raise NotFound()
    return presenters.draw_out(s)


@router.get("/sessions/{session_id}/roll", response={200: RollOut, **ERR}, auth=bearer)
def sessions_roll(request, session_id: int = Id):
    session = services.managed_session(session_id, request.auth, teacher_ok=True)
    rows = services.roll_read(session=session, by=request.auth)
    return {"session": _session(session_id), "items": [presenters.roll_row(e) for e in rows],
            "count": len(rows), "checkin_code": session.checkin_code}


@router.post("/sessions/{session_id}/attendance", response={200: EnrollmentOut, **ERR}, auth=bearer)
def sessions_attendance(request, payload: AttendanceIn, session_id: int = Id):
    e = services.attendance_mark(session_id=session_id, enrollment_id=payload.enrollment_id,
                                 by=request.auth, present=payload.present)
    return presenters.enrollment_out(e)


@router.post("/sessions/{session_id}/roll/close", response={200: ClosedOut, **ERR}, auth=bearer)
def sessions_roll_close(request, session_id: int = Id):
    return {"no_shows": services.roll_close(session_id=session_id, by=request.auth)}


def _volunteers_out(vols) -> list[dict]:
    hours = selectors.volunteer_hours(vols, timezone.now())
    return [{"id": v.pk, "name": v.user.name, "phone_masked": v.user.phone_masked, "subjects": v.subjects,
             "organisation": v.organisation, "active": v.active, "sessions": hours[v.pk][0],
             "hours_served": round(hours[v.pk][1], 1)} for v in vols]


@router.get("/volunteers", response={200: VolunteerListOut, **ERR}, auth=bearer)
def volunteers_list(request, filters: Query[ListQuery]):
    require_role(request.auth, *services.ORGANISER_ROLES)
    qs = selectors.volunteers()
    return {"items": _volunteers_out(list(qs[filters.offset:filters.offset + filters.limit])), "count": qs.count()}


@router.post("/volunteers", response={201: VolunteerOut, **ERR}, auth=bearer)
def volunteers_create(request, payload: VolunteerIn):
    v = services.volunteer_register(by=request.auth, **payload.dict())
    return Status(201, _volunteers_out([v])[0])


@router.get("/me/classes", response={200: list[SessionOut], **ERR}, auth=bearer)
def my_classes(request):
    require_role(request.auth, Role.TEACHER)
    return [presenters.session_out(s) for s in selectors.sessions_taught_by(request.auth, timezone.now())]
