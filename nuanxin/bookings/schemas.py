import datetime
from typing import Annotated

from ninja import Schema
from pydantic import Field

from nuanxin.bookings.choices import Kind, Mode
from nuanxin.core.schemas import MAX_ID, HistoryOut, Limit, Offset, Phone, When

Id = Annotated[int, Field(ge=1, le=MAX_ID)]


class OfferingIn(Schema):
    kind: Kind
    title: str = Field(min_length=2, max_length=80)
    description: str = Field("", max_length=4000)
    mode: Mode = Mode.FCFS
    place_id: Id
    per_person_limit: int = Field(1, ge=1, le=50)
    per_family_limit: int | None = Field(None, ge=1, le=50, description="places per family (children sharing a "
                                                                       "guardian); none: no cap")
    min_child_age: int | None = Field(None, ge=0, le=17)
    max_child_age: int | None = Field(None, ge=0, le=17)
    cancel_hours: int = Field(2, ge=0, le=720)
    confirm_hours: int = Field(24, ge=1, le=720)
    loss_bonus: int = Field(5, ge=0, le=100, description="lottery weight added per lost draw, in tenths")
    max_weight: int = Field(30, ge=10, le=1000, description="largest lottery weight, in tenths")


class SessionIn(Schema):
    start: When
    end: When
    capacity: int = Field(ge=1, le=10000)
    opens_at: When
    closes_at: When
    label: str = Field("", max_length=60)
    waitlist_limit: int | None = Field(None, ge=0, le=100000)
    teacher_id: Id | None = None
    teaching_hours: float | None = Field(None, ge=0, le=2000, allow_inf_nan=False,
                                         description="a course of weekly classes: its total hours")


class PlaceBrief(Schema):
    id: int
    name: str
    address: str
    lat: float
    lon: float


class SessionOut(Schema):
    id: int
    offering_id: int
    label: str
    start: datetime.datetime
    end: datetime.datetime
    capacity: int
    taken: int
    places_left: int
    waitlisted: int
    mode: Mode
    opens_at: datetime.datetime
    closes_at: datetime.datetime
    booking_open: bool
    seed_hash: str = Field(description="SHA-256 of the lottery seed, published before registration opens")
    seed: str | None = Field(description="the lottery seed, revealed once drawn")
    drawn_at: datetime.datetime | None
    teacher: str | None


class OfferingOut(Schema):
    id: int
    kind: Kind
    title: str
    description: str
    mode: Mode
    place: PlaceBrief
    per_person_limit: int
    per_family_limit: int | None
    for_children: bool
    min_child_age: int | None
    max_child_age: int | None
    cancel_hours: int
    confirm_hours: int
    sessions: list[SessionOut]


class OfferingListOut(Schema):
    items: list[OfferingOut]
    count: int


class OfferingQuery(Schema):
    kind: Kind | None = None
    place_id: Id | None = None
    limit: Limit = 20
    offset: Offset = 0


class EnrollIn(Schema):
    child_id: Id | None = None


class EnrollmentOut(Schema):
    id: int
    session_id: int
    offering_id: int
    title: str
    kind: Kind
    start: datetime.datetime
    end: datetime.datetime
    place_name: str
    status: str
    child_id: int | None
    ticket: int = Field(description="the ticket number in this session (1, 2, 3…), as in the published draw")
    rank: int | None
    waitlist_position: int | None
    offer_expires_at: datetime.datetime | None
    created_at: datetime.datetime
    attended_at: datetime.datetime | None
    appeal_status: str


class EnrollmentDetailOut(EnrollmentOut):
    history: list[HistoryOut] = Field(description="every status it took, oldest first")


class EnrollmentListOut(Schema):
    items: list[EnrollmentOut]
    count: int


class ListQuery(Schema):
    limit: Limit = 20
    offset: Offset = 0


class CodeIn(Schema):
    code: str = Field(min_length=1, max_length=10)


class DecideIn(Schema):
    accept: bool


class AttendanceIn(Schema):
    enrollment_id: Id
    present: bool = True


class DrawEntry(Schema):
    ticket: int
    weight: int


class DrawOut(Schema):
    session_id: int
    algorithm: str
    seed_hash: str
    seed: str | None
    drawn_at: datetime.datetime | None
    places: int
    entries: list[DrawEntry]
    ranking: list[int]
    winners: list[int]
    closes_at: datetime.datetime = Field(description="when registration closed (or closes)")
    planned_closes_at: datetime.datetime | None = Field(
        description="set when an organiser closed registration early: the close first announced")
    closed_early_reason: str = Field(description="why registration closed early (empty: it did not)")


class DrawIn(Schema):
    close_early_reason: str = Field(
        "", max_length=200,
        description="needed to draw before registration closes: closes it now; every registrant is told why")


class RollRow(Schema):
    enrollment_id: int
    ticket: int = Field(description="the person's ticket number in this session (1, 2, 3…)")
    name: str
    phone_masked: str
    child: str | None
    status: str
    attended_at: datetime.datetime | None
    appeal_status: str
    appeal_text: str


class RollOut(Schema):
    session: SessionOut
    items: list[RollRow]
    count: int
    checkin_code: str


class ClosedOut(Schema):
    no_shows: int


class PriorityOut(Schema):
    kind: Kind
    weight: int = Field(description="lottery weight in tenths: 10 is ordinary")
    lost_in_a_row: int
    no_shows: int


class VolunteerIn(Schema):
    phone: Phone
    name: str = Field(min_length=1, max_length=50)
    subjects: str = Field("", max_length=100)
    organisation: str = Field("", max_length=100)


class VolunteerOut(Schema):
    id: int
    name: str
    phone_masked: str
    subjects: str
    organisation: str
    active: bool
    sessions: int
    hours_served: float


class VolunteerListOut(Schema):
    items: list[VolunteerOut]
    count: int
