"""What the dashboard keeps of its own: computed figures (a cache the worker refreshes), targets
officials set beyond the city's, and the monthly reports. No row here names a person."""

from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from nuanxin.core.towns import Town


class Snapshot(models.Model):
    """Every app's counts for one period, computed at `computed_at` (the page's "as of"). Kept
    in the database so that every app server and the worker share it."""

    period = models.CharField(max_length=10, unique=True)   # 2026, 2026-11, 2026-W48
    data = models.JSONField()
    computed_at = models.DateTimeField()
    seconds = models.FloatField(default=0)                  # how long computing took

    class Meta:
        verbose_name = _("dashboard figures")
        verbose_name_plural = _("dashboard figures")

    def __str__(self):
        return self.period


def measure_choices():
    # A callable (read when a form is drawn), so that importing the models needs no selectors.
    from nuanxin.dashboard.measures import MEASURES

    return [(m.code, m.name) for m in MEASURES]


class Target(models.Model):
    """A target for one measure: the whole city (no town) or one town, for one year or for
    every year (no year). The eight measures' city targets from the program are built in;
    a row here overrides them."""

    measure = models.CharField(_("measure"), max_length=24, choices=measure_choices)
    town = models.CharField(_("town"), max_length=16, choices=Town.choices, blank=True,
                            help_text=_("Empty: the whole city."))
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True, help_text=_("Empty: every year."))
    value = models.PositiveIntegerField(_("target"), validators=[MinValueValidator(1)])

    class Meta:
        verbose_name = _("target")
        verbose_name_plural = _("targets")
        ordering = ["measure", "town", "year"]
        constraints = [
            models.UniqueConstraint(fields=["measure", "town", "year"], name="one_target_per_measure_town_year"),
            models.UniqueConstraint(fields=["measure", "town"], condition=models.Q(year__isnull=True),
                                    name="one_standing_target_per_measure_town"),
        ]

    def __str__(self):
        return f"{self.measure} {self.town or '-'} {self.year or '*'}: {self.value}"


class MonthlyReport(models.Model):
    """The PDF the worker makes on the first of each month for the month before."""

    month = models.CharField(_("month"), max_length=7, unique=True)   # 2026-10
    pdf = models.BinaryField()
    created_at = models.DateTimeField(_("made at"), auto_now_add=True)

    class Meta:
        verbose_name = _("monthly report")
        verbose_name_plural = _("monthly reports")
        ordering = ["-month"]

    def __str__(self):
        return self.month
