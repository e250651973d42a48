"""/fairs (API.md "Jobs and employment services"): job fairs, booths, seekers' sign-up and
check-in, intentions reached, and the booth roll.

`POST /fairs/{id}/checkins` (a worker) is both doors of the seeker's visit: without `door`
it signs the worker up (a six-digit code by SMS, `status: "signed_up"`); with the token of the
fair's door QR, during the fair, it checks the worker in (`status: "checked_in"`, signing up
on the spot if needed). Staff at the door check in by the code: `POST /fairs/{id}/door`."""

import datetime

from django.utils import timezone
from ninja import Field, Path, Query, Router, Schema, Status
from ninja.responses import codes_4xx

from nuanxin.accounts.auth import bearer
from nuanxin.core import dates
from nuanxin.core.api_errors import ErrorOut
from nuanxin.core.errors import NotFound
from nuanxin.core.masking import mask_name
from nuanxin.core.schemas import MAX_ID, Limit, Moment, Offset
from nuanxin.jobs.selectors import fairs as selectors
from nuanxin.jobs.services import fairs as services

router = Router(tags=["jobs"])
Id = Path(..., ge=1, le=MAX_ID)
ERR = {codes_4xx: ErrorOut}


class FairIn(Schema):
    title: str = Field(max_length=200)
    place_id: int = Field(ge=1, le=MAX_ID)
    starts_at: Moment
    ends_at: Moment
    booths: int = Field(ge=1, le=500)
    description: str = Field("", max_length=2000)


class FairPlaceOut(Schema):
    id: int
    name: str
    address: str
    town: str


class FairOut(Schema):
    id: int
    title: str
    place: FairPlaceOut
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    booths: int
    booths_taken: int
    booths_left: int
    visitors: int = Field(description="seekers signed up")
    checked_in: int = Field(description="seekers checked in at the door")
    intentions: int = Field(description="intentions reached (达成意向) recorded by employers")


class EmployerBooked(Schema):
    number: int | None
    employer: str


class FairDetailOut(FairOut):
    description: str
    employers: list[EmployerBooked]


class FairListOut(Schema):
    items: list[FairOut]
    count: int


class FairQuery(Schema):
    past: bool = Field(False, description="fairs already over, latest first (default: upcoming, soonest first)")
    limit: Limit = 20
    offset: Offset = 0


class BoothOut(Schema):
    id: int
    fair_id: int
    employer_id: int
    employer: str
    number: int | None
    status: str


class BoothListOut(Schema):
    items: list[BoothOut]
    count: int


class BoothAttendanceIn(Schema):
    attended: bool


class CheckinIn(Schema):
    door: str = Field("", max_length=200, description="the token of the fair's door QR, to check in during the fair")


class FairVisitOut(Schema):
    id: int
    fair_id: int
    status: str = Field(description="signed_up or checked_in")
    code: str = Field(description="the six-digit code to show at the door")
    checked_in_at: datetime.datetime | None
    intentions: int


class FairCodeIn(Schema):
    code: str = Field(max_length=20)


class DoorOut(Schema):
    visit_id: int
    name: str = Field(description="the visitor's name, masked")
    checked_in_at: datetime.datetime
    already: bool = Field(description="true if this code was already checked in")


class IntentionOut(Schema):
    visit_id: int
    intentions: int


def _aware(value: datetime.datetime) -> datetime.datetime:
    return value if timezone.is_aware(value) else value.replace(tzinfo=dates.local_tz())


def fair_out(fair) -> dict:
    place = fair.place
    return {"id": fair.pk, "title": fair.title, "starts_at": fair.starts_at, "ends_at": fair.ends_at,
            "place": {"id": place.pk, "name": place.name, "address": place.address, "town": place.town},
            "booths": fair.booths, "booths_taken": fair.booths_taken,
            "booths_left": max(0, fair.booths - fair.booths_taken),
            "visitors": getattr(fair, "visitors", 0) or 0, "checked_in": getattr(fair, "checked_in", 0) or 0,
            "intentions": getattr(fair, "intentions_total", 0) or 0}


def _detail(fair_id: int) -> dict:
    fair = selectors.fair(fair_id)
    if fair is None:
        raise NotFound()
    return {**fair_out(fair), "description": fair.description, "employers": selectors.employers_booked(fair.pk)}


def booth_out(booth) -> dict:
    return {"id": booth.pk, "fair_id": booth.fair_id, "employer_id": booth.employer_id,
            "employer": booth.employer.name, "number": booth.number, "status": booth.status}


def visit_out(visit) -> dict:
    return {"id": visit.pk, "fair_id": visit.fair_id, "code": visit.code, "checked_in_at": visit.checked_in_at,
            "status": "checked_in" if visit.checked_in_at else "signed_up", "intentions": visit.intentions}


