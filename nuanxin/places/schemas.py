import datetime
from typing import Literal

from ninja import Schema
from pydantic import BaseModel, Field

from nuanxin.core.schemas import Limit, Near, Offset
from nuanxin.core.towns import Town
from nuanxin.places.choices import AmenityCode, PlaceKind


class PlaceQuery(Schema):
    near: Near = None
    radius_km: float | None = Field(None, gt=0, le=500, allow_inf_nan=False)
    kind: PlaceKind | None = None
    amenity: list[AmenityCode] = Field(default_factory=list, max_length=11,
                                       description="repeatable; every one must match")
    open_now: bool = False
    q: str | None = Field(None, max_length=50, description="Chinese words, full pinyin or initials")
    town: Town | None = None
    limit: Limit = 20
    offset: Offset = 0


# Output models are plain pydantic models: ninja's Schema adds an ORM-friendly validator
# that costs a few microseconds per nested object, and list responses have hundreds.
class IntervalOut(BaseModel):
    opens: str
    closes: str


class DayHoursOut(BaseModel):
    date: datetime.date
    weekday: int = Field(description="ISO weekday, 1 = Monday")
    intervals: list[IntervalOut]
    label: str


class HoursTodayOut(BaseModel):
    is_24h: bool
    today: str = Field(description="today's hours in plain words, e.g. 08:00–20:00")


class HoursOut(HoursTodayOut):
    week: list[DayHoursOut] = Field(description="today and the next six days, exceptions applied")


class _PlaceBase(BaseModel):
    id: int
    name: str
    kind: PlaceKind
    status: str
    town: str
    town_name: str
    address: str
    lat: float
    lon: float
    distance_m: int | None
    amenities: list[str]
    open_now: bool
    phone: str
    co_build: str


class PlaceOut(_PlaceBase):
    hours: HoursTodayOut


class PlaceDetailOut(_PlaceBase):
    hours: HoursOut
    description: str
    operator: str
    organization: str | None
    opened_on: datetime.date | None


class PlaceListOut(BaseModel):
    items: list[PlaceOut]
    count: int


class VisitOut(Schema):
    id: int
    place_id: int
    at: datetime.datetime
    counted: bool


class ExportQuery(Schema):
    format: Literal["geojson", "hsds"] = "geojson"
