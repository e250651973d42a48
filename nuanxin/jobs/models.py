"""Employment services (就业服务): the national occupational classification, employers'
vacancies, job seekers and their follow-ups, referrals with a letter, job fairs and their
booths, and the policy calculator's rules.

A vacancy states what the 2026 online-recruitment rules require (employer, headcount,
requirements, duties, place, basic pay, validity) and passes the same fairness screen as a
gig (core.fairness) and staff review before anyone sees it."""

import secrets

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from nuanxin.core import geo
from nuanxin.core.fields import EncryptedTextField
from nuanxin.core.text import search_document
from nuanxin.core.towns import Town
from nuanxin.core.workflow import StatusHistory
from nuanxin.jobs.choices import (
    BoothStatus,
    Channel,
    Hardship,
    JobKind,
    OccupationLevel,
    PayPeriod,
    ReferralStatus,
    SeekerStatus,
    Tier,
    VacancyStatus,
)


class Occupation(models.Model):
    """A group or an occupation of 职业分类大典 (2022): code like 4-02-01, its name, its parent."""

    code = models.CharField(_("code"), max_length=12, unique=True)
    name = models.CharField(_("name"), max_length=80)
    level = models.CharField(_("level"), max_length=10, choices=OccupationLevel.choices)
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="children")

    class Meta:
        verbose_name = _("occupation")
        verbose_name_plural = _("occupations")
        ordering = ["code"]

    def __str__(self):
        return f"{self.code} {self.name}"


class Vacancy(models.Model):
    employer = models.ForeignKey("accounts.Employer", on_delete=models.PROTECT, related_name="vacancies")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    title = models.CharField(_("job title"), max_length=60)
    occupation = models.ForeignKey(Occupation, on_delete=models.PROTECT, related_name="vacancies",
                                   verbose_name=_("occupation"))
    kind = models.CharField(_("kind"), max_length=10, choices=JobKind.choices, default=JobKind.FULL_TIME)
    headcount = models.PositiveSmallIntegerField(_("people wanted"),
                                                 validators=[MinValueValidator(1), MaxValueValidator(999)])
    requirements = models.TextField(_("requirements"), max_length=1000)
    duties = models.TextField(_("duties"), max_length=2000)
    skills = models.JSONField(_("skills or certificates wanted"), default=list, blank=True)
    address = models.CharField(_("place of work"), max_length=200)
    town = models.CharField(_("town"), max_length=16, choices=Town.choices)
    lat = models.FloatField(_("latitude (WGS-84)"))
    lon = models.FloatField(_("longitude (WGS-84)"))
    h3_r5 = models.BigIntegerField(editable=False, db_index=True, default=0)
    h3_r7 = models.BigIntegerField(editable=False, db_index=True, default=0)
    h3_r9 = models.BigIntegerField(editable=False, db_index=True, default=0)
    pay_min_fen = models.PositiveIntegerField(_("basic pay from (fen)"))
    pay_max_fen = models.PositiveIntegerField(_("basic pay up to (fen)"))
    pay_period = models.CharField(_("pay period"), max_length=6, choices=PayPeriod.choices, default=PayPeriod.MONTH)
    valid_until = models.DateField(_("valid until"))
    status = models.CharField(_("status"), max_length=16, choices=VacancyStatus.choices,
                              default=VacancyStatus.PENDING_REVIEW)
    review_note = models.CharField(_("review note"), max_length=200, blank=True)
    search_doc = models.TextField(editable=False, default="")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("vacancy")
        verbose_name_plural = _("vacancies")
        ordering = ["-id"]
        constraints = [models.CheckConstraint(condition=Q(pay_max_fen__gte=models.F("pay_min_fen")),
                                              name="vacancy_pay_range")]
        indexes = [models.Index(fields=["status", "valid_until"], name="jobs_vacancy_live")]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        derived = geo.set_cells(self) | {"search_doc"}
        self.search_doc = search_document(self.title, self.occupation.name if self.occupation_id else "",
                                          self.requirements, self.duties, " ".join(self.skills or []), self.address,
                                          self.employer.name if self.employer_id else "")
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], *derived}
        super().save(*args, **kwargs)


