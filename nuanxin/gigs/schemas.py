import datetime
from decimal import Decimal

from django.utils.translation import gettext as _
from ninja import Schema
from pydantic import BaseModel, Field, field_validator

from nuanxin.core.schemas import Day, HistoryOut, Limit, Near, Offset, Phone, When
from nuanxin.gigs.choices import Category, GigSort, PayUnit, ReportReason


class ShiftIn(Schema):
    start: When
    end: When
    headcount: int = Field(ge=1, le=500)


class GigIn(Schema):
    title: str = Field(min_length=2, max_length=60)
    category: Category
    description: str = Field("", max_length=2000)
    address: str = Field(min_length=2, max_length=200)
    lat: float = Field(ge=-90, le=90, allow_inf_nan=False)
    lon: float = Field(ge=-180, le=180, allow_inf_nan=False)
    pay_fen: int = Field(ge=1, le=10_000_000, description="pay in fen per pay_unit")
    pay_unit: PayUnit
    instant: bool = False
    same_day_pay: bool = Field(False, description="日结: confirm on the day; what is not confirmed is paid at "
                                                  "midnight (Asia/Shanghai) after check-out instead of after 48 h")
    skills: list[str] = Field(default_factory=list, max_length=10)
    geofence_m: int | None = Field(None, ge=50, le=5000)
    shifts: list[ShiftIn] = Field(min_length=1, max_length=60)

    @field_validator("skills")
    @classmethod
    def short_skills(cls, value):
        if any(not s.strip() or len(s) > 20 for s in value):
            raise ValueError(_("Each skill is 1 to 20 characters."))
        return [s.strip() for s in value]


class GigQuery(Schema):
    q: str | None = Field(None, max_length=50)
    near: Near = None
    radius_km: float | None = Field(None, gt=0, le=200, allow_inf_nan=False)
    category: Category | None = None
    date: Day | None = None
    min_pay_fen: int | None = Field(None, ge=0, le=10_000_000)
    sort: GigSort | None = Field(None, description="distance (needs near; the default with it), pay (whole pay of "
                                 "the next bookable shift, highest first) or start (soonest first; the default "
                                 "without near). Gigs that can still be booked always come first.")
    limit: Limit = 20
    offset: Offset = 0

class RecommendQuery(Schema):
    near: Near = None
    limit: Limit = 20

class InstantIn(Schema):
    instant: bool


class ApplyIn(Schema):
    worker_phone: Phone | None = Field(None, description="assisted mode: an advisor applies for this worker")


class PresenceIn(Schema):
    lat: float | None = Field(None, ge=-90, le=90, allow_inf_nan=False)
    lon: float | None = Field(None, ge=-180, le=180, allow_inf_nan=False)
    accuracy_m: float | None = Field(None, ge=0, le=100_000, allow_inf_nan=False)
    code: str | None = Field(None, max_length=10, description="the shift's code shown by the employer")


class ConfirmIn(Schema):
    hours: Decimal | None = Field(None, ge=0, le=24, max_digits=6, decimal_places=4,
                                  description="hours to pay; must come to whole minutes (7.5, 7.25)")
    minutes: int | None = Field(None, ge=0, le=24 * 60, description="minutes to pay (instead of hours)")
    approve_extra: bool = Field(False, description="pay time beyond the booked shift (funded from the deposit first)")
    reason: str = Field("", max_length=200, description="why fewer than the recorded minutes; the worker sees it")

    @field_validator("hours")
    @classmethod
    def whole_minutes(cls, v: Decimal | None) -> Decimal | None:
        if v is not None and (v * 60) % 1:
            raise ValueError(_("Hours must come to whole minutes, e.g. 7.5 or 7.25."))
        return v

    def paid_minutes(self) -> int | None:
        if self.minutes is not None:
            return self.minutes
        return None if self.hours is None else int(self.hours * 60)


