from django.db import models
from django.utils.translation import gettext_lazy as _


class Category(models.TextChoices):
    DELIVERY = "delivery", _("delivery")
    COURIER = "courier", _("courier")
    CLEANING = "cleaning", _("cleaning")
    DOMESTIC = "domestic", _("domestic help")
    MOVING = "moving", _("moving")
    CATERING = "catering", _("catering")
    FACTORY = "factory", _("factory")
    WAREHOUSE = "warehouse", _("warehouse")
    CONSTRUCTION = "construction", _("construction")
    EVENT = "event", _("event")
    OTHER = "other", _("other")


class PayUnit(models.TextChoices):
    HOUR = "hour", _("per hour")
    DAY = "day", _("per day")
    PIECE = "piece", _("per piece")
    JOB = "job", _("per job")


class GigStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    OPEN = "open", _("open")
    CLOSED = "closed", _("closed")
    CANCELLED = "cancelled", _("cancelled")


class ApplicationStatus(models.TextChoices):
    PENDING = "pending", _("pending")
    ACCEPTED = "accepted", _("accepted")
    REJECTED = "rejected", _("rejected")
    CANCELLED = "cancelled", _("cancelled")
    CHECKED_IN = "checked_in", _("checked in")
    CHECKED_OUT = "checked_out", _("checked out")
    COMPLETED = "completed", _("completed")
    NO_SHOW = "no_show", _("no-show")
    DISPUTED = "disputed", _("disputed")


# Applications that hold a place on the shift (count toward headcount and time conflicts).
HOLDING = (ApplicationStatus.ACCEPTED, ApplicationStatus.CHECKED_IN, ApplicationStatus.CHECKED_OUT,
           ApplicationStatus.COMPLETED)
# Applications that are still alive (one per worker per shift among these).
LIVE = (ApplicationStatus.PENDING, *HOLDING)

# Every move an application makes, each through services.application_transition, which
# writes its history row. None is the creation: an application, or an instant (or
# auto-filled) booking. The services' own checks name the finer rules (time windows, who).
S = ApplicationStatus
TRANSITIONS: dict[str | None, tuple[str, ...]] = {
    None: (S.PENDING, S.ACCEPTED),
    S.PENDING: (S.ACCEPTED, S.REJECTED, S.CANCELLED),                 # employer, autofill; worker or shift cancel
    S.ACCEPTED: (S.CHECKED_IN, S.CANCELLED, S.NO_SHOW),
    S.CHECKED_IN: (S.CHECKED_OUT, S.COMPLETED, S.DISPUTED),           # out also when the employer cancels
    S.CHECKED_OUT: (S.COMPLETED, S.DISPUTED),                         # completed also by the 48-hour release
    S.NO_SHOW: (S.DISPUTED,),
    S.COMPLETED: (S.DISPUTED,),                                       # within 7 days of the confirmation
    S.DISPUTED: (S.COMPLETED,),                                       # legal staff settle it
    S.REJECTED: (),
    S.CANCELLED: (),
}
del S


class Side(models.TextChoices):
    WORKER = "worker", _("worker")
    EMPLOYER = "employer", _("employer")


class ReliabilityKind(models.TextChoices):
    LATE_CANCEL = "late_cancel", _("cancelled late")
    NO_SHOW = "no_show", _("did not come")


class AppealStatus(models.TextChoices):
    NONE = "", _("no appeal")
    PENDING = "pending", _("appeal pending")
    UPHELD = "upheld", _("appeal upheld: record removed")
    DISMISSED = "dismissed", _("appeal dismissed")


class ReportReason(models.TextChoices):
    FAKE = "fake", _("fake job")
    FEE = "fee", _("asks for a fee or deposit")
    DISCRIMINATION = "discrimination", _("discrimination")
    OTHER = "other", _("other")


class ReportStatus(models.TextChoices):
    OPEN = "open", _("open")
    DISMISSED = "dismissed", _("dismissed")
    ACTIONED = "actioned", _("employer blocked")


class GigSort(models.TextChoices):
    """Orders of the gig list. Whatever the order, gigs with a shift still open to book come
    before gigs whose remaining shifts are all full or already started (selectors.gigs_search)."""

    DISTANCE = "distance", _("nearest first")
    PAY = "pay", _("best pay for one shift first")
    START = "start", _("soonest start first")
