"""API.md "Jobs and employment services", part B: job seekers, follow-ups, suggestions and
referrals. Handlers parse, call a service or selector, present; the rules are in the services.

Privacy: employers never list or search seekers (no candidates endpoint for them); they see a
seeker only on a referral sent to their own vacancy. Officials get no personal files."""

import datetime
from typing import Literal

from django.utils.translation import gettext as _
from ninja import Field, Path, Query, Router, Schema, Status
from ninja.responses import codes_4xx

from nuanxin.accounts.auth import bearer
from nuanxin.core.api_errors import ErrorOut
from nuanxin.core.audit import client_ip
from nuanxin.core.errors import NotFound, PermissionDenied
from nuanxin.core.permissions import has_role
from nuanxin.core.schemas import MAX_ID, HistoryOut, Limit, Offset, Phone
from nuanxin.core.towns import Town
from nuanxin.jobs import matching
from nuanxin.jobs.choices import Channel, Hardship, SeekerStatus
from nuanxin.jobs.presenters import seekers as presenters
from nuanxin.jobs.selectors import seekers as selectors
from nuanxin.jobs.services import referrals as referral_services
from nuanxin.jobs.services import seekers as services

router = Router(tags=["jobs"])
Id = Path(..., ge=1, le=MAX_ID)
ERR = {codes_4xx: ErrorOut}
Word = Field(max_length=40)


# --- schemas ----------------------------------------------------------------------------------


class SeekerIn(Schema):
    seeker_id: int | None = Field(None, ge=1, le=MAX_ID, description="staff: the file to update")
    phone: Phone | None = Field(None, description="staff: register the person with this mobile number")
    name: str = Field("", max_length=50, description="staff: the person's name, with `phone`")
    occupations: list[str] | None = Field(None, max_length=10, description="codes of 职业分类大典 (2022)")
    skills: list[str] | None = Field(None, max_length=20)
    certificates: list[str] | None = Field(None, max_length=20)
    experience_years: int | None = Field(None, ge=0, le=60)
    languages: list[str] | None = Field(None, max_length=20)
    hardship: Hardship | None = None
    wanted_pay_fen: int | None = Field(None, ge=0, le=10_000_000)
    town: Town | None = None
    lat: float | None = Field(None, ge=-90, le=90)
    lon: float | None = Field(None, ge=-180, le=180)
    station_id: int | None = Field(None, ge=1, le=MAX_ID)
    advisor_id: int | None = Field(None, ge=1, le=MAX_ID, description="advisors: reassign the file")
    notes: str | None = Field(None, max_length=2000, description="staff only")


class SeekerOccupationOut(Schema):
    code: str
    name: str


class SeekerOut(Schema):
    id: int
    user_id: int
    name: str
    phone_masked: str
    status: str
    status_label: str
    tier: str
    tier_label: str
    tier_reasons: list[str]
    occupations: list[SeekerOccupationOut]
    skills: list[str]
    certificates: list[str]
    experience_years: int
    languages: list[str]
    hardship: str
    hardship_label: str
    wanted_pay_fen: int
    town: str
    advisor: str | None
    advisor_id: int | None
    station_id: int | None
    station: str | None
    station_phone: str | None
    registered_by_staff: bool
    registered_at: datetime.datetime
    next_contact_on: datetime.date | None
    placed_at: datetime.datetime | None
    closed_at: datetime.datetime | None
    notes: str | None = None


class FollowUpOut(Schema):
    id: int
    channel: str
    channel_label: str
    note: str
    at: datetime.datetime
    by: str
    next_contact_on: datetime.date | None


class SeekerRowOut(Schema):
    id: int
    name: str
    phone_masked: str
    status: str
    status_label: str
    tier: str
    advisor: str | None
    station_id: int | None
    next_contact_on: datetime.date | None


class SeekerListOut(Schema):
    items: list[SeekerRowOut]
    count: int


class VacancyBriefOut(Schema):
    id: int
    title: str
    employer: str
    occupation_code: str
    occupation: str
    town: str
    address: str
    pay_min_fen: int
    pay_max_fen: int
    pay_period: str
    valid_until: datetime.date


