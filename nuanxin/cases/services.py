"""Every change to a case, in one transaction, with its history row: open, move, note, escalate.

Other apps open cases through case_open (the gig market's wage disputes, for one); they
never write the tables."""

import datetime
import json

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from nuanxin.accounts import selectors as accounts_selectors
from nuanxin.accounts.choices import Role
from nuanxin.cases.choices import (
    DEFAULT_TEAM,
    OPEN_STATES,
    TRANSITIONS,
    TYPE_FIELDS,
    Channel,
    CloseReason,
    State,
    Team,
    state_label,
)
from nuanxin.cases.models import Case, CaseEvent, CaseNote, CaseTypeConfig
from nuanxin.core import workflow
from nuanxin.core.audit import audit_log
from nuanxin.core.errors import Conflict, InvalidInput, NotFound, PermissionDenied
from nuanxin.core.masking import mask_phone
from nuanxin.core.permissions import has_role, user_roles
from nuanxin.core.uploads import MAX_UPLOAD_BYTES, check_upload

MAX_ATTACHMENT_BYTES = MAX_UPLOAD_BYTES  # the API refuses larger uploads before reading them
DEFAULT_HOURS = {"emergency": (2, 72)}   # first response, resolve: the rest use 24 h and 14 days
STAFF_TEAMS = frozenset(Team.values)


def type_config(case_type: str) -> tuple[str, int, int]:
    config = CaseTypeConfig.objects.filter(type=case_type).first()
    if config is not None:
        return config.team, config.first_response_hours, config.resolve_hours
    first, resolve = DEFAULT_HOURS.get(case_type, (24, 14 * 24))
    return DEFAULT_TEAM.get(case_type, Team.ADVISOR), first, resolve


def _check_details(case_type: str, details: dict) -> dict:
    """Only the type's own fields (TYPE_FIELDS). None is required: someone in an emergency must
    never be held up by a form; staff ask for what is missing."""
    spec = TYPE_FIELDS.get(case_type, {})
    unknown = sorted(set(details) - set(spec))
    if unknown:
        raise InvalidInput(fields={f"details.{k}": _("Not a field of this kind of request.") for k in unknown})
    return {k: str(v)[:500] for k, v in details.items()}


def is_team_staff(user, team: str) -> bool:
    return has_role(user, Role.ADMIN) or team in user_roles(user)


@transaction.atomic
def case_open(*, type: str, summary: str, by, town: str = "", details: dict | None = None,  # noqa: A002
              on_behalf: dict | None = None, channel: str = Channel.ONLINE, source: str = "",
              now: datetime.datetime | None = None) -> Case:
    """Open a case. A worker files their own; staff file on someone's behalf (name, phone)."""
    now = now or timezone.now()
    if not summary.strip():
        raise InvalidInput(fields={"summary": _("Say in a few words what happened.")})
    details = _check_details(type, details or {})
    team, first_hours, resolve_hours = type_config(type)
    staff = bool(user_roles(by) & STAFF_TEAMS) or has_role(by, Role.ADMIN)
    if on_behalf and not staff:
        raise PermissionDenied(_("Only staff file a case on someone's behalf."))
    case = Case(
        type=type, team=team, summary=summary.strip(), town=town or "",
        details=json.dumps(details or {}, ensure_ascii=False), source=source,
        channel=channel if (staff or source) else Channel.ONLINE,
        first_response_due=now + datetime.timedelta(hours=first_hours),
        due_at=now + datetime.timedelta(hours=resolve_hours),
    )
    if on_behalf:
        case.applicant_name = on_behalf.get("name", "")
        case.applicant_phone = on_behalf.get("phone", "")
        case.applicant_phone_masked = mask_phone(case.applicant_phone)
        case.created_by = by
    else:
        case.applicant = by
        case.applicant_name = by.name
        case.applicant_phone_masked = by.phone_masked
    case.save()
    CaseEvent.objects.create(case=case, actor=by, kind="opened", to_state=State.NEW)
    return case


def _staff_case(case_id: int, by, *, lock: bool = True) -> Case:
    qs = Case.objects.filter(pk=case_id)
    if lock:
        qs = qs.select_for_update()
    case = qs.first()
    if case is None or not is_team_staff(by, case.team):
        raise NotFound()
    return case


@transaction.atomic
def case_transition(*, case_id: int, by, to: str, note: str = "", reason: str | None = None,
                    assignee_id: int | None = None, referred_to: str = "", consent: bool = False,
                    now: datetime.datetime | None = None) -> Case:
    """Move a case along the workflow; anything not allowed is a 409 naming the allowed moves."""
    now = now or timezone.now()
    case = _staff_case(case_id, by)
    workflow.check_move(TRANSITIONS, case.state, to, message=lambda allowed: (
        _("A case that is “%(state)s” can move to: %(allowed)s.")
        % {"state": state_label(case.state, staff=True),
           "allowed": pgettext("list separator", ", ").join(
               f"“{state_label(a, staff=True)}”" for a in allowed) or "-"}))
    if to == State.CLOSED:
        if reason not in CloseReason.values:
            raise InvalidInput(fields={"reason": _("Closing needs a reason: %(r)s.") % {
                "r": pgettext("list separator", ", ").join(str(label) for label in CloseReason.labels)}})
        case.close_reason = reason
    if to == State.ASSIGNED:
        assignee = accounts_selectors.user_by_id(assignee_id) if assignee_id else by
        if assignee is None or not is_team_staff(assignee, case.team):
            raise InvalidInput(fields={"assignee_id": _("Assign to a member of the case's team.")})
        case.assignee = assignee
    if to == State.REFERRED:
        if not consent or not referred_to.strip():
            raise InvalidInput(fields={"consent": _("Refer only with the applicant's consent, to a named partner.")})
        case.referred_to, case.referral_consent_at = referred_to.strip()[:100], now
    if to == State.REOPENED:
        case.close_reason = ""
        case.due_at = max(case.due_at, now + datetime.timedelta(hours=type_config(case.type)[2]))
    if case.first_responded_at is None:
        case.first_responded_at = now
    CaseEvent.objects.create(case=case, actor=by, from_state=case.state, to_state=to, note=note)
    case.state = to
    case.save()
    return case


