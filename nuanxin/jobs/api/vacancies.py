"""/jobs, /me/vacancies and /occupations (API.md "Jobs and employment services")."""

import datetime

from django.utils.translation import gettext as _
from ninja import Path, Query, Router, Status
from ninja.responses import codes_4xx
from pydantic import BaseModel, Field, field_validator

from nuanxin.accounts.auth import bearer
from nuanxin.core.api_errors import ErrorOut
from nuanxin.core.errors import NotFound
from nuanxin.core.schemas import MAX_ID, HistoryOut, Limit, Near, Offset, parse_near
from nuanxin.core.towns import Town
from nuanxin.jobs import occupations, selectors, services
from nuanxin.jobs.choices import JobKind, OccupationLevel, PayPeriod

router = Router(tags=["jobs"])
Id = Path(..., ge=1, le=MAX_ID)
ERR = {codes_4xx: ErrorOut}


def _anyone(request):
    """After `bearer`: a request without a (valid) token is read as anyone's."""
    return True


# Public reads that show more to a signed-in reader (the employer, staff) when a token comes.
OPTIONAL_BEARER = [bearer, _anyone]
CODE_PATTERN = r"^[1-8](-[0-9]{2}){0,3}$"


def occupation_field(default=...):
    return Field(default, max_length=12, pattern=CODE_PATTERN, examples=["6-31-01-01"],
                 description="a code of the 2022 classification (a medium or minor group, or an occupation)")


class _Skills(BaseModel):
    @field_validator("skills", check_fields=False)
    @classmethod
    def short_skills(cls, value):
        if value is not None and any(not s.strip() or len(s) > 20 for s in value):
            raise ValueError(_("Each skill is 1 to 20 characters."))
        return value


class VacancyIn(_Skills):
    employer_id: int | None = Field(None, ge=1, le=MAX_ID, description="when the caller is a contact of several")
    title: str = Field(min_length=2, max_length=60)
    occupation: str = occupation_field()
    kind: JobKind = JobKind.FULL_TIME
    headcount: int = Field(ge=1, le=999)
    requirements: str = Field(min_length=1, max_length=1000)
    duties: str = Field(min_length=1, max_length=2000)
    skills: list[str] = Field(default_factory=list, max_length=10)
    address: str = Field(min_length=2, max_length=200)
    town: Town
    lat: float = Field(ge=-90, le=90, allow_inf_nan=False)
    lon: float = Field(ge=-180, le=180, allow_inf_nan=False)
    pay_min_fen: int = Field(ge=0, le=100_000_000, description="basic pay, bottom of the range, in fen")
    pay_max_fen: int = Field(ge=0, le=100_000_000, description="basic pay, top of the range, in fen")
    pay_period: PayPeriod = PayPeriod.MONTH
    valid_until: datetime.date | None = Field(None, description="default today + 30 days; at most 90 days ahead")


class VacancyRenewIn(_Skills):
    """Anything left out stays as it is; changing what the vacancy says sends it back to review."""

    valid_until: datetime.date | None = None
    title: str | None = Field(None, min_length=2, max_length=60)
    occupation: str | None = occupation_field(None)
    kind: JobKind | None = None
    headcount: int | None = Field(None, ge=1, le=999)
    requirements: str | None = Field(None, min_length=1, max_length=1000)
    duties: str | None = Field(None, min_length=1, max_length=2000)
    skills: list[str] | None = Field(None, max_length=10)
    address: str | None = Field(None, min_length=2, max_length=200)
    town: Town | None = None
    lat: float | None = Field(None, ge=-90, le=90, allow_inf_nan=False)
    lon: float | None = Field(None, ge=-180, le=180, allow_inf_nan=False)
    pay_min_fen: int | None = Field(None, ge=0, le=100_000_000)
    pay_max_fen: int | None = Field(None, ge=0, le=100_000_000)
    pay_period: PayPeriod | None = None


