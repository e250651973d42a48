"""A case as the API and the downloads show it: staff see notes and allowed moves, the applicant
their own record without staff-only notes."""

from nuanxin.cases import selectors, services
from nuanxin.cases.choices import TRANSITIONS
from nuanxin.cases.models import Case
from nuanxin.core.masking import mask_name


def brief_out(case: Case) -> dict:
    return {
        "id": case.pk, "type": case.type, "state": case.state, "team": case.team, "town": case.town,
        "applicant_name_masked": mask_name(case.applicant_name), "applicant_phone_masked": case.applicant_phone_masked,
        "expected_datetime": case.due_at, "escalated": case.escalated_at is not None, "created_at": case.created_at,
    }


def case_out(case: Case, user) -> dict:
    staff = services.is_team_staff(user, case.team)
    return {
        **brief_out(case), "summary": case.summary, "assignee_id": case.assignee_id, "channel": case.channel,
        "first_response_due": case.first_response_due, "close_reason": case.close_reason,
        "referred_to": case.referred_to,
        "allowed_transitions": list(TRANSITIONS.get(case.state, ())) if staff else [],
        "events": [{"kind": e.kind, "from_state": e.from_state, "to_state": e.to_state,
                    "note": e.note if staff else "", "at": e.at} for e in case.events.all()],
        "notes": [{"id": n.pk, "text": n.text, "internal": n.internal, "created_at": n.created_at}
                  for n in selectors.notes_visible(case, user)],
        "attachments": [{"id": a.pk, "content_type": a.content_type, "size": a.size}
                        for a in case.attachments.only("pk", "content_type", "size")],
    }


def cases_export(user) -> dict:
    """The applicant's own case history (PIPL: a copy of one's own data)."""
    return {"cases": [case_out(c, user) for c in selectors.cases_of_applicant(user, newest_first=False)]}
