"""`{% grants_panel case as panel %}`: the grants of a case for the case page's panel (the
cases app knows nothing of grants; it only includes the parts registered for "case_panels")."""

import uuid

from django import template

from nuanxin.cases.choices import OPEN_STATES
from nuanxin.cases.services import is_team_staff
from nuanxin.grants import selectors, services
from nuanxin.grants.choices import KINDS_FOR_CASE_TYPE
from nuanxin.grants.forms import ProposeForm

register = template.Library()


@register.simple_tag(takes_context=True)
def grants_panel(context, case) -> dict:
    user = context["request"].user
    staff = is_team_staff(user, case.team)
    grants = selectors.grants_on_case(user, case)
    may_propose = (staff and case.type in KINDS_FOR_CASE_TYPE and case.state in OPEN_STATES
                   and case.applicant_id not in (None, user.pk))
    return {
        "staff": staff, "takes_grants": case.type in KINDS_FOR_CASE_TYPE,
        "grants": [{"grant": g, "may_decide": g.status == "proposed" and services.may_decide(user, g),
                    "mine": g.proposed_by_id == user.pk} for g in grants],
        "may_propose": may_propose,
        "form": ProposeForm(case_type=case.type, initial={"key": uuid.uuid4().hex}, auto_id="grant-%s")
        if may_propose else None,
    }