class VacancyReviewIn(BaseModel):
    approve: bool
    note: str = Field("", max_length=200, description="required when not approving: the employer reads it")


class VacancyCloseIn(BaseModel):
    note: str = Field("", max_length=200)


class VacancyQuery(BaseModel):
    q: str | None = Field(None, max_length=50, description="Chinese words, full pinyin or pinyin initials")
    town: Town | None = None
    occupation: str | None = Field(None, max_length=12, pattern=CODE_PATTERN,
                                   description="a code: every vacancy under it (4-02 finds 4-02-xx-xx)")
    near: Near = None
    radius_km: float | None = Field(None, gt=0, le=200, allow_inf_nan=False)
    kind: JobKind | None = None
    min_pay_fen: int | None = Field(None, ge=0, le=100_000_000, description="the top of the range reaches it")
    limit: Limit = 20
    offset: Offset = 0


class PageQuery(BaseModel):
    limit: Limit = 20
    offset: Offset = 0


class OccupationQuery(BaseModel):
    parent: str | None = Field(None, max_length=12, pattern=r"^[1-8](-[0-9]{2}){0,2}$",
                               description="the groups under this code; the major groups when left out")
    q: str | None = Field(None, max_length=40, description="words of the name, or the start of a code")
    level: OccupationLevel | None = None
    limit: Limit = 20
    offset: Offset = 0


class VacancyOccupationOut(BaseModel):
    code: str
    name: str
    level: str
    parent: str | None


class OccupationBrief(BaseModel):
    code: str
    name: str


class VacancyEmployerOut(BaseModel):
    id: int
    name: str


class VacancyOut(BaseModel):
    id: int
    title: str
    occupation: OccupationBrief
    kind: str
    headcount: int
    requirements: str
    duties: str
    skills: list[str]
    employer: VacancyEmployerOut
    address: str
    town: str
    lat: float
    lon: float
    pay_min_fen: int
    pay_max_fen: int
    pay_period: str
    valid_until: datetime.date
    status: str
    review_note: str = Field(description="the reviewer's note: for the employer and staff only")
    created_at: datetime.datetime
    distance_m: float | None = None
    history: list[HistoryOut] | None = Field(None, description="for the employer and staff only")


class VacancyListOut(BaseModel):
    items: list[VacancyOut]
    count: int


class OccupationListOut(BaseModel):
    items: list[VacancyOccupationOut]
    count: int


def vacancy_out(v, *, distance_m: float | None = None, history: list[dict] | None = None,
                private: bool = False) -> dict:
    return {
        "id": v.pk, "title": v.title, "occupation": {"code": v.occupation.code, "name": v.occupation.name},
        "kind": v.kind, "headcount": v.headcount, "requirements": v.requirements, "duties": v.duties,
        "skills": list(v.skills or []), "employer": {"id": v.employer_id, "name": v.employer.name},
        "address": v.address, "town": v.town, "lat": v.lat, "lon": v.lon, "pay_min_fen": v.pay_min_fen,
        "pay_max_fen": v.pay_max_fen, "pay_period": v.pay_period, "valid_until": v.valid_until,
        "status": v.status, "review_note": v.review_note if private else "", "created_at": v.created_at,
        "distance_m": round(distance_m, 1) if distance_m is not None else None, "history": history,
    }


def _full(vacancy_id: int, user) -> dict:
    vacancy = selectors.vacancy_visible(vacancy_id, user)
    if vacancy is None:
        raise NotFound()
    private = selectors.vacancy_is_private_to(vacancy, user)
    history = selectors.vacancy_history(vacancy, viewer=user) if private else None
    return vacancy_out(vacancy, history=history, private=private)