@transaction.atomic
def note_add(*, case_id: int, by, text: str, internal: bool) -> CaseNote:
    """Staff add internal or visible notes; the applicant adds visible ones to their own case."""
    if not text.strip():
        raise InvalidInput(fields={"text": _("Write the note.")})
    case = Case.objects.select_for_update().filter(pk=case_id).first()
    if case is None:
        raise NotFound()
    if is_team_staff(by, case.team):
        if case.first_responded_at is None:
            case.first_responded_at = timezone.now()
            case.save(update_fields=["first_responded_at", "updated_at"])
    elif case.applicant_id == by.pk:
        internal = False
    else:
        raise NotFound()
    note = CaseNote.objects.create(case=case, author=by, text=text.strip()[:4000], internal=internal)
    if not internal and case.applicant_id and case.applicant_id != by.pk:
        # Staff answered: the applicant hears of it (the answer itself stays on the case page).
        from nuanxin.accounts.notify import notify

        notify(case.applicant, _("Your request %(n)s has an answer from the staff: see My requests.") % {"n": case.pk},
               kind="case.answer", link=f"/help/{case.pk}/")
    return note


def phone_to_call(*, case_id: int, by, ip: str | None = None) -> str:
    """The applicant's full number, for the click-to-call link of a case's staff; every use is
    on the audit log, like a read of the case file. Pages show only the masked number."""
    case = Case.objects.select_related("applicant").filter(pk=case_id).first()
    if case is None or not is_team_staff(by, case.team):
        raise NotFound()
    number = (case.applicant.phone if case.applicant_id and case.applicant.phone else case.applicant_phone) or ""
    if not number:
        raise Conflict(_("There is no phone number on this request."), code="no_phone")
    audit_log(actor=by, action="case.call", obj=case, ip=ip)
    return number


def case_read(*, case_id: int, by, ip: str | None = None) -> Case:
    """One case for its applicant or its team's staff; every staff read goes to the audit log."""
    case = Case.objects.select_related("assignee").filter(pk=case_id).first()
    if case is None:
        raise NotFound()
    if case.applicant_id == by.pk and by.pk is not None:
        return case
    if is_team_staff(by, case.team):
        audit_log(actor=by, action="case.read", obj=case, ip=ip)
        return case
    raise NotFound()


@transaction.atomic
def case_rate(*, case_id: int, by, score: int) -> Case:
    case = Case.objects.select_for_update().filter(pk=case_id, applicant=by).first()
    if case is None:
        raise NotFound()
    if case.state not in (State.RESOLVED, State.CLOSED):
        raise Conflict(_("You can rate the help once the case is resolved."), code="not_resolved")
    case.satisfaction = score
    case.save(update_fields=["satisfaction", "updated_at"])
    return case


def escalate_overdue(*, now: datetime.datetime | None = None) -> int:
    """Escalate every open case whose deadline has passed, exactly once each: the conditional
    UPDATE (escalated_at IS NULL) means a second run, or two runs at once, escalate nothing more."""
    now = now or timezone.now()
    late = Case.objects.filter(state__in=OPEN_STATES, escalated_at__isnull=True).filter(
        Q(first_responded_at__isnull=True, first_response_due__lt=now) | Q(due_at__lt=now)
    )
    done = 0
    for case_id in list(late.values_list("pk", flat=True)):
        with transaction.atomic():
            if Case.objects.filter(pk=case_id, escalated_at__isnull=True).update(escalated_at=now):
                CaseEvent.objects.create(case_id=case_id, kind="escalation",
                                         note=_("Deadline missed: escalated to the team lead."))
                done += 1
    return done


@transaction.atomic
def attachment_add(*, case_id: int, by, data: bytes):
    """Attach a JPEG, PNG or PDF of at most 5 MB, by the applicant or the case's staff."""
    from nuanxin.cases.models import CaseAttachment
    from nuanxin.core import crypto

    case = Case.objects.filter(pk=case_id).first()
    if case is None or not (case.applicant_id == by.pk or is_team_staff(by, case.team)):
        raise NotFound()
    kind = check_upload(data)
    return CaseAttachment.objects.create(case=case, uploaded_by=by, content_type=kind, size=len(data),
                                         data=crypto.encrypt_bytes(data))


def attachment_read(*, case_id: int, attachment_id: int, by, ip: str | None = None) -> tuple[str, bytes]:
    from nuanxin.cases.models import CaseAttachment
    from nuanxin.core import crypto

    case = case_read(case_id=case_id, by=by, ip=ip)
    att = CaseAttachment.objects.filter(pk=attachment_id, case=case).first()
    if att is None:
        raise NotFound()
    return att.content_type, crypto.decrypt_bytes(att.data)