class VacancyHistory(StatusHistory):
    vacancy = models.ForeignKey(Vacancy, on_delete=models.CASCADE, related_name="history")

    class Meta(StatusHistory.Meta):
        verbose_name = _("vacancy history")
        verbose_name_plural = _("vacancy history")


class Seeker(models.Model):
    """A job-seeker registration (求职登记): made by the worker, or by an advisor for them at a
    window (recorded in `registered_by`)."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="job_seeker")
    occupations = models.ManyToManyField(Occupation, blank=True, related_name="seekers",
                                         verbose_name=_("occupations wanted"))
    skills = models.JSONField(_("skills"), default=list, blank=True)
    certificates = models.JSONField(_("certificates"), default=list, blank=True)
    experience_years = models.PositiveSmallIntegerField(_("years of experience"), default=0,
                                                        validators=[MaxValueValidator(60)])
    languages = models.JSONField(_("languages and dialects"), default=list, blank=True)
    hardship = models.CharField(_("hardship category"), max_length=16, choices=Hardship.choices, blank=True)
    tier = models.CharField(_("service tier"), max_length=10, choices=Tier.choices, default=Tier.SELF_SERVICE)
    wanted_pay_fen = models.PositiveIntegerField(_("pay wanted per month (fen)"), default=0)
    town = models.CharField(_("town to work in"), max_length=16, choices=Town.choices, blank=True)
    lat = models.FloatField(null=True, blank=True)
    lon = models.FloatField(null=True, blank=True)
    advisor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                related_name="seekers_advised", verbose_name=_("advisor"))
    station = models.ForeignKey("places.Place", null=True, blank=True, on_delete=models.SET_NULL,
                                related_name="+", verbose_name=_("employment station"))
    registered_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                      related_name="+", verbose_name=_("registered by"))
    status = models.CharField(_("status"), max_length=8, choices=SeekerStatus.choices, default=SeekerStatus.ACTIVE)
    next_contact_on = models.DateField(_("next contact"), null=True, blank=True, db_index=True)
    notes = EncryptedTextField(_("advisor's notes"), blank=True)
    registered_at = models.DateTimeField(auto_now_add=True)
    placed_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("job seeker")
        verbose_name_plural = _("job seekers")
        ordering = ["-id"]

    def __str__(self):
        return f"#{self.pk}"


class FollowUp(models.Model):
    """One contact with a seeker (跟踪服务): a call, a WeChat message, a visit."""

    seeker = models.ForeignKey(Seeker, on_delete=models.CASCADE, related_name="follow_ups")
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    channel = models.CharField(_("how"), max_length=8, choices=Channel.choices)
    note = EncryptedTextField(_("note"), blank=True)
    at = models.DateTimeField(_("when"))
    next_contact_on = models.DateField(_("next contact"), null=True, blank=True)

    class Meta:
        verbose_name = _("follow-up")
        verbose_name_plural = _("follow-ups")
        ordering = ["-at", "-id"]

    def __str__(self):
        return f"{self.seeker_id} {self.channel} {self.at:%Y-%m-%d}"


def _letter_token() -> str:
    return secrets.token_urlsafe(18)


class Referral(models.Model):
    """An advisor refers a seeker to a vacancy (推荐介绍) with a letter the employer scans."""

    seeker = models.ForeignKey(Seeker, on_delete=models.PROTECT, related_name="referrals")
    vacancy = models.ForeignKey(Vacancy, on_delete=models.PROTECT, related_name="referrals")
    advisor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    note = models.CharField(_("note for the employer"), max_length=300, blank=True)
    # The letter's QR code carries this random token, never the seeker's id or name.
    token = models.CharField(max_length=32, unique=True, default=_letter_token, editable=False)
    status = models.CharField(_("status"), max_length=12, choices=ReferralStatus.choices,
                              default=ReferralStatus.REFERRED)
    created_at = models.DateTimeField(auto_now_add=True)
    interviewed_at = models.DateTimeField(null=True, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("referral")
        verbose_name_plural = _("referrals")
        ordering = ["-id"]
        constraints = [models.UniqueConstraint(fields=["seeker", "vacancy"],
                                               condition=~Q(status=ReferralStatus.CANCELLED),
                                               name="one_live_referral_per_seeker_and_vacancy")]

    def __str__(self):
        return f"#{self.pk} {self.status}"


class ReferralHistory(StatusHistory):
    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="history")

    class Meta(StatusHistory.Meta):
        verbose_name = _("referral history")
        verbose_name_plural = _("referral history")


class Fair(models.Model):
    """A job fair (招聘会) at the service center or a station, with a fixed number of booths."""

    title = models.CharField(_("title"), max_length=80)
    place = models.ForeignKey("places.Place", on_delete=models.PROTECT, related_name="+", verbose_name=_("place"))
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    booths = models.PositiveSmallIntegerField(_("booths"), validators=[MinValueValidator(1), MaxValueValidator(500)])
    booths_taken = models.PositiveSmallIntegerField(default=0, editable=False)
    description = models.TextField(_("description"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("job fair")
        verbose_name_plural = _("job fairs")
        ordering = ["starts_at"]
        constraints = [
            models.CheckConstraint(condition=Q(booths_taken__lte=models.F("booths")), name="fair_booths_not_oversold"),
            models.CheckConstraint(condition=Q(ends_at__gt=models.F("starts_at")), name="fair_ends_after_start"),
        ]

    def __str__(self):
        return self.title


class Booth(models.Model):
    """One employer's booth at one fair (one per employer), taken with core.capacity."""

    fair = models.ForeignKey(Fair, on_delete=models.CASCADE, related_name="booth_bookings")
    employer = models.ForeignKey("accounts.Employer", on_delete=models.PROTECT, related_name="+")
    booked_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(_("status"), max_length=10, choices=BoothStatus.choices, default=BoothStatus.BOOKED)
    number = models.PositiveSmallIntegerField(_("booth number"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("booth")
        verbose_name_plural = _("booths")
        constraints = [models.UniqueConstraint(fields=["fair", "employer"],
                                               condition=~Q(status=BoothStatus.CANCELLED),
                                               name="one_booth_per_employer_and_fair")]

    def __str__(self):
        return f"{self.fair_id} {self.employer_id}"


class FairVisit(models.Model):
    """A seeker signed up for (and then checked in at) a fair; intentions reached are counted."""

    fair = models.ForeignKey(Fair, on_delete=models.CASCADE, related_name="visits")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    code = models.CharField(max_length=6)
    signed_up_at = models.DateTimeField(auto_now_add=True)
    checked_in_at = models.DateTimeField(null=True, blank=True)
    intentions = models.PositiveSmallIntegerField(_("intentions reached"), default=0)

    class Meta:
        verbose_name = _("fair visitor")
        verbose_name_plural = _("fair visitors")
        constraints = [models.UniqueConstraint(fields=["fair", "user"], name="one_visit_per_fair")]

    def __str__(self):
        return f"{self.fair_id} {self.user_id}"


class Policy(models.Model):
    """A programme the calculator knows (灵活就业社保补贴, 培训补贴, 创业担保贷款): its rule
    parameters are data staff keep up to date in the admin; the arithmetic is in policies.py."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=80)
    summary = models.TextField(_("who it is for"), blank=True)
    params = models.JSONField(_("rule parameters"), default=dict)
    documents = models.TextField(_("what to bring"), blank=True)
    source = models.URLField(_("source (policy text)"), blank=True)
    active = models.BooleanField(_("in force"), default=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("policy")
        verbose_name_plural = _("policies")
        ordering = ["code"]

    def __str__(self):
        return self.name
