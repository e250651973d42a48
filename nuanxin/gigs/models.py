"""Gigs (人人帮): postings with shifts, applications through their life, ratings, reliability,
reports. Pay is recorded in fen here; money moves in the wages app."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from nuanxin.accounts.models import Employer
from nuanxin.core import codes, geo
from nuanxin.core.towns import Town, nearest_town
from nuanxin.core.workflow import StatusHistory
from nuanxin.gigs.choices import (
    LIVE,
    AppealStatus,
    ApplicationStatus,
    Category,
    GigStatus,
    PayUnit,
    ReliabilityKind,
    ReportReason,
    ReportStatus,
    Side,
)
from nuanxin.gigs.search import gig_document


class Gig(models.Model):
    employer = models.ForeignKey(Employer, on_delete=models.PROTECT, related_name="gigs")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    title = models.CharField(_("title"), max_length=60)
    category = models.CharField(_("category"), max_length=16, choices=Category.choices)
    description = models.TextField(_("description"), max_length=2000, blank=True)
    address = models.CharField(_("address"), max_length=200)
    lat = models.FloatField(_("latitude (WGS-84)"))
    lon = models.FloatField(_("longitude (WGS-84)"))
    h3_r5 = models.BigIntegerField(editable=False, db_index=True, default=0)
    h3_r7 = models.BigIntegerField(editable=False, db_index=True, default=0)
    h3_r9 = models.BigIntegerField(editable=False, db_index=True, default=0)
    # The town whose centre is nearest the workplace, kept by save(): the dashboard counts gigs by town.
    town = models.CharField(_("town"), max_length=16, choices=Town.choices, editable=False, blank=True)
    geofence_m = models.PositiveIntegerField(
        _("check-in radius (m)"), default=300, validators=[MinValueValidator(50), MaxValueValidator(5000)]
    )
    pay_fen = models.PositiveIntegerField(_("pay (fen)"))
    pay_unit = models.CharField(_("pay unit"), max_length=8, choices=PayUnit.choices)
    instant = models.BooleanField(_("instant booking"), default=False)
    # 日结: the employer confirms on the day, and what is not confirmed by midnight (Shanghai)
    # after check-out is paid by the platform then (services.release_due_wages), not after 48 h.
    same_day_pay = models.BooleanField(_("wages paid the same day (日结)"), default=False)
    skills = models.JSONField(_("skills or certificates required"), default=list, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=GigStatus.choices, default=GigStatus.DRAFT)
    # First shift start and last shift end, kept by the services: "stale" is ends_at <= now.
    starts_at = models.DateTimeField(null=True, blank=True)
    ends_at = models.DateTimeField(null=True, blank=True, db_index=True)
    search_doc = models.TextField(editable=False, default="")
    published_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("gig")
        verbose_name_plural = _("gigs")
        ordering = ["-published_at", "-id"]
        indexes = [models.Index(fields=["lat", "lon"])]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        derived = geo.set_cells(self) | {"search_doc", "town"}
        self.town = nearest_town(self.lat, self.lon)
        self.search_doc = gig_document(
            title=self.title, category=self.category, description=self.description, skills=self.skills,
            address=self.address, employer_name=self.employer.name if self.employer_id else "",
            same_day_pay=self.same_day_pay,
        )
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], *derived}
        super().save(*args, **kwargs)


new_checkin_code = codes.six_digits  # the name the migrations give the default


class Shift(models.Model):
    gig = models.ForeignKey(Gig, on_delete=models.CASCADE, related_name="shifts")
    start = models.DateTimeField(_("start"))
    end = models.DateTimeField(_("end"))
    headcount = models.PositiveSmallIntegerField(
        _("headcount"), validators=[MinValueValidator(1), MaxValueValidator(500)]
    )
    # Places taken, changed only by one conditional UPDATE (never check-then-act).
    taken = models.PositiveSmallIntegerField(default=0)
    # Wages held in escrow for this shift (per place, and what is still held), set at publish.
    per_place_fen = models.PositiveIntegerField(default=0)
    escrow_fen = models.PositiveBigIntegerField(default=0)
    # Shown by the employer on site: a worker whose GPS fails checks in with it.
    checkin_code = models.CharField(max_length=6, default=new_checkin_code)
    cancelled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("shift")
        verbose_name_plural = _("shifts")
        ordering = ["start", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(end__gt=models.F("start")), name="shift_ends_after_start"),
            models.CheckConstraint(condition=Q(taken__lte=models.F("headcount")), name="shift_never_oversold"),
        ]

    def __str__(self):
        return f"{self.gig} {self.start:%m-%d %H:%M}"

    @property
    def open_places(self) -> int:
        return max(0, self.headcount - self.taken)


class Application(models.Model):
    shift = models.ForeignKey(Shift, on_delete=models.CASCADE, related_name="applications")
    worker = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="gig_applications")
    status = models.CharField(
        _("status"), max_length=12, choices=ApplicationStatus.choices, default=ApplicationStatus.PENDING
    )
    # Assisted mode: the advisor who applied at a service window for a worker without a smartphone.
    applied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("applied on behalf by"),
    )
    via_autofill = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    checked_in_at = models.DateTimeField(null=True, blank=True)
    checkin_method = models.CharField(max_length=8, blank=True)  # "gps" or "code"
    checked_out_at = models.DateTimeField(null=True, blank=True)
    worked_minutes = models.PositiveIntegerField(null=True, blank=True)
    timesheet_note = models.CharField(_("why the employer changed the hours"), max_length=200, blank=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    wage_fen = models.PositiveIntegerField(_("wage paid (fen)"), null=True, blank=True)
    settled_at = models.DateTimeField(null=True, blank=True)
    # Extra time beyond the booked shift that the employer approved (and funded) at confirmation.
    extra_fen = models.PositiveIntegerField(_("approved extra pay (fen)"), default=0)
    # When the employer confirms less than the recorded time, the difference stays in escrow
    # until the worker accepts it, disputes it, or the hold ends (then the record stands).
    contested_fen = models.PositiveIntegerField(_("wage held while contested (fen)"), default=0)
    contested_until = models.DateTimeField(null=True, blank=True)
    contest_accepted_at = models.DateTimeField(null=True, blank=True)
    disputed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        ordering = ["-created_at", "-id"]
        constraints = [
            # One live application per worker per shift, enforced by the database itself.
            models.UniqueConstraint(fields=["shift", "worker"], condition=Q(status__in=LIVE),
                                    name="one_live_application_per_shift"),
        ]
        indexes = [models.Index(fields=["worker", "status"])]

    def __str__(self):
        return f"{self.worker} → {self.shift}"

    def can_dispute(self, now) -> bool:
        """Before the wage is paid, or up to 7 days after the confirmation; once per shift."""
        from nuanxin.gigs.pay import DISPUTE_WINDOW

        if self.disputed_at is not None:
            return False
        if self.status in (ApplicationStatus.CHECKED_IN, ApplicationStatus.CHECKED_OUT, ApplicationStatus.NO_SHOW):
            return True
        return (self.status == ApplicationStatus.COMPLETED and self.confirmed_at is not None
                and now <= self.confirmed_at + DISPUTE_WINDOW)


class ApplicationHistory(StatusHistory):
    """Every status an application took, from its creation: written by
    services.application_transition only."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="history")

    class Meta(StatusHistory.Meta):
        verbose_name = _("status change")
        verbose_name_plural = _("status history")


