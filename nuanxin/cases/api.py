"""/cases (API.md "Housing, cases, dashboard")."""

from django.http import HttpResponse
from ninja import File, Path, Query, Router, Schema, Status
from ninja.files import UploadedFile
from ninja.responses import codes_4xx

from nuanxin.accounts.auth import bearer
from nuanxin.cases import presenters, selectors, services
from nuanxin.cases.presenters import brief_out, case_out
from nuanxin.cases.schemas import (
    CaseIn,
    CaseListOut,
    CaseOut,
    NoteIn,
    NoteOut,
    RateIn,
    TransitionIn,
)
from nuanxin.core.api_errors import ErrorOut
from nuanxin.core.audit import client_ip
from nuanxin.core.schemas import MAX_ID, Limit, Offset

router = Router(tags=["cases"])
Id = Path(..., ge=1, le=MAX_ID)
ERR = {codes_4xx: ErrorOut}


class ListQuery(Schema):
    limit: Limit = 20
    offset: Offset = 0


@router.post("/cases", response={201: CaseOut, **ERR}, auth=bearer)
def cases_open(request, payload: CaseIn):
    case = services.case_open(
        type=payload.type, summary=payload.summary, by=request.auth, town=payload.town or "",
        details=payload.details, on_behalf=payload.on_behalf.dict() if payload.on_behalf else None,
        channel=payload.channel,
    )
    return Status(201, case_out(case, request.auth))


@router.get("/cases", response={200: CaseListOut, **ERR}, auth=bearer)
def cases_list(request, page: Query[ListQuery]):
    qs = selectors.cases_visible_to(request.auth).order_by("first_response_due", "id")
    items = [brief_out(c) for c in qs[page.offset : page.offset + page.limit]]
    return {"items": items, "count": qs.count()}


@router.get("/cases/{case_id}", response={200: CaseOut, **ERR}, auth=bearer)
def cases_get(request, case_id: int = Id):
    case = services.case_read(case_id=case_id, by=request.auth, ip=client_ip(request))
    return case_out(case, request.auth)


@router.post("/cases/{case_id}/transition", response={200: CaseOut, **ERR}, auth=bearer)
def cases_transition(request, payload: TransitionIn, case_id: int = Id):
    case = services.case_transition(case_id=case_id, by=request.auth, **payload.dict())
    return case_out(case, request.auth)


@router.post("/cases/{case_id}/notes", response={201: NoteOut, **ERR}, auth=bearer)
def cases_note(request, payload: NoteIn, case_id: int = Id):
    n = services.note_add(case_id=case_id, by=request.auth, text=payload.text, internal=payload.internal)
    return Status(201, {"id": n.pk, "text": n.text, "internal": n.internal, "created_at": n.created_at})


@router.post("/cases/{case_id}/satisfaction", response={200: CaseOut, **ERR}, auth=bearer)
def cases_rate(request, payload: RateIn, case_id: int = Id):
    case = services.case_rate(case_id=case_id, by=request.auth, score=payload.score)
    return case_out(case, request.auth)


class AttachmentOut(Schema):
    id: int
    content_type: str
    size: int


@router.post("/cases/{case_id}/attachments", response={201: AttachmentOut, **ERR}, auth=bearer)
def cases_attach(request, file: File[UploadedFile], case_id: int = Id):
    if file.size is not None and file.size > services.MAX_ATTACHMENT_BYTES:
        from nuanxin.core.errors import InvalidInput

        raise InvalidInput(fields={"file": "5 MB"}, code="file_too_large")
    att = services.attachment_add(case_id=case_id, by=request.auth, data=file.read())
    return Status(201, {"id": att.pk, "content_type": att.content_type, "size": att.size})


@router.get("/cases/{case_id}/attachments/{attachment_id}", response={200: None, **ERR}, auth=bearer)
def cases_attachment(request, case_id: int = Id, attachment_id: int = Id):
    kind, data = services.attachment_read(case_id=case_id, attachment_id=attachment_id, by=request.auth,
                                          ip=client_ip(request))
    response = HttpResponse(data, content_type=kind)
    response["Content-Disposition"] = "attachment"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@router.get("/me/cases/export", response={200: dict, **ERR}, auth=bearer)
def cases_export(request):
    """The applicant's own case history, to download (PIPL: a copy of one's own data)."""
    return presenters.cases_export(request.auth)