class TimesheetIn(Schema):
    minutes: int = Field(ge=0, le=24 * 60)
    reason: str = Field(min_length=1, max_length=200)


class CancelIn(Schema):
    reason: str = Field("", max_length=200)


class RatingIn(Schema):
    score: int = Field(ge=1, le=5)
    comment: str = Field("", max_length=300)


class ReportIn(Schema):
    reason: ReportReason
    detail: str = Field("", max_length=500)


class ReviewIn(Schema):
    block: bool


# --- output (plain pydantic: cheaper to validate than ninja.Schema for nested lists) ----------


class ShiftOut(BaseModel):
    id: int
    start: datetime.datetime
    end: datetime.datetime
    headcount: int
    taken: int
    open_places: int
    cancelled: bool


class EmployerBrief(BaseModel):
    id: int
    name: str
    verified: bool


class GigOut(BaseModel):
    id: int
    title: str
    category: Category
    description: str
    address: str
    lat: float
    lon: float
    distance_m: int | None
    pay_fen: int
    pay_unit: PayUnit
    instant: bool
    same_day_pay: bool
    skills: list[str]
    status: str
    geofence_m: int
    employer: EmployerBrief
    shifts: list[ShiftOut]
    published_at: datetime.datetime | None


class GigHitOut(GigOut):
    bookable: bool = Field(description="a shift can still be booked (not started, not full)")
    shift_pay_fen: int | None = Field(description="whole pay of one place on the next bookable shift (else the next "
                                                  "shift): what escrow holds for it")


class RecommendedOut(GigHitOut):
    reasons: list[str]


class GigListOut(BaseModel):
    items: list[GigHitOut]
    count: int


class RecommendedListOut(BaseModel):
    items: list[RecommendedOut]
    count: int


class RatingOut(BaseModel):
    side: str
    score: int
    comment: str


class ApplicationOut(BaseModel):
    id: int
    status: str
    shift_id: int
    gig_id: int
    gig_title: str
    start: datetime.datetime
    end: datetime.datetime
    worker_name: str
    applied_by_advisor: bool
    via_autofill: bool
    checked_in_at: datetime.datetime | None
    checkin_method: str
    checked_out_at: datetime.datetime | None
    worked_minutes: int | None
    timesheet_note: str
    confirmed_at: datetime.datetime | None
    wage_fen: int | None
    booked_minutes: int
    recorded_minutes: int = Field(description="check-in to check-out inside the booked shift")
    contested_fen: int = Field(description="wage held after the employer confirmed fewer minutes than recorded")
    contested_until: datetime.datetime | None
    extra_fen: int = Field(description="approved pay beyond the booked shift")
    disputed_at: datetime.datetime | None
    ratings: list[RatingOut]


class ApplicationDetailOut(ApplicationOut):
    history: list[HistoryOut] = Field(description="every status it took, oldest first")


class ApplicationListOut(BaseModel):
    items: list[ApplicationOut]
    count: int


class AutofillOut(BaseModel):
    filled: int
    applications: list[ApplicationOut]


class ReliabilityOut(BaseModel):
    id: int
    kind: str
    reason: str
    created_at: datetime.datetime
    gig_title: str
    appeal_text: str
    appeal_status: str
    counts: bool


class ReliabilityListOut(BaseModel):
    items: list[ReliabilityOut]
    count: int


class ReportOut(BaseModel):
    id: int
    gig_id: int
    reason: str
    detail: str
    status: str
    created_at: datetime.datetime


class ReportListOut(BaseModel):
    items: list[ReportOut]
    count: int


class DisputeIn(Schema):
    text: str = Field("", max_length=1500, description="what is wrong: hours, pay, conditions")


class DisputeSettleIn(Schema):
    worker_fen: int = Field(ge=0, le=10_000_000, description="the worker's share of the held wage")


class DisputeOut(BaseModel):
    case_id: int
    state: str
    type: str


class StatusOut(BaseModel):
    id: int
    status: str
