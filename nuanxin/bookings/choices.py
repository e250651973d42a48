from django.db import models
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    HEALTH_CHECK = "health_check", _("free health check")
    FIRST_AID = "first_aid", _("first-aid training")
    NIGHT_SCHOOL = "night_school", _("youth night school")
    SUMMER_CARE = "summer_care", _("children's summer care")


class Mode(models.TextChoices):
    FCFS = "fcfs", _("first come, first served")
    LOTTERY = "lottery", _("lottery")


class Status(models.TextChoices):
    REGISTERED = "registered", _("registered for the draw")
    OFFERED = "offered", _("won a place: please confirm")
    CONFIRMED = "confirmed", _("confirmed")
    WAITLISTED = "waitlisted", _("on the waiting list")
    CANCELLED = "cancelled", _("cancelled")
    EXPIRED = "expired", _("not confirmed in time")
    ATTENDED = "attended", _("attended")
    NO_SHOW = "no_show", _("did not come")


class AppealStatus(models.TextChoices):
    PENDING = "pending", _("appeal pending")
    ACCEPTED = "accepted", _("appeal accepted")
    REJECTED = "rejected", _("appeal rejected")


# Holding a seat (counted in Session.taken).
SEATED = frozenset({Status.OFFERED, Status.CONFIRMED, Status.ATTENDED, Status.NO_SHOW})
# Counting towards "one place per person per offering" and blocking a second entry.
LIVE = frozenset({Status.REGISTERED, Status.OFFERED, Status.CONFIRMED, Status.WAITLISTED,
                  Status.ATTENDED, Status.NO_SHOW})
# What the person may still cancel.
CANCELLABLE = frozenset({Status.REGISTERED, Status.OFFERED, Status.CONFIRMED, Status.WAITLISTED})

# Every move an enrolment makes, each through transitions.enrollment_transition, which writes
# its history row. None is the creation: a seat, the waiting list, or a draw entry.
S = Status
TRANSITIONS: dict[str | None, tuple[str, ...]] = {
    None: (S.CONFIRMED, S.WAITLISTED, S.REGISTERED),
    S.REGISTERED: (S.OFFERED, S.WAITLISTED, S.CANCELLED),          # the draw; the person cancels
    S.OFFERED: (S.CONFIRMED, S.EXPIRED, S.CANCELLED),
    S.WAITLISTED: (S.CONFIRMED, S.OFFERED, S.CANCELLED),           # promoted: a seat, or an offer (lottery)
    S.CONFIRMED: (S.ATTENDED, S.NO_SHOW, S.CANCELLED),
    S.ATTENDED: (S.CONFIRMED, S.NO_SHOW),                          # the roll corrected
    S.NO_SHOW: (S.ATTENDED, S.CONFIRMED),
    S.CANCELLED: (),
    S.EXPIRED: (),
}
del S
