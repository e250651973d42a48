"""Warm residences (暖"新"居所): residences, their units (a flat or a room) and beds; the
applications that become stays; and one row per bed per night held.

No bed is given twice for one night because a held night IS a row of `BedNight`, unique on
(bed, night): two stays racing for the same bed cannot both insert it, on SQLite or
PostgreSQL, in any number of processes. Occupancy is a count of those rows, never a counter
kept beside them, so there is nothing to drift: freeing a stay's nights deletes its rows,
and deleting them twice frees nothing twice.
"""

import datetime

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from nuanxin.core.fields import EncryptedTextField
from nuanxin.core.workflow import StatusHistory
from nuanxin.housing import choices
from nuanxin.housing.choices import AppealStatus, Referral, Sex, Status, UnitKind


class Residence(models.Model):
    """A warm residence: a place of kind `residence` on the map, with its own rules."""

    place = models.OneToOneField("places.Place", on_delete=models.PROTECT, related_name="residence",
                                 verbose_name=_("place on the map"))
    free_nights = models.PositiveSmallIntegerField(
        _("free nights allocated at once"), default=choices.FREE_NIGHTS,
        validators=[MinValueValidator(1), MaxValueValidator(choices.MAX_NIGHTS)],
        help_text=_("A stay up to this long is given at once when beds are free; longer stays go to review."))
    arrival_days = models.PositiveSmallIntegerField(
        _("newcomer window (days)"), default=choices.ARRIVAL_DAYS,
        validators=[MinValueValidator(1), MaxValueValidator(365)],
        help_text=_("Who arrived in Kunshan within this many days may apply without a referral."))
    check_in_from = models.TimeField(_("check-in from"), default=choices.CHECK_IN_FROM)
    check_in_until = models.TimeField(_("check-in until"), default=choices.CHECK_IN_UNTIL)
    house_rules = models.TextField(_("house rules"), blank=True)
    accepting = models.BooleanField(_("taking applications"), default=True)

    class Meta:
        verbose_name = _("warm residence")
        verbose_name_plural = _("warm residences")
        ordering = ["id"]

    def __str__(self):
        return self.place.name


class Unit(models.Model):
    """A flat or a room: what the city's target of 1,000 counts."""

    residence = models.ForeignKey(Residence, on_delete=models.CASCADE, related_name="units")
    label = models.CharField(_("room"), max_length=20)
    kind = models.CharField(_("kind"), max_length=10, choices=UnitKind.choices)

    class Meta:
        verbose_name = _("unit (flat or room)")
        verbose_name_plural = _("units (flats and rooms)")
        ordering = ["residence_id", "label"]
        constraints = [models.UniqueConstraint(fields=["residence", "label"], name="one_unit_label_per_residence")]

    def __str__(self):
        return f"{self.residence} {self.label}"


class Bed(models.Model):
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="beds")
    label = models.CharField(_("bed"), max_length=10)
    accessible = models.BooleanField(_("accessible (step-free, lower bunk)"), default=False)
    active = models.BooleanField(_("in use"), default=True)
    # Set at check-out; the manager marks it clean. A bed waiting for cleaning is not given
    # for tonight, only for later nights.
    needs_cleaning = models.BooleanField(_("waiting for cleaning"), default=False)

    class Meta:
        verbose_name = _("bed")
        verbose_name_plural = _("beds")
        ordering = ["unit_id", "label"]
        constraints = [models.UniqueConstraint(fields=["unit", "label"], name="one_bed_label_per_unit")]

    def __str__(self):
        return f"{self.unit} · {self.label}"


