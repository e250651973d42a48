import datetime

from ninja import Schema
from pydantic import BaseModel, Field

from nuanxin.cases.choices import CaseType, Channel, CloseReason, State
from nuanxin.core.schemas import Phone
from nuanxin.core.towns import Town


class OnBehalfIn(Schema):
    name: str = Field(min_length=1, max_length=30)
    phone: Phone


class CaseIn(Schema):
    type: CaseType
    summary: str = Field(min_length=1, max_length=2000)
    town: Town | None = None
    details: dict[str, str] = Field(default_factory=dict, max_length=20)
    on_behalf: OnBehalfIn | None = None
    channel: Channel = Channel.ONLINE


class TransitionIn(Schema):
    to: State
    note: str = Field("", max_length=2000)
    reason: CloseReason | None = None
    assignee_id: int | None = Field(None, ge=1, le=2**63 - 1)
    referred_to: str = Field("", max_length=100)
    consent: bool = False


class NoteIn(Schema):
    text: str = Field(min_length=1, max_length=4000)
    internal: bool = True


class RateIn(Schema):
    score: int = Field(ge=1, le=5)


class EventOut(BaseModel):
    kind: str
    from_state: str
    to_state: str
    note: str
    at: datetime.datetime


class NoteOut(BaseModel):
    id: int
    text: str
    internal: bool
    created_at: datetime.datetime


class AttachmentBrief(BaseModel):
    id: int
    content_type: str
    size: int


class CaseOut(BaseModel):
    id: int
    type: str
    state: str
    team: str
    town: str
    summary: str
    applicant_name_masked: str
    applicant_phone_masked: str
    assignee_id: int | None
    channel: str
    first_response_due: datetime.datetime
    expected_datetime: datetime.datetime
    escalated: bool
    close_reason: str
    referred_to: str
    created_at: datetime.datetime
    allowed_transitions: list[str]
    events: list[EventOut]
    notes: list[NoteOut]
    attachments: list[AttachmentBrief]


class CaseBriefOut(BaseModel):
    id: int
    type: str
    state: str
    team: str
    town: str
    applicant_name_masked: str
    applicant_phone_masked: str
    expected_datetime: datetime.datetime
    escalated: bool
    created_at: datetime.datetime


class CaseListOut(BaseModel):
    items: list[CaseBriefOut]
    count: int
