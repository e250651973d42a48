"""/auth, /me and /employers (API.md "Auth" and "Accounts")."""

from django.conf import settings
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import File, Path, Query, Router, Status
from ninja.files import UploadedFile
from ninja.responses import codes_4xx

from nuanxin.accounts import devices, notify, selectors, services
from nuanxin.accounts.auth import bearer
from nuanxin.accounts.choices import AGREEMENT_VERSIONS, Agreement, ConsentPurpose
from nuanxin.accounts.models import Child, Employer, User, WorkerProfile
from nuanxin.accounts.schemas import (
    AgreementIn,
    AgreementListOut,
    ChildIn,
    ChildOut,
    ConsentIn,
    ConsentOut,
    DeviceOut,
    DevicesSignedOutOut,
    EmployerIn,
    EmployerOut,
    EmployerRejectIn,
    InboxListOut,
    InboxQuery,
    LicenceOut,
    OtpIn,
    OtpOut,
    ProfileIn,
    ProfileOut,
    TokenIn,
    TokenOut,
    UserOut,
)
from nuanxin.core.api_errors import ErrorOut
from nuanxin.core.audit import client_ip
from nuanxin.core.errors import InvalidInput, NotFound
from nuanxin.core.masking import mask_ip, mask_name, mask_phone
from nuanxin.core.schemas import MAX_ID
from nuanxin.core.uploads import MAX_UPLOAD_BYTES

router = Router(tags=["accounts"])


def user_out(user: User) -> dict:
    return {
        "id": user.pk, "phone_masked": user.phone_masked, "name": user.name,
        "username": user.username, "roles": user.role_names(), "is_staff": user.is_staff,
    }


def profile_out(user: User, profile: WorkerProfile | None) -> dict:
    return {
        "name": user.name,
        "id_number_masked": profile.id_number_masked if profile else "",
        "hometown": profile.hometown if profile else "",
        "arrived_on": profile.arrived_on if profile else None,
        "occupation": profile.occupation if profile else "",
        "skills": profile.skills if profile else [],
        "has_saved_place": bool(profile and profile.saved_h3_r7 is not None),
        "available_for_autofill": bool(profile and profile.available_for_autofill),
    }


def child_out(child: Child) -> dict:
    return {"id": child.pk, "name_masked": mask_name(child.name), "id_number_masked": child.id_number_masked,
            "birth_date": child.birth_date,
            "grade": child.grade}


def employer_out(e: Employer) -> dict:
    return {"id": e.pk, "name": e.name, "uscc": e.uscc, "contact_name": e.contact_name,
            "contact_phone_masked": mask_phone(e.contact_phone), "status": e.status,
            "created_at": e.created_at, "verified_at": e.verified_at,
            "licence_uploaded": selectors.employer_has_licence(e),
            "rejection_reason": e.rejection_reason}


@router.post("/auth/otp", response={202: OtpOut, codes_4xx: ErrorOut, 503: ErrorOut}, auth=None)
def auth_otp(request, payload: OtpIn):
    services.otp_request(phone=payload.phone, ip=client_ip(request))
    conf = settings.NUANXIN_OTP
    return Status(202, {"expires_in": conf["TTL_SECONDS"], "resend_after": conf["RESEND_AFTER_SECONDS"]})


@router.post("/auth/token", response={200: TokenOut, codes_4xx: ErrorOut}, auth=None)
def auth_token(request, payload: TokenIn):
    if payload.phone and payload.code:
        user = services.otp_verify(phone=payload.phone, code=payload.code)
    else:
        user = services.password_login(
            username=payload.username, password=payload.password, ip=client_ip(request)
        )
    return {"token": services.token_issue(user=user, user_agent=request.headers.get("User-Agent", ""),
                                          ip=client_ip(request)),
            "user": user_out(user)}


@router.get("/me", response={200: UserOut, codes_4xx: ErrorOut}, auth=bearer)
def me(request):
    return user_out(request.auth)


def _device_out(d) -> dict:
    return {"id": d.id, "kind": d.kind, "name": d.name, "ip": mask_ip(d.ip) or None, "signed_in_at": d.signed_in_at,
            "last_used_at": d.last_used_at, "expires_at": d.expires_at, "current": d.current}


