import datetime

from ninja import Schema
from pydantic import BaseModel, Field

from nuanxin.wages.choices import PayoutKind


class MoneyIn(Schema):
    amount_fen: int = Field(ge=1, le=100_000_000)
    idempotency_key: str = Field(min_length=1, max_length=100)


class DepositOut(BaseModel):
    id: int
    amount_fen: int
    status: str


class PayoutOut(BaseModel):
    id: int
    amount_fen: int
    status: str
    destination_masked: str


class PayoutAccountIn(Schema):
    kind: PayoutKind
    number: str = Field(min_length=4, max_length=40)
    holder: str = Field(min_length=1, max_length=50)


class PayoutAccountOut(BaseModel):
    kind: str
    number_masked: str


class PayoutAccountRemovedOut(PayoutAccountOut):
    removed: bool


class EntryOut(BaseModel):
    id: int
    account: str
    amount_fen: int
    kind: str
    reference: str
    at: datetime.datetime
    label: str = ""  # the kind in words, in the reader's language


class WalletOut(BaseModel):
    available_fen: int
    escrow_fen: int
    entries: list[EntryOut]