class PersonOut(Schema):
    name: str
    phone_masked: str


class ReferralOut(Schema):
    id: int
    status: str
    status_label: str
    letter_url: str
    seeker_id: int
    seeker: PersonOut
    job: VacancyBriefOut
    advisor: str
    station: str | None
    station_phone: str | None
    note: str
    created_at: datetime.datetime
    interviewed_at: datetime.datetime | None
    decided_at: datetime.datetime | None


class ReferralDetailOut(ReferralOut):
    history: list[HistoryOut]


class ReferralListOut(Schema):
    items: list[ReferralOut]
    count: int


class SeekerFileOut(SeekerOut):
    follow_ups: list[FollowUpOut]
    referrals: list[ReferralOut]


class MatchFields(Schema):
    score: int = Field(description="higher is better; see jobs/matching.py for the rule")
    reasons: list[str]
    occupation_match: str = Field(description="same_occupation | same_minor | same_medium | none")
    skills_in_common: list[str]
    distance_m: int | None
    pay_fits: bool | None


class SuggestionOut(MatchFields):
    job: VacancyBriefOut


class SuggestionListOut(Schema):
    items: list[SuggestionOut]
    count: int


class CandidateOut(MatchFields):
    seeker: SeekerRowOut


class CandidateListOut(Schema):
    items: list[CandidateOut]
    count: int


class SeekerQuery(Schema):
    due: bool = Field(False, description="only the follow-ups due today or earlier, the caller's own seekers first")
    q: str = Field("", max_length=50, description="a name, or digits of a phone number")
    status: SeekerStatus | None = None
    station_id: int | None = Field(None, ge=1, le=MAX_ID)
    limit: Limit = 20
    offset: Offset = 0


class ListQuery(Schema):
    limit: Limit = 20
    offset: Offset = 0


class FollowUpIn(Schema):
    channel: Channel
    note: str = Field("", max_length=2000)
    next_contact_on: datetime.date | None = Field(None, description="default: 14 days from today")


class SeekerCloseIn(Schema):
    outcome: SeekerStatus = Field(SeekerStatus.CLOSED, description="placed or closed")
    reason: str = Field("", max_length=200)


class PhoneOut(Schema):
    phone: str


class JobReferralIn(Schema):
    seeker_id: int = Field(ge=1, le=MAX_ID)
    job_id: int = Field(ge=1, le=MAX_ID)
    note: str = Field("", max_length=300)


class OutcomeIn(Schema):
    outcome: Literal["interviewed", "hired", "not_hired", "no_show"]
    note: str = Field("", max_length=200)


class ReferralNoteIn(Schema):
    note: str = Field("", max_length=200)


# --- helpers ----------------------------------------------------------------------------------


def _seeker_out(seeker, *, staff: bool) -> dict:
    return presenters.seeker_out(seeker, full=True, reasons=services.tier_reasons(seeker), staff=staff)


def _referral(referral, viewer_kind: str, request) -> dict:
    return presenters.referral_out(referral, viewer_kind=viewer_kind,
                                   letter_url=request.build_absolute_uri(referral_services.letter_path(referral)))


def _referral_detail(request, referral_id: int) -> dict:
    found = selectors.referral_for(request.auth, referral_id)
    if found is None:
        raise NotFound()
    referral, kind = found
    if kind == "staff":
        from nuanxin.core.audit import audit_log

        audit_log(actor=request.auth, action="jobs.referral.read", obj=referral, ip=client_ip(request))
    return {**_referral(referral, kind, request),
            "history": selectors.referral_history_out(referral, viewer=request.auth)}


def _require_seeker_staff(user) -> None:
    if not (selectors.is_city_staff(user) or has_role(user, "station_manager")):
        raise PermissionDenied(_("For employment advisors and station staff."), code="forbidden")


# --- the worker's own -------------------------------------------------------------------------