class Rating(models.Model):
    """Hidden until both sides have rated or 7 days have passed (selectors decide)."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="ratings")
    side = models.CharField(max_length=8, choices=Side.choices)
    score = models.PositiveSmallIntegerField(validators=[MinValueValidator(1), MaxValueValidator(5)])
    comment = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("rating")
        verbose_name_plural = _("ratings")
        constraints = [models.UniqueConstraint(fields=["application", "side"], name="one_rating_per_side")]

    def __str__(self):
        return f"{self.application_id} {self.side} {self.score}"


class ReliabilityRecord(models.Model):
    worker = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reliability_records")
    application = models.OneToOneField(Application, on_delete=models.CASCADE, related_name="reliability_record")
    kind = models.CharField(max_length=12, choices=ReliabilityKind.choices)
    reason = models.CharField(_("reason"), max_length=200)
    created_at = models.DateTimeField(auto_now_add=True)
    appeal_text = models.CharField(_("appeal"), max_length=500, blank=True)
    appeal_status = models.CharField(max_length=10, choices=AppealStatus.choices, blank=True)
    appeal_decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("reliability record")
        verbose_name_plural = _("reliability records")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.worker} {self.kind}"

    @property
    def counts(self) -> bool:
        return self.appeal_status != AppealStatus.UPHELD


class CancellationFee(models.Model):
    """Owed by an employer who cancels a shift late; paid from escrow once wages exist."""

    shift = models.ForeignKey(Shift, on_delete=models.CASCADE, related_name="cancellation_fees")
    worker = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    amount_fen = models.PositiveIntegerField()
    created_at = models.DateTimeField(auto_now_add=True)
    paid_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("cancellation fee")
        verbose_name_plural = _("cancellation fees")

    def __str__(self):
        return f"{self.shift} {self.amount_fen}"


class GigReport(models.Model):
    gig = models.ForeignKey(Gig, on_delete=models.CASCADE, related_name="reports")
    reporter = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    reason = models.CharField(_("reason"), max_length=16, choices=ReportReason.choices)
    detail = models.CharField(_("detail"), max_length=500, blank=True)
    status = models.CharField(max_length=10, choices=ReportStatus.choices, default=ReportStatus.OPEN)
    created_at = models.DateTimeField(auto_now_add=True)
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")
    reviewed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        ordering = ["status", "-created_at"]
        constraints = [models.UniqueConstraint(fields=["gig", "reporter"], name="one_report_per_person")]

    def __str__(self):
        return f"{self.gig} {self.reason}"
