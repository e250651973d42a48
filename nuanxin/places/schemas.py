import datetime
import math
from typing import Literal

from django.utils.translation import gettext as _
from ninja import Schema
from pydantic import BaseModel, Field, field_validator

from nuanxin.core.schemas import Limit, Offset
from nuanxin.core.towns import Town
from nuanxin.places.choices import AmenityCode, PlaceKind


def parse_near(value: str) -> tuple[float, float]:
    """'31.38,120.98' → (31.38, 120.98), or ValueError saying what is wrong."""
    parts = value.split(",")
    if len(parts) != 2:
        raise ValueError(_("near must be latitude,longitude, e.g. 31.38,120.98"))
    try:
        lat, lon = float(parts[0]), float(parts[1])
    except ValueError:
        raise ValueError(_("near must be latitude,longitude, e.g. 31.38,120.98")) from None
    if not (math.isfinite(lat) and math.isfinite(lon)):
        raise ValueError(_("near must be latitude,longitude, e.g. 31.38,120.98"))
    if not -90 <= lat <= 90:
        raise ValueError(_("Latitude must be between -90 and 90."))
    if not -180 <= lon <= 180:
        raise ValueError(_("Longitude must be between -180 and 180."))
    return lat, lon


class PlaceQuery(Schema):
    near: str | None = Field(None, max_length=64, description="latitude,longitude (WGS-84)",
                             examples=["31.38,120.98"])
    radius_km: float | None = Field(None, gt=0, le=500, allow_inf_nan=False)
    kind: PlaceKind | None = None
    amenity: list[AmenityCode] = Field(default_factory=list, max_length=11,
                                       description="repeatable; every one must match")
    open_now: bool = False
    q: str | None = Field(None, max_length=50, description="Chinese words, full pinyin or initials")
    town: Town | None = None
    limit: Limit = 20
    offset: Offset = 0

    @field_validator("near")
    @classmethod
    def near_is_a_point(cls, value):
        if value is not None:
            parse_near(value)
        return value


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
