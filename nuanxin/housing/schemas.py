"""Request and response shapes of /housing (API.md "Housing, shelter and grants")."""

import datetime

from ninja import Field, Schema

from nuanxin.core.schemas import MAX_ID, Day, HistoryOut, Limit, Near, Offset, Phone, When
from nuanxin.core.towns import Town
from nuanxin.housing import choices

Id = Field(None, ge=1, le=MAX_ID)


class ResidenceQuery(Schema):
    near: Near = None
    radius_km: float | None = Field(None, gt=0, le=100)
    town: Town | None = None
    date: Day | None = Field(None, description="the night to count free beds for (default tonight)")
    limit: Limit = 20
    offset: Offset = 0


class ResidenceOut(Schema):
    id: int
    place_id: int
    name: str
    town: str
    address: str
    lat: float
    lon: float
    units: int
    beds: int
    free_tonight: int = Field(description="beds free on `night` (tonight unless `date` was given)")
    night: datetime.date
    distance_m: int | None
    phone: str
    free_nights: int = Field(description="a stay up to this long is allocated at once when beds are free")
    check_in_from: str
    check_in_until: str
    house_rules: str


class ResidenceListOut(Schema):
    items: list[ResidenceOut]
    count: int


class StayPartyMember(Schema):
    relation: choices.Relation
    child_id: int | None = Field(None, ge=1, le=MAX_ID, description="a child registered with POST /me/children")


class StayApplicationIn(Schema):
    check_in: Day
    nights: int = Field(ge=1, le=choices.MAX_NIGHTS)
    residence_id: int | None = Id
    town: Town | None = None
    sex: choices.Sex | None = Field(None, description="which room a single person needs; not needed for a family")
    party: list[StayPartyMember] = Field([], max_length=choices.MAX_PARTY - 1,
                                     description="who comes with the applicant (the applicant is not listed)")
    needs_accessible: bool = False
    looking_for_work: bool = True
    reason: str = Field("", max_length=1000)


class StayBedOut(Schema):
    id: int | None
    label: str
    room: str


class StayPartyOut(Schema):
    adults: int
    children_ages: list[int]
    other_children: int
    people: int


class StayOut(Schema):
    id: int
    status: str
    check_in: datetime.date
    check_out: datetime.date = Field(description="the morning the guest leaves")
    nights: int
    residence_id: int | None
    residence: str | None
    address: str | None
    town: str
    bed: StayBedOut | None
    party: StayPartyOut
    sex: str
    needs_accessible: bool
    referral: str
    case_id: int | None
    code: str | None = Field(description="the check-in code, shown to the guest while the bed is kept")
    applicant: str | None = Field(description="the guest's name, masked (staff only)")
    advice_at: datetime.datetime | None
    advice_place: str | None
    appeal_status: str
    created_at: datetime.datetime
    checked_in_at: datetime.datetime | None
    checked_out_at: datetime.datetime | None


class StayDetailOut(StayOut):
    history: list[HistoryOut]


class StayListOut(Schema):
    items: list[StayOut]
    count: int


class ListQuery(Schema):
    limit: Limit = 20
    offset: Offset = 0


class StayAllocateIn(Schema):
    bed_id: int | None = Id


class StayExtendIn(Schema):
    nights: int = Field(ge=1, le=choices.MAX_NIGHTS)
    note: str = Field(min_length=1, max_length=180)


class StayNoteIn(Schema):
    note: str = Field("", max_length=180)


class StayCheckInIn(Schema):
    code: str | None = Field(None, min_length=6, max_length=6, pattern=r"^\d{6}$",
                             description="the guest's code, instead of the id in the path")


class ShelterIn(Schema):
    case_id: int = Field(ge=1, le=MAX_ID)
    nights: int = Field(1, ge=1, le=choices.MAX_NIGHTS)
    sex: choices.Sex | None = None
    adults: int = Field(1, ge=1, le=choices.MAX_PARTY)
    children: int = Field(0, ge=0, le=choices.MAX_PARTY - 1)
    residence_id: int | None = Id
    note: str = Field("", max_length=180)


class StayReferralIn(Schema):
    phone: Phone | None = Field(None, description="the person's mobile number (not needed with case_id)")
    name: str = Field("", max_length=40)
    case_id: int | None = Field(None, ge=1, le=MAX_ID, description="a hardship or emergency case of the caller's team")
    check_in: Day
    nights: int = Field(ge=1, le=choices.MAX_NIGHTS)
    sex: choices.Sex | None = None
    adults: int = Field(1, ge=1, le=choices.MAX_PARTY)
    children: int = Field(0, ge=0, le=choices.MAX_PARTY - 1)
    residence_id: int | None = Id
    town: Town | None = None
    note: str = Field("", max_length=500)


class StayAppealDecideIn(Schema):
    uphold: bool


class StayAdviceIn(Schema):
    at: When
    place_id: int = Field(ge=1, le=MAX_ID)
