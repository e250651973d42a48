import datetime

from ninja import Schema
from pydantic import BaseModel, Field

from nuanxin.core.schemas import Day, HistoryOut
from nuanxin.grants.choices import GrantKind


class GrantIn(Schema):
    amount_fen: int = Field(ge=1, le=100_000_000)
    purpose: str = Field(min_length=1, max_length=500)
    kind: GrantKind | None = None  # hardship cases: hardship; emergency cases: trip_home (default) or emergency
    idempotency_key: str = Field(default="", max_length=100)


class RejectIn(Schema):
    note: str = Field(min_length=1, max_length=200)


class DonationIn(Schema):
    donor: str = Field(min_length=1, max_length=100)
    amount_fen: int = Field(ge=1, le=100_000_000)
    idempotency_key: str = Field(min_length=1, max_length=100)
    received_on: Day | None = None
    note: str = Field(default="", max_length=200)


class GrantOut(BaseModel):
    id: int
    case_id: int
    kind: str
    amount_fen: int
    status: str
    purpose: str | None
    proposed_at: datetime.datetime
    decided_at: datetime.datetime | None
    note: str
    proposed_by_you: bool
    history: list[HistoryOut] = []


class GrantListOut(BaseModel):
    items: list[GrantOut]
    count: int
    fund_balance_fen: int


class MyGrantsOut(BaseModel):
    items: list[GrantOut]
    count: int


class DonationOut(BaseModel):
    id: int
    donor: str
    amount_fen: int
    received_on: datetime.date
    note: str


class FundOut(BaseModel):
    balance_fen: int
    donated_fen: int
    paid_fen: int
    waiting_fen: int
    donations: list[DonationOut]