@router.post("/jobs", response={201: VacancyOut, **ERR}, auth=bearer)
def jobs_create(request, payload: VacancyIn):
    """A verified employer posts a vacancy; it waits for staff review (status pending_review).
    422 posting_refused names each fairness rule the text breaks; 409 recheck_due when the
    employer's six-monthly re-check is due."""
    vacancy = services.vacancy_create(by=request.auth, data=payload.model_dump())
    return Status(201, _full(vacancy.pk, request.auth))


@router.get("/jobs", response={200: VacancyListOut, **ERR}, auth=None)
def jobs_list(request, filters: Query[VacancyQuery]):
    """Published, valid vacancies of employers whose re-check is not due; nearest first with near."""
    hits, count = selectors.vacancies_search(
        q=filters.q, town=filters.town, occupation=filters.occupation,
        near=parse_near(filters.near) if filters.near else None,
        radius_m=filters.radius_km * 1000 if filters.radius_km else None, kind=filters.kind,
        min_pay_fen=filters.min_pay_fen, limit=filters.limit, offset=filters.offset)
    return {"items": [vacancy_out(h.vacancy, distance_m=h.distance_m) for h in hits], "count": count}


@router.get("/jobs/{vacancy_id}", response={200: VacancyOut, **ERR}, auth=OPTIONAL_BEARER)
def jobs_get(request, vacancy_id: int = Id):
    """A published vacancy for anyone; its employer and staff also see it in review or turned
    down, with `history` and the review note."""
    return _full(vacancy_id, request.user)


@router.post("/jobs/{vacancy_id}/review", response={200: VacancyOut, **ERR}, auth=bearer)
def jobs_review(request, payload: VacancyReviewIn, vacancy_id: int = Id):
    """Staff (advisor, admin): publish the vacancy, or turn it down with a note."""
    services.vacancy_review(vacancy_id=vacancy_id, by=request.auth, approve=payload.approve, note=payload.note)
    return _full(vacancy_id, request.auth)


@router.post("/jobs/{vacancy_id}/close", response={200: VacancyOut, **ERR}, auth=bearer)
def jobs_close(request, payload: VacancyCloseIn, vacancy_id: int = Id):
    """Its employer (or staff) take the vacancy down."""
    services.vacancy_close(vacancy_id=vacancy_id, by=request.auth, note=payload.note)
    return _full(vacancy_id, request.auth)


@router.post("/jobs/{vacancy_id}/renew", response={200: VacancyOut, **ERR}, auth=bearer)
def jobs_renew(request, payload: VacancyRenewIn, vacancy_id: int = Id):
    """Its employer extends it (and may change it: a changed vacancy is reviewed again)."""
    services.vacancy_renew(vacancy_id=vacancy_id, by=request.auth, data=payload.model_dump(exclude_none=True))
    return _full(vacancy_id, request.auth)


@router.get("/me/vacancies", response={200: VacancyListOut, **ERR}, auth=bearer)
def my_vacancies(request, filters: Query[PageQuery]):
    """The vacancies of the employers the caller is a contact of, in every status."""
    qs = selectors.vacancies_of_contact(request.auth)
    rows = list(qs[filters.offset: filters.offset + filters.limit])
    return {"items": [vacancy_out(v, private=True) for v in rows], "count": qs.count()}


@router.get("/occupations", response={200: OccupationListOut, **ERR}, auth=None)
def occupations_list(request, filters: Query[OccupationQuery]):
    """The 2022 national classification, for pickers: the major groups, the groups under
    `parent`, or the entries whose name holds `q` (or whose code starts with it)."""
    if filters.q:
        qs = occupations.search(filters.q, level=filters.level)
        if filters.parent:
            qs = qs.filter(occupations.under(filters.parent))
    else:
        qs = occupations.children_of(filters.parent)
        if filters.level:
            qs = qs.filter(level=filters.level)
    rows = list(qs.select_related("parent")[filters.offset: filters.offset + filters.limit])
    return {"items": [{"code": o.code, "name": o.name, "level": o.level,
                       "parent": o.parent.code if o.parent_id else None} for o in rows], "count": qs.count()}
