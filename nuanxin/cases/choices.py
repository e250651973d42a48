from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class CaseType(models.TextChoices):
    JOB_SEEKING = "job_seeking", _("job seeking")
    POLICY = "policy", _("policy advice")
    HARDSHIP = "hardship", _("hardship help")
    STARTUP = "startup", _("start-up advice")
    RIGHTS = "rights", _("rights (wage arrears, injury, contract)")
    LEGAL_AID = "legal_aid", _("legal aid")
    EMERGENCY = "emergency", _("emergency relief")
    HEALTH = "health", _("health")


class Team(models.TextChoices):
    """A team is the staff role that works its cases."""

    ADVISOR = "advisor", _("employment advisors")
    RESCUE = "rescue", _("rescue station")
    LEGAL = "legal", _("legal aid")
    HOSPITAL = "hospital", _("designated hospital")


DEFAULT_TEAM = {
    CaseType.EMERGENCY: Team.RESCUE, CaseType.RIGHTS: Team.LEGAL, CaseType.LEGAL_AID: Team.LEGAL,
    CaseType.HEALTH: Team.HOSPITAL,
}


class State(models.TextChoices):
    # Plain words in both languages, on every page (the codes are for the API only); a
    # context keeps a case's "closed" apart from a place's "closed" (休息).
    NEW = "new", pgettext_lazy("case state", "new")
    TRIAGED = "triaged", pgettext_lazy("case state", "accepted, team chosen")
    ASSIGNED = "assigned", pgettext_lazy("case state", "given to a case worker")
    IN_PROGRESS = "in_progress", pgettext_lazy("case state", "being worked on")
    WAITING = "waiting_on_applicant", pgettext_lazy("case state", "waiting for your reply")
    REFERRED = "referred", pgettext_lazy("case state", "referred to a partner")
    RESOLVED = "resolved", pgettext_lazy("case state", "resolved")
    CLOSED = "closed", pgettext_lazy("case state", "closed")
    REOPENED = "reopened", pgettext_lazy("case state", "reopened")


# What staff read for the one state that speaks to the applicant.
STAFF_STATE_LABELS = {State.WAITING: pgettext_lazy("case state", "waiting for the applicant's reply")}


def state_label(value: str, *, staff: bool = False) -> str:
    """A state in words; an unknown code (an old row) is shown as it is rather than failing."""
    if staff and value in STAFF_STATE_LABELS:
        return str(STAFF_STATE_LABELS[value])
    return str(State(value).label) if value in State.values else value


# The workflow: new → triaged → assigned → in_progress ⇄ waiting_on_applicant → resolved →
# closed, plus referred and reopened. Anything else is refused with the allowed moves named.
TRANSITIONS: dict[str, tuple[str, ...]] = {
    State.NEW: (State.TRIAGED, State.CLOSED),
    State.TRIAGED: (State.ASSIGNED, State.REFERRED, State.CLOSED),
    State.ASSIGNED: (State.IN_PROGRESS, State.REFERRED, State.RESOLVED),
    State.IN_PROGRESS: (State.WAITING, State.REFERRED, State.RESOLVED),
    State.WAITING: (State.IN_PROGRESS, State.RESOLVED, State.CLOSED),
    State.REFERRED: (State.RESOLVED, State.CLOSED),
    State.RESOLVED: (State.CLOSED, State.REOPENED),
    State.CLOSED: (State.REOPENED,),
    State.REOPENED: (State.ASSIGNED, State.IN_PROGRESS),
}
OPEN_STATES = tuple(s for s in State.values if s not in (State.RESOLVED, State.CLOSED))


class CloseReason(models.TextChoices):
    HELPED = "helped", pgettext_lazy("why a case closed", "helped")
    REFERRED = "referred", pgettext_lazy("why a case closed", "passed to a partner")
    DUPLICATE = "duplicate", pgettext_lazy("why a case closed", "the same request twice")
    UNREACHABLE = "unreachable", pgettext_lazy("why a case closed", "could not reach the applicant")
    NOT_ELIGIBLE = "not_eligible", pgettext_lazy("why a case closed", "not eligible")
    WITHDRAWN = "withdrawn", pgettext_lazy("why a case closed", "withdrawn by the applicant")


class Channel(models.TextChoices):
    ONLINE = "online", _("online")
    WINDOW = "window", _("service window")
    PHONE = "phone", _("phone")
    WECHAT = "wechat", _("WeChat")
    STATION = "station", _("station")
    APP = "app", _("another app")


# The form fields of each type (details in API.md's POST /cases): key → label.
TYPE_FIELDS: dict[str, dict[str, str]] = {
    CaseType.EMERGENCY: {"need": _("what is needed now: shelter, ticket home, medical"),
                         "people": _("how many people"), "where_now": _("where you are now")},
    CaseType.RIGHTS: {"employer": _("employer or boss"), "amount_yuan": _("amount owed (yuan)"),
                      "since": _("since when"), "issue": _("wages, injury or contract")},
    CaseType.LEGAL_AID: {"matter": _("what the legal matter is"), "other_party": _("the other side")},
    CaseType.HEALTH: {"symptoms": _("how you feel"), "wants": _("check-up, appointment or urgent care")},
    CaseType.JOB_SEEKING: {"skills": _("what you can do"), "wants": _("what work you want"),
                           "needs_lodging": _("do you need a place to stay")},
    CaseType.HARDSHIP: {"household": _("who is in your family here"), "need": _("what would help")},
    CaseType.POLICY: {"topic": _("which policy")},
    CaseType.STARTUP: {"idea": _("your business idea")},
}