@router.get("/me/devices", response={200: list[DeviceOut], codes_4xx: ErrorOut}, auth=bearer)
def my_devices(request):
    """The browsers signed in as me and my API tokens (this one marked current)."""
    return [_device_out(d) for d in devices.devices_of(request.auth, current=devices.current_device(request))]


@router.delete("/me/devices/{device_id}", response={204: None, codes_4xx: ErrorOut}, auth=bearer)
def my_device_revoke(request, device_id: str = Path(..., max_length=24)):
    """Sign one of my devices out (this one too, if named). Not mine or unknown: 404."""
    devices.device_revoke(user=request.auth, device_id=device_id)
    return Status(204, None)


@router.post("/me/devices/sign-out-others", response={200: DevicesSignedOutOut, codes_4xx: ErrorOut}, auth=bearer)
def my_devices_sign_out_others(request):
    """Sign out every device of mine but this one."""
    return {"signed_out": devices.devices_revoke_all(user=request.auth, keep=devices.current_device(request))}


@router.get("/me/profile", response={200: ProfileOut, codes_4xx: ErrorOut}, auth=bearer)
def profile_get(request):
    return profile_out(request.auth, selectors.profile_of(request.auth))


@router.put("/me/profile", response={200: ProfileOut, codes_4xx: ErrorOut}, auth=bearer)
def profile_put(request, payload: ProfileIn):
    data = payload.dict(exclude_unset=True)
    if payload.saved_place is not None:
        data["saved_place"] = (payload.saved_place.lat, payload.saved_place.lon)
    profile = services.profile_update(user=request.auth, data=data)
    return profile_out(request.auth, profile)


@router.post("/me/children", response={201: ChildOut, codes_4xx: ErrorOut}, auth=bearer)
def children_add(request, payload: ChildIn):
    child = services.child_add(parent=request.auth, **payload.dict())
    return Status(201, child_out(child))


@router.get("/me/children", response={200: list[ChildOut], codes_4xx: ErrorOut}, auth=bearer)
def children_list(request):
    return [child_out(c) for c in selectors.children_of(request.auth)]


ChildId = Path(..., ge=1, le=MAX_ID)


@router.post("/me/children/{child_id}/consent", response={201: ConsentOut, codes_4xx: ErrorOut}, auth=bearer)
def consent_give(request, payload: ConsentIn, child_id: int = ChildId):
    """The guardian's consent to process this child's data for a purpose (needed under 14)."""
    if not payload.agree:
        raise InvalidInput(fields={"agree": _("Consent is given only by agreeing to the text.")})
    consent = services.consent_give(parent=request.auth, child_id=child_id, purpose=payload.purpose)
    return Status(201, {"child_id": child_id, "purpose": consent.purpose, "text_version": consent.text_version,
                        "given_at": consent.given_at, "withdrawn": False})


@router.delete("/me/children/{child_id}/consent", response={200: ConsentOut, codes_4xx: ErrorOut}, auth=bearer)
def consent_withdraw(request, child_id: int = ChildId, purpose: ConsentPurpose = ConsentPurpose.SUMMER_CARE):
    services.consent_withdraw(parent=request.auth, child_id=child_id, purpose=purpose)
    return {"child_id": child_id, "purpose": purpose, "text_version": "", "given_at": None, "withdrawn": True}


def _agreements_out(user: User) -> dict:
    latest = {}
    for a in selectors.agreements_of(user):  # newest first: the first row per document counts
        latest.setdefault(a.document, a)
    items = [{"purpose": doc, "version": a.version if a else "", "current_version": AGREEMENT_VERSIONS[doc],
              "accepted_at": a.accepted_at if a else None, "withdrawn": bool(a and a.withdrawn_at)}
             for doc in AGREEMENT_VERSIONS for a in [latest.get(doc)]]
    return {"items": items, "pending": selectors.agreements_pending(user)}


@router.get("/me/consents", response={200: AgreementListOut, codes_4xx: ErrorOut}, auth=bearer)
def consents_list(request):
    """The user agreement and privacy notice: which version the caller agreed to, and which
    are pending (an app shows those documents and posts the agreement before going on)."""
    return _agreements_out(request.auth)


