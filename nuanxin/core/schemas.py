"""Schema building blocks shared by every app's API."""

import datetime
import math
from typing import Annotated

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from pydantic import AfterValidator, AwareDatetime, BaseModel, Field

from nuanxin.core.validators import check_id_number, check_phone, check_sane_year, check_uscc

MAX_ID = 2**63 - 1


def _sane_year(value):
    try:
        return check_sane_year(value)
    except ValidationError as e:
        raise ValueError(e.messages[0]) from None


# Dates and times a client sends: between 1900 and 2100, else a 422 (not an overflow's 500).
Day = Annotated[datetime.date, AfterValidator(_sane_year)]
When = Annotated[AwareDatetime, AfterValidator(_sane_year)]
Moment = Annotated[datetime.datetime, AfterValidator(_sane_year)]  # a local time when naive
MAX_OFFSET = 1_000_000_000


def django_check(fn):
    """Run a core validator inside pydantic, so the API names the field and says why."""

    def run(value):
        try:
            return fn(value)
        except ValidationError as exc:
            raise ValueError(" ".join(str(m) for m in exc.messages)) from None

    return AfterValidator(run)


Phone = Annotated[str, Field(max_length=20, examples=["13812345678"]), django_check(check_phone)]
IdNumber = Annotated[str, Field(max_length=18, examples=["32058319900307001X"]), django_check(check_id_number)]
Uscc = Annotated[str, Field(max_length=18, examples=["91320583MA1MXXXX0X"]), django_check(check_uscc)]
Limit = Annotated[int, Field(ge=1, le=1000)]
Offset = Annotated[int, Field(ge=0, le=MAX_OFFSET)]


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


def _check_near(value: str | None) -> str | None:
    if value is not None:
        parse_near(value)
    return value


# A query parameter "latitude,longitude" (WGS-84), checked when the request is parsed.
Near = Annotated[str | None, Field(max_length=64, description="latitude,longitude (WGS-84)",
                                   examples=["31.38,120.98"]), AfterValidator(_check_near)]


class HistoryOut(BaseModel):
    """One status change (core.workflow), as API.md's `history` lists them, oldest first."""

    status: str
    at: datetime.datetime
    by: str = Field(description='who moved it: "you", "system" (timed work), or their part: "worker", '
                                '"employer", "organiser", "teacher", "staff"; never a name or a phone')
    note: str


class AppealIn(BaseModel):
    """A person's own words against a record about them (a no-show, a missed check-in): one
    shape for every app, so the API documents one component."""

    text: str = Field(min_length=1, max_length=500)
