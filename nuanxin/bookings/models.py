"""Offerings with few places, their sessions, enrolments, lottery draws, volunteer teachers.

A seat is Session.taken against Session.capacity, changed only by conditional UPDATEs in
services.py, with a database CHECK as the last line of defence against overselling.
"""

import secrets

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from nuanxin.accounts.models import Child
from nuanxin.bookings.choices import LIVE, AppealStatus, Kind, Mode, Status
from nuanxin.core import codes, lottery
from nuanxin.core.fields import EncryptedTextField
from nuanxin.core.workflow import StatusHistory
from nuanxin.places.models import Place


class Offering(models.Model):
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=80)
    description = models.TextField(_("description"), max_length=4000, blank=True)
    mode = models.CharField(_("mode"), max_length=8, choices=Mode.choices, default=Mode.FCFS)
    place = models.ForeignKey(Place, on_delete=models.PROTECT, related_name="offerings", verbose_name=_("place"))
    organisers = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name="organised_offerings",
                                        verbose_name=_("organisers"))
    per_person_limit = models.PositiveSmallIntegerField(
        _("places per person (or child) in this offering"), default=1,
        validators=[MinValueValidator(1), MaxValueValidator(50)])
    for_children = models.BooleanField(_("places are for workers' children"), default=False)
    per_family_limit = models.PositiveSmallIntegerField(
        _("places per family (children sharing a guardian); empty for no cap"), null=True, blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(50)])
    min_child_age = models.PositiveSmallIntegerField(_("youngest child (years)"), null=True, blank=True)
    max_child_age = models.PositiveSmallIntegerField(_("oldest child (years)"), null=True, blank=True)
    cancel_hours = models.PositiveSmallIntegerField(
        _("cancellation closes this many hours before the start"), default=2)
    confirm_hours = models.PositiveSmallIntegerField(
        _("lottery winners confirm within (hours)"), default=24, validators=[MinValueValidator(1)])
    # Lottery weights in tenths: 10 is an ordinary entry; each draw of the same kind lost in a
    # row adds loss_bonus (up to max_weight); each unexcused no-show in 180 days halves it.
    loss_bonus = models.PositiveSmallIntegerField(_("weight added per lost draw (tenths)"), default=5)
    max_weight = models.PositiveSmallIntegerField(_("largest weight (tenths)"), default=30,
                                                  validators=[MinValueValidator(10)])
    published = models.BooleanField(_("published"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("offering")
        verbose_name_plural = _("offerings")
        ordering = ["kind", "title", "pk"]

    def __str__(self):
        return self.title


class WeeklySlot(models.Model):
    """A health check's weekly plan: on this weekday, slots of slot_minutes from start to end."""

    offering = models.ForeignKey(Offering, on_delete=models.CASCADE, related_name="weekly_slots")
    weekday = models.PositiveSmallIntegerField(_("weekday (0 = Monday)"), validators=[MaxValueValidator(6)])
    start = models.TimeField(_("from"))
    end = models.TimeField(_("until"))
    slot_minutes = models.PositiveSmallIntegerField(_("slot length (minutes)"), default=30,
                                                    validators=[MinValueValidator(10)])
    capacity = models.PositiveSmallIntegerField(_("people per slot"), default=6)
    opens_days_before = models.PositiveSmallIntegerField(_("booking opens this many days before"), default=7)

    class Meta:
        verbose_name = _("weekly slot plan")
        verbose_name_plural = _("weekly slot plans")
        ordering = ["weekday", "start"]
        constraints = [models.CheckConstraint(condition=Q(end__gt=F("start")), name="weeklyslot_end_after_start")]

    def __str__(self):
        return f"{self.weekday} {self.start:%H:%M}-{self.end:%H:%M}"


class PlanException(models.Model):
    """A date the weekly plan does not run (a holiday, a doctor away)."""

    offering = models.ForeignKey(Offering, on_delete=models.CASCADE, related_name="plan_exceptions")
    date = models.DateField(_("date"))
    note = models.CharField(_("note"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("plan exception")
        verbose_name_plural = _("plan exceptions")
        constraints = [models.UniqueConstraint(fields=["offering", "date"], name="one_exception_per_date")]

    def __str__(self):
        return f"{self.date} {self.note}"


class Volunteer(models.Model):
    """The register of volunteer teachers (志愿者教师)."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="volunteer")
    subjects = models.CharField(_("subjects"), max_length=100, blank=True)
    organisation = models.CharField(_("school or organisation"), max_length=100, blank=True)
    active = models.BooleanField(_("active"), default=True)
    registered_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("volunteer teacher")
        verbose_name_plural = _("volunteer teachers")
        ordering = ["pk"]

    def __str__(self):
        return str(self.user)


def new_seed() -> str:
    return secrets.token_hex(32)


new_checkin_code = codes.six_digits  # the name the migrations give the default


class Session(models.Model):
    offering = models.ForeignKey(Offering, on_delete=models.CASCADE, related_name="sessions")
    label = models.CharField(_("class or slot name"), max_length=60, blank=True)
    start = models.DateTimeField(_("starts"))
    end = models.DateTimeField(_("ends"))
    capacity = models.PositiveIntegerField(_("places"), validators=[MinValueValidator(1), MaxValueValidator(10000)])
    taken = models.PositiveIntegerField(_("places taken"), default=0, editable=False)
    waitlist_limit = models.PositiveIntegerField(_("waiting list length (empty: no limit)"), null=True, blank=True)
    opens_at = models.DateTimeField(_("booking opens"))
    closes_at = models.DateTimeField(_("booking closes"))
    teacher = models.ForeignKey(Volunteer, null=True, blank=True, on_delete=models.SET_NULL,
                                related_name="sessions", verbose_name=_("teacher"))
    # A course of weekly classes is one session spanning weeks: its teaching hours are not
    # end - start, so the organiser records them (empty: end - start).
    teaching_hours = models.DecimalField(_("teaching hours"), max_digits=6, decimal_places=1, null=True,
                                         blank=True, validators=[MinValueValidator(0)])
    # Lottery: the seed is fixed when the session is created and only its SHA-256 is shown
    # until the draw (a commitment); afterwards the seed itself is published.
    seed = EncryptedTextField(default=new_seed, editable=False)
    seed_hash = models.CharField(_("SHA-256 of the draw seed"), max_length=64, editable=False)
    drawn_at = models.DateTimeField(_("drawn at"), null=True, blank=True, editable=False)
    draw_entries = models.JSONField(default=list, blank=True, editable=False)
    draw_ranking = models.JSONField(default=list, blank=True, editable=False)
    draw_places = models.PositiveIntegerField(default=0, editable=False)
    # Ticket numbers 1, 2, 3… in this session, handed out under the session's row lock.
    tickets_issued = models.PositiveIntegerField(default=0, editable=False)
    # An organiser may close a lottery's registration before closes_at, with a reason every
    # registrant is told; the close time first announced is kept for the published draw.
    planned_closes_at = models.DateTimeField(_("registration was to close at"), null=True, blank=True,
                                             editable=False)
    closed_early_reason = models.CharField(_("why registration closed early"), max_length=200, blank=True,
                                           editable=False)
    checkin_code = models.CharField(max_length=6, default=new_checkin_code, editable=False)
    roll_closed_at = models.DateTimeField(_("roll closed at"), null=True, blank=True, editable=False)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        ordering = ["start", "pk"]
        constraints = [
            # The last line of defence: whatever a service does, never more seats than places.
            models.CheckConstraint(condition=Q(taken__lte=F("capacity")), name="session_never_oversold"),
            models.CheckConstraint(condition=Q(end__gt=F("start")), name="session_end_after_start"),
            models.CheckConstraint(condition=Q(closes_at__gt=F("opens_at")), name="session_window_order"),
            models.UniqueConstraint(fields=["offering", "start", "label"], name="one_session_per_start"),
        ]
        indexes = [models.Index(fields=["closes_at", "drawn_at"], name="session_draw_due")]

    def __str__(self):
        return f"{self.offering} {self.label} {self.start:%Y-%m-%d %H:%M}"

    def save(self, *args, **kwargs):
        if not self.seed_hash:
            self.seed_hash = lottery.commitment(self.seed)
        super().save(*args, **kwargs)

    @property
    def hours(self) -> float:
        if self.teaching_hours is not None:
            return float(self.teaching_hours)
        return (self.end - self.start).total_seconds() / 3600

    @property
    def places_left(self) -> int:
        return max(self.capacity - self.taken, 0)


class Enrollment(models.Model):
    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="enrollments")
    # Kept beside the session so "one place per person per offering" is one indexed query.
    offering = models.ForeignKey(Offering, on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="enrollments")
    child = models.ForeignKey(Child, null=True, blank=True, on_delete=models.CASCADE, related_name="enrollments")
    # Who the place is for: "u<user id>" or "c<child id>" (a unique key without NULL quirks).
    person = models.CharField(max_length=24, editable=False)
    # What the person sees and what the published draw lists: their number in this session.
    ticket = models.PositiveIntegerField(_("ticket number"), editable=False)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices)
    weight = models.PositiveSmallIntegerField(_("lottery weight (tenths)"), null=True, blank=True)
    rank = models.PositiveIntegerField(_("place in the draw"), null=True, blank=True)
    won = models.BooleanField(_("got a place from a draw"), null=True, blank=True)
    offer_expires_at = models.DateTimeField(_("confirm by"), null=True, blank=True)
    created_at = models.DateTimeField(_("enrolled at"), auto_now_add=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    attended_at = models.DateTimeField(null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)
    appeal_text = models.CharField(_("appeal"), max_length=500, blank=True)
    appeal_status = models.CharField(_("appeal status"), max_length=10, choices=AppealStatus.choices, blank=True)

    class Meta:
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["session", "person"], condition=Q(status__in=sorted(LIVE)),
                                    name="one_live_enrollment_per_person"),
            models.UniqueConstraint(fields=["session", "ticket"], name="one_ticket_number_per_session"),
        ]
        indexes = [
            models.Index(fields=["session", "status"], name="enrollment_session_status"),
            models.Index(fields=["offering", "person"], name="enrollment_offering_person"),
            models.Index(fields=["user", "status"], name="enrollment_user_status"),
        ]

    def __str__(self):
        return f"#{self.pk} ticket {self.ticket} {self.status}"

    def is_scarce(self) -> bool:
        """A seat others want: won in a draw, or in a full session. Cancelling it cannot be
        undone (it goes to the next person at once), so the pages ask before they cancel."""
        s = self.session
        return self.status in (Status.OFFERED, Status.CONFIRMED) and (
            s.offering.mode == Mode.LOTTERY or s.taken >= s.capacity)


class EnrollmentHistory(StatusHistory):
    """Every status an enrolment took, from its creation: written by
    transitions.enrollment_transition only."""

    enrollment = models.ForeignKey(Enrollment, on_delete=models.CASCADE, related_name="history")

    class Meta(StatusHistory.Meta):
        verbose_name = _("status change")
        verbose_name_plural = _("status history")