class Application(models.Model):
    """A request for beds, which becomes the stay once allocated (API: /housing/applications)."""

    applicant = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                  related_name="housing_applications")
    residence = models.ForeignKey(Residence, null=True, blank=True, on_delete=models.PROTECT,
                                  related_name="applications", verbose_name=_("residence"))
    town = models.CharField(_("town"), max_length=16, blank=True)
    check_in = models.DateField(_("first night"))
    nights = models.PositiveSmallIntegerField(_("nights"), validators=[MinValueValidator(1)])
    sex = models.CharField(_("room for"), max_length=6, choices=Sex.choices, blank=True)
    adults = models.PositiveSmallIntegerField(_("adults (with the applicant)"), default=1)
    # Children: the parent's registered children (their details stay under the consent the
    # parent gave when registering them), or, for a family the rescue station places, a count.
    children = models.ManyToManyField("accounts.Child", blank=True, related_name="housing_applications",
                                      verbose_name=_("children"))
    minors = models.PositiveSmallIntegerField(_("other children (count)"), default=0)
    party_size = models.PositiveSmallIntegerField(_("people"), default=1)
    needs_accessible = models.BooleanField(_("needs an accessible bed"), default=False)
    looking_for_work = models.BooleanField(_("looking for work"), default=False)
    reason = EncryptedTextField(_("reason"), blank=True)
    referral = models.CharField(_("referral"), max_length=10, choices=Referral.choices, blank=True)
    referred_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+", verbose_name=_("referred by"))
    case = models.ForeignKey("cases.Case", null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="+", verbose_name=_("case"))
    priority = models.PositiveSmallIntegerField(default=choices.PRIORITY_OTHER)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices)
    # A single person holds a bed; a family holds every bed of a family unit.
    bed = models.ForeignKey(Bed, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    unit = models.ForeignKey(Unit, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    code = models.CharField(_("check-in code"), max_length=6, blank=True)
    advice_at = models.DateTimeField(_("job advice appointment"), null=True, blank=True)
    advice_place = models.ForeignKey("places.Place", null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="+", verbose_name=_("job advice at"))
    appeal_text = models.CharField(_("appeal"), max_length=500, blank=True)
    appeal_status = models.CharField(_("appeal"), max_length=8, choices=AppealStatus.choices, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    checked_in_at = models.DateTimeField(null=True, blank=True)
    checked_out_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("stay application")
        verbose_name_plural = _("stay applications")
        ordering = ["-id"]
        constraints = [
            # One open application per person, kept by the database under any race.
            models.UniqueConstraint(fields=["applicant"], condition=Q(status__in=choices.OPEN),
                                    name="one_open_housing_application"),
            models.CheckConstraint(condition=Q(nights__gte=1) & Q(nights__lte=366), name="stay_nights_in_range"),
        ]
        indexes = [models.Index(fields=["status", "check_in"], name="housing_app_status_day")]

    def __str__(self):
        return f"#{self.pk} {self.check_in} +{self.nights}"

    @property
    def check_out(self) -> datetime.date:
        """The morning the guest leaves: the day after the last night."""
        return self.check_in + datetime.timedelta(days=self.nights)

    @property
    def is_family(self) -> bool:
        """More than one person: they take a whole family unit."""
        return self.party_size > 1


class ApplicationHistory(StatusHistory):
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="history")

    class Meta(StatusHistory.Meta):
        verbose_name = _("stay history")
        verbose_name_plural = _("stay history")


class BedNight(models.Model):
    """One bed held for one night by one stay. Unique per (bed, night): the guarantee."""

    bed = models.ForeignKey(Bed, on_delete=models.PROTECT, related_name="nights")
    night = models.DateField()
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="bed_nights")

    class Meta:
        verbose_name = _("bed-night")
        verbose_name_plural = _("bed-nights")
        constraints = [models.UniqueConstraint(fields=["bed", "night"], name="one_stay_per_bed_night")]
        indexes = [models.Index(fields=["night", "bed"], name="housing_night_bed")]

    def __str__(self):
        return f"{self.bed_id} {self.night}"


class Draw(models.Model):
    """The committed seed that settles ties in one check-in day's review queue: its hash is
    published with the first application for that day, the seed when staff allocate."""

    night = models.DateField(unique=True)
    seed = models.CharField(max_length=64)
    commitment = models.CharField(max_length=64)
    revealed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("review draw")
        verbose_name_plural = _("review draws")

    def __str__(self):
        return f"{self.night} {self.commitment[:12]}"
