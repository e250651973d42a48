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
