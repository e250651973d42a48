import datetime

from django.utils.translation import gettext as _
from ninja import Schema
from pydantic import Field, model_validator

from nuanxin.accounts.choices import Agreement, ConsentPurpose, EmployerStatus, Grade, Occupation
from nuanxin.core.schemas import Day, IdNumber, Limit, Offset, Phone, Uscc


class PointIn(Schema):
    lat: float = Field(ge=-90, le=90, allow_inf_nan=False)
    lon: float = Field(ge=-180, le=180, allow_inf_nan=False)


class OtpIn(Schema):
    phone: Phone


class OtpOut(Schema):
    expires_in: int
    resend_after: int


class TokenIn(Schema):
    phone: Phone | None = None
    code: str | None = Field(None, max_length=10)
    username: str | None = Field(None, max_length=150)
    password: str | None = Field(None, max_length=128)

    @model_validator(mode="after")
    def one_way_in(self):
        if not ((self.phone and self.code) or (self.username and self.password)):
            raise ValueError(_("Give phone and code, or username and password."))
        return self


class UserOut(Schema):
    id: int
    phone_masked: str
    name: str
    username: str | None
    roles: list[str]
    is_staff: bool


class TokenOut(Schema):
    token: str
    user: UserOut


class ProfileIn(Schema):
    name: str | None = Field(None, max_length=50)
    id_number: IdNumber | None = None
    hometown: str | None = Field(None, max_length=60)
    arrived_on: Day | None = None
    occupation: Occupation | None = None
    skills: list[str] | None = Field(None, max_length=30)
    saved_place: PointIn | None = None
    available_for_autofill: bool | None = None

    @model_validator(mode="after")
    def short_skills(self):
        if self.skills and any(len(s) > 30 for s in self.skills):
            raise ValueError(_("Each skill is at most 30 characters."))
        return self


class ProfileOut(Schema):
    name: str
    id_number_masked: str
    hometown: str
    arrived_on: datetime.date | None
    occupation: str
    skills: list[str]
    has_saved_place: bool
    available_for_autofill: bool


class ChildIn(Schema):
    name: str = Field(min_length=1, max_length=30)
    birth_date: Day
    grade: Grade
    id_number: IdNumber = Field(description="the child's resident ID number (on the household register): one "
                                            "record per child; encrypted at rest, shown masked")


class ChildOut(Schema):
    id: int
    name_masked: str
    id_number_masked: str
    birth_date: datetime.date
    grade: str


class EmployerIn(Schema):
    name: str = Field(min_length=2, max_length=100)
    uscc: Uscc
    contact_name: str = Field(min_length=1, max_length=50)
    contact_phone: Phone


class EmployerOut(Schema):
    id: int
    name: str
    uscc: str
    contact_name: str
    contact_phone_masked: str
    status: EmployerStatus
    created_at: datetime.datetime
    verified_at: datetime.datetime | None
    licence_uploaded: bool = Field(description="the claim carries its business licence (营业执照)")
    rejection_reason: str = Field("", description="why staff turned the claim down, when rejected")


class EmployerRejectIn(Schema):
    reason: str = Field(min_length=1, max_length=500)


class LicenceOut(Schema):
    employer_id: int
    content_type: str
    size: int
    uploaded_at: datetime.datetime


class ConsentIn(Schema):
    purpose: ConsentPurpose = ConsentPurpose.SUMMER_CARE
    agree: bool = Field(description="true: the guardian has read the consent text and agrees")


class ConsentOut(Schema):
    child_id: int
    purpose: str
    text_version: str
    given_at: datetime.datetime | None
    withdrawn: bool


class AgreementIn(Schema):
    purpose: Agreement = Field(description="terms (user agreement) or privacy (privacy notice)")
    version: str = Field(max_length=20, description="the version the person was shown; the one in force")


class AgreementOut(Schema):
    purpose: str
    version: str
    current_version: str
    accepted_at: datetime.datetime | None
    withdrawn: bool


class AgreementListOut(Schema):
    items: list[AgreementOut]
    pending: list[str] = Field(description="documents whose wording in force is not yet agreed to")


class InboxItemOut(Schema):
    id: int
    kind: str
    text: str
    link: str
    created_at: datetime.datetime
    read: bool


class InboxListOut(Schema):
    items: list[InboxItemOut]
    count: int
    unread: int


class InboxQuery(Schema):
    limit: Limit = 20
    offset: Offset = 0


class DeviceOut(Schema):
    id: str = Field(description='"web-<n>" (a signed-in browser) or "api-<n>" (an API token)')
    kind: str = Field(description="web or api")
    name: str = Field(description="the device in plain words, e.g. 'Android phone · WeChat'")
    ip: str | None = Field(description="the address it signed in from, masked")
    signed_in_at: datetime.datetime
    last_used_at: datetime.datetime | None
    expires_at: datetime.datetime | None
    current: bool = Field(description="the device making this request")


class DevicesSignedOutOut(Schema):
    signed_out: int
