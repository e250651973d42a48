"""The dashboard's API shapes (API.md "Cases, dashboard"). A cell is a whole number, "<5" (fewer
than five people or records lie behind it) or null (nothing to measure, e.g. a rate of none)."""

import datetime

from ninja import Schema
from pydantic import Field

from nuanxin.core.towns import Town

Cell = int | float | str | None


class PeriodQuery(Schema):
    period: str = Field("month", max_length=10, description="week, month or year (the current one), or 2026, 2026-11, 2026-W48")
    town: Town | None = Field(None, description="One town's figures; every town when left out")


class FigureOut(Schema):
    code: str
    name: str
    actual: Cell
    unit: str = Field(description="stations, units, people, fen (money, in fen), minutes, percent, score, …")
    by_town: dict[str, Cell]


class SeriesPoint(Schema):
    period: str
    value: Cell


class MeasureOut(FigureOut):
    target: int | None
    headline: str = Field(description="What `actual` counts")
    figures: list[FigureOut]
    series: list[SeriesPoint] = Field(description="The headline in this period and the ones before it")


class MeasuresOut(Schema):
    as_of: datetime.datetime
    period: str
    town: str | None
    items: list[MeasureOut]
    quality: list[FigureOut]
    unmet: list[FigureOut]