@router.put("/me/job-seeker", response={200: SeekerOut, **ERR}, auth=bearer)
def me_job_seeker_put(request, payload: SeekerIn):
    """Register as a job seeker, or update the registration (a worker, for themselves). Staff
    (an advisor, an administrator, a station manager for their station) register someone at
    the window with `phone` (and `name`), or update a file with `seeker_id`; `advisor_id`
    reassigns it. The answer shows the service tier and why."""
    data = payload.dict(exclude={"seeker_id", "phone", "name"}, exclude_unset=True)
    seeker = services.seeker_register(by=request.auth, data=data, seeker_id=payload.seeker_id,
                                      phone=payload.phone or "", name=payload.name)
    return _seeker_out(seeker, staff=seeker.user_id != request.auth.pk)


@router.get("/me/job-seeker", response={200: SeekerOut, **ERR}, auth=bearer)
def me_job_seeker_get(request):
    """The caller's own registration: tier and why, advisor, station."""
    seeker = selectors.seeker_of(request.auth)
    if seeker is None:
        raise NotFound(_("You are not registered as a job seeker."))
    return _seeker_out(seeker, staff=False)


@router.post("/me/job-seeker/close", response={200: SeekerOut, **ERR}, auth=bearer)
def me_job_seeker_close(request, payload: ReferralNoteIn):
    """The worker closes their own registration (found work themselves, or stops looking)."""
    seeker = services.seeker_close(by=request.auth, reason=payload.note)
    return _seeker_out(seeker, staff=False)


@router.get("/me/job-suggestions", response={200: SuggestionListOut, **ERR}, auth=bearer)
def me_job_suggestions(request, filters: Query[ListQuery]):
    """Live vacancies suggested to the caller, best first, each with its reasons."""
    seeker = selectors.seeker_of(request.auth)
    if seeker is None:
        raise NotFound(_("Register as a job seeker first."))
    rows = matching.suggestions_for_seeker(seeker, limit=filters.offset + filters.limit)
    page = rows[filters.offset:]
    return {"items": [presenters.suggestion_out(m, v) for m, v in page], "count": len(rows)}


@router.get("/me/referrals", response={200: ReferralListOut, **ERR}, auth=bearer)
def me_referrals(request, filters: Query[ListQuery]):
    """The caller's referrals, newest first, each with its letter."""
    qs = selectors.referrals_of_worker(request.auth)
    page = qs[filters.offset:filters.offset + filters.limit]
    return {"items": [_referral(r, "seeker", request) for r in page], "count": qs.count()}


# --- staff ------------------------------------------------------------------------------------


@router.get("/job-seekers", response={200: SeekerListOut, **ERR}, auth=bearer)
def job_seekers_list(request, filters: Query[SeekerQuery]):
    """Staff: the seekers they serve (masked names and phones). `due=true`: the follow-up
    queue, the caller's own seekers first, then their station's, longest overdue first."""
    _require_seeker_staff(request.auth)
    qs = selectors.seekers_search(request.auth, q=filters.q, status=filters.status or "",
                                  station_id=filters.station_id,
                                  due_on=selectors.today() if filters.due else None)
    page = qs[filters.offset:filters.offset + filters.limit]
    return {"items": [presenters.seeker_row(s) for s in page], "count": qs.count()}


@router.get("/job-seekers/{seeker_id}", response={200: SeekerFileOut, **ERR}, auth=bearer)
def job_seekers_get(request, seeker_id: int = Id):
    """Staff: a seeker's file with follow-ups and referrals (the read is audit-logged)."""
    seeker = services.seeker_read(by=request.auth, seeker_id=seeker_id, ip=client_ip(request))
    return {**_seeker_out(seeker, staff=True),
            "follow_ups": [presenters.follow_up_out(f) for f in selectors.follow_ups_of(seeker)[:100]],
            "referrals": [_referral(r, "staff", request) for r in selectors.referrals_of_seeker(seeker)[:100]]}


@router.post("/job-seekers/{seeker_id}/phone", response={200: PhoneOut, **ERR}, auth=bearer)
def job_seekers_phone(request, seeker_id: int = Id):
    """Staff: the seeker's phone number in full, to call them (audit-logged)."""
    return {"phone": services.seeker_phone(by=request.auth, seeker_id=seeker_id, ip=client_ip(request))}