@router.post("/me/consents", response={201: AgreementListOut, codes_4xx: ErrorOut}, auth=bearer)
def consents_give(request, payload: AgreementIn):
    """Record agreement to the version in force (409 `stale_version` names the current one)."""
    services.agreement_accept(user=request.auth, document=payload.purpose, version=payload.version, channel="api")
    return Status(201, _agreements_out(request.auth))


@router.delete("/me/consents/{purpose}", response={200: AgreementListOut, codes_4xx: ErrorOut}, auth=bearer)
def consents_withdraw(request, purpose: Agreement):
    services.agreement_withdraw(user=request.auth, document=purpose)
    return _agreements_out(request.auth)


@router.get("/me/inbox", response={200: InboxListOut, codes_4xx: ErrorOut}, auth=bearer)
def inbox_list(request, filters: Query[InboxQuery]):
    page, count, unread = notify.inbox_page(request.auth, offset=filters.offset, limit=filters.limit)
    items = [{"id": m.pk, "kind": m.kind, "text": m.text, "link": m.link, "created_at": m.created_at,
              "read": m.read_at is not None} for m in page]
    return {"items": items, "count": count, "unread": unread}


@router.post("/me/inbox/read", response={200: InboxListOut, codes_4xx: ErrorOut}, auth=bearer)
def inbox_read(request):
    notify.inbox_mark_read(request.auth, now=timezone.now())
    return inbox_list(request, InboxQuery())


@router.post("/employers", response={201: EmployerOut, codes_4xx: ErrorOut}, auth=bearer)
def employers_create(request, payload: EmployerIn):
    employer = services.employer_register(user=request.auth, **payload.dict())
    return Status(201, employer_out(employer))


EmployerId = Path(..., ge=1, le=MAX_ID)


@router.get("/employers/{employer_id}", response={200: EmployerOut, codes_4xx: ErrorOut}, auth=bearer)
def employers_get(request, employer_id: int = EmployerId):
    employer = selectors.employer_visible_to(request.auth, employer_id)
    if employer is None:
        raise NotFound()
    return employer_out(employer)


@router.post("/employers/{employer_id}/verify", response={200: EmployerOut, codes_4xx: ErrorOut}, auth=bearer)
def employers_verify(request, employer_id: int = EmployerId):
    """Staff: verify this claim; every other pending claim on its credit code is rejected."""
    return employer_out(services.employer_verify(employer_id=employer_id, by=request.auth))


@router.post("/employers/{employer_id}/reject", response={200: EmployerOut, codes_4xx: ErrorOut}, auth=bearer)
def employers_reject(request, payload: EmployerRejectIn, employer_id: int = EmployerId):
    """Staff: turn down a pending claim, saying why."""
    return employer_out(services.employer_reject(employer_id=employer_id, by=request.auth,
                                                 reason=payload.reason))


@router.post("/employers/{employer_id}/licence", response={201: LicenceOut, codes_4xx: ErrorOut}, auth=bearer)
def employers_licence_upload(request, file: File[UploadedFile], employer_id: int = EmployerId):
    """The claim's own contact uploads its business licence: a JPEG, PNG or PDF of at most 5 MB."""
    if file.size is not None and file.size > MAX_UPLOAD_BYTES:
        raise InvalidInput(fields={"file": _("A file may be at most 5 MB.")}, code="file_too_large")
    # One byte over the limit is enough for the service to refuse it.
    licence = services.employer_licence_upload(employer_id=employer_id, by=request.auth,
                                               data=file.read(MAX_UPLOAD_BYTES + 1))
    return Status(201, {"employer_id": employer_id, "content_type": licence.content_type,
                        "size": licence.size, "uploaded_at": licence.uploaded_at})


@router.get("/employers/{employer_id}/licence", response={200: None, codes_4xx: ErrorOut}, auth=bearer)
def employers_licence(request, employer_id: int = EmployerId):
    """The licence, for the claim's contacts and for staff (whose reads are audited)."""
    kind, data = services.employer_licence_read(employer_id=employer_id, by=request.auth,
                                                ip=client_ip(request))
    response = HttpResponse(data, content_type=kind)
    response["Content-Disposition"] = "attachment"
    response["X-Content-Type-Options"] = "nosniff"
    return response