@router.get("/fairs", response={200: FairListOut, **ERR}, auth=None)
def fairs_list(request, filters: Query[FairQuery]):
    """Job fairs not yet over, soonest first (or `past=true`), with booths left and the counts
    of visitors and intentions reached."""
    rows = selectors.fairs_list(now=services.now_(), past=filters.past)
    page = rows[filters.offset:filters.offset + filters.limit]
    return {"items": [fair_out(f) for f in page], "count": rows.count()}


@router.post("/fairs", response={201: FairDetailOut, **ERR}, auth=bearer)
def fairs_create(request, payload: FairIn):
    """Staff (advisor, admin; a station manager at their own station) set up a fair at the worker
    service center or an employment station."""
    fair = services.create_fair(by=request.auth, title=payload.title, place_id=payload.place_id,
                                starts_at=_aware(payload.starts_at), ends_at=_aware(payload.ends_at),
                                booths=payload.booths, description=payload.description)
    return Status(201, _detail(fair.pk))


@router.get("/fairs/{fair_id}", response={200: FairDetailOut, **ERR}, auth=None)
def fairs_get(request, fair_id: int = Id):
    """One fair: where and when, booths left, the employers booked, visitors and intentions."""
    return _detail(fair_id)


@router.post("/fairs/{fair_id}/booths", response={201: BoothOut, **ERR}, auth=bearer)
def booths_create(request, fair_id: int = Id):
    """A verified employer's contact books one booth. 403 `no_approved_vacancy` (approved and
    still valid vacancy needed), `employer_not_verified`; 409 `full`, `already_booked`,
    `barred` (two no-shows within a year), `closed` (the fair has started)."""
    booth = services.book_booth(fair_id=fair_id, by=request.auth)
    return Status(201, booth_out(booth))


@router.get("/fairs/{fair_id}/booths", response={200: BoothListOut, **ERR}, auth=bearer)
def booths_list(request, fair_id: int = Id):
    """Staff and officials: every booth of the fair with its status (the roll)."""
    fair = selectors.fair_plain(fair_id)
    if fair is None or not services.may_read_roll(request.auth, fair):
        raise NotFound()
    rows = list(selectors.booths_of_fair(fair.pk))
    return {"items": [booth_out(b) for b in rows], "count": len(rows)}


@router.delete("/fairs/{fair_id}/booths/{booth_id}", response={200: BoothOut, **ERR}, auth=bearer)
def booths_cancel(request, fair_id: int = Id, booth_id: int = Id):
    """The employer gives the booth back before the fair starts (once; 409 `not_booked` after)."""
    booth = services.cancel_booth(fair_id=fair_id, booth_id=booth_id, by=request.auth)
    return booth_out(booth)


@router.post("/fairs/{fair_id}/booths/{booth_id}/attendance", response={200: BoothOut, **ERR}, auth=bearer)
def booths_attendance(request, payload: BoothAttendanceIn, fair_id: int = Id, booth_id: int = Id):
    """Staff once the fair has started: the employer came (`attended: true`) or not (a no-show)."""
    booth = services.mark_attendance(fair_id=fair_id, booth_id=booth_id, by=request.auth,
                                     attended=payload.attended)
    return booth_out(booth)


@router.post("/fairs/{fair_id}/checkins", response={201: FairVisitOut, **ERR}, auth=bearer)
def checkins_create(request, payload: CheckinIn | None = None, fair_id: int = Id):
    """A worker signs up (a code by SMS), or with `door` (the fair's door QR) checks in during
    the fair. 409 `already_signed_up`, `closed`, `door_closed`."""
    token = payload.door if payload else ""
    if token:
        visit, _already = services.self_check_in(fair_id=fair_id, by=request.auth, token=token)
    else:
        visit = services.sign_up(fair_id=fair_id, by=request.auth)
    return Status(201, visit_out(visit))


@router.post("/fairs/{fair_id}/door", response={200: DoorOut, **ERR}, auth=bearer)
def door(request, payload: FairCodeIn, fair_id: int = Id):
    """Staff at the door check a seeker in by the six-digit code (typed or scanned)."""
    visit, already = services.door_check_in(fair_id=fair_id, by=request.auth, code=payload.code)
    return {"visit_id": visit.pk, "name": mask_name(visit.user.name or ""), "checked_in_at": visit.checked_in_at,
            "already": already}


@router.post("/fairs/{fair_id}/intentions", response={200: IntentionOut, **ERR}, auth=bearer)
def intentions(request, payload: FairCodeIn, fair_id: int = Id):
    """An employer with a booth records an intention reached (达成意向) with a checked-in visitor,
    by the visitor's code."""
    visit = services.record_intention(fair_id=fair_id, by=request.auth, code=payload.code)
    return {"visit_id": visit.pk, "intentions": visit.intentions}