@router.post("/job-seekers/{seeker_id}/follow-ups", response={201: FollowUpOut, **ERR}, auth=bearer)
def job_seekers_follow_up(request, payload: FollowUpIn, seeker_id: int = Id):
    """Staff record a contact (call, WeChat, visit, window, SMS) and the next contact date."""
    f = services.follow_up_add(by=request.auth, seeker_id=seeker_id, channel=payload.channel, note=payload.note,
                               next_contact_on=payload.next_contact_on)
    return Status(201, presenters.follow_up_out(f))


@router.post("/job-seekers/{seeker_id}/close", response={200: SeekerOut, **ERR}, auth=bearer)
def job_seekers_close(request, payload: SeekerCloseIn, seeker_id: int = Id):
    """Staff close a registration: placed (found work outside a referral) or closed, with a reason."""
    seeker = services.seeker_close(by=request.auth, seeker_id=seeker_id, outcome=payload.outcome,
                                   reason=payload.reason)
    return _seeker_out(seeker, staff=True)


@router.get("/job-seekers/{seeker_id}/suggestions", response={200: SuggestionListOut, **ERR}, auth=bearer)
def job_seekers_suggestions(request, filters: Query[ListQuery], seeker_id: int = Id):
    """Staff: live vacancies suggested to a seeker, best first, with the reasons."""
    seeker = selectors.seeker_for_staff(request.auth, seeker_id)
    if seeker is None:
        raise NotFound()
    rows = matching.suggestions_for_seeker(seeker, limit=filters.offset + filters.limit)
    return {"items": [presenters.suggestion_out(m, v) for m, v in rows[filters.offset:]], "count": len(rows)}


@router.get("/jobs/{job_id}/candidates", response={200: CandidateListOut, **ERR}, auth=bearer)
def jobs_candidates(request, filters: Query[ListQuery], job_id: int = Id):
    """Staff: active seekers a live vacancy suits, best first, with the reasons (masked
    names). Employers get nothing here: they never browse seekers."""
    _require_seeker_staff(request.auth)
    vacancy = selectors.live_vacancy(job_id)
    if vacancy is None:
        raise NotFound()
    visible = set(selectors.seekers_visible_to(request.auth).values_list("pk", flat=True))
    rows = [(m, s) for m, s in matching.candidates_for_vacancy(vacancy, limit=5000) if s.pk in visible]
    page = rows[filters.offset:filters.offset + filters.limit]
    return {"items": [presenters.candidate_out(m, s) for m, s in page], "count": len(rows)}


# --- referrals --------------------------------------------------------------------------------


@router.post("/referrals", response={201: ReferralOut, **ERR}, auth=bearer)
def referrals_create(request, payload: JobReferralIn):
    """An advisor refers a seeker to a live vacancy → 201 with the letter's URL; 409
    `already_referred`, `not_active`, `not_live`."""
    referral = referral_services.referral_create(by=request.auth, seeker_id=payload.seeker_id,
                                                 job_id=payload.job_id, note=payload.note)
    return Status(201, _referral(referral, "staff", request))


@router.get("/referrals/{referral_id}", response={200: ReferralDetailOut, **ERR}, auth=bearer)
def referrals_get(request, referral_id: int = Id):
    """The referral with its history, for the seeker, their advisor and station staff, and the
    vacancy's employer."""
    return _referral_detail(request, referral_id)


@router.post("/referrals/{referral_id}/outcome", response={200: ReferralDetailOut, **ERR}, auth=bearer)
def referrals_outcome(request, payload: OutcomeIn, referral_id: int = Id):
    """The vacancy's employer records `interviewed`, `hired`, `not_hired` or `no_show`. A hire
    closes the seeker's registration as placed."""
    referral_services.referral_outcome(by=request.auth, referral_id=referral_id, outcome=payload.outcome,
                                       note=payload.note)
    return _referral_detail(request, referral_id)


@router.post("/referrals/{referral_id}/cancel", response={200: ReferralDetailOut, **ERR}, auth=bearer)
def referrals_cancel(request, payload: ReferralNoteIn, referral_id: int = Id):
    """Staff withdraw a referral the employer has not answered yet."""
    referral_services.referral_cancel(by=request.auth, referral_id=referral_id, note=payload.note)
    return _referral_detail(request, referral_id)

