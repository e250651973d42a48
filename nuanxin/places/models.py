"""Service points, modelled after Open Referral HSDS: organisation → location → services.

A Place is an HSDS location with the one service the program runs there (its kind);
amenities are a vocabulary table, not boolean columns, so new ones need no migration.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from nuanxin.core import geo, text
from nuanxin.core.towns import Town
from nuanxin.places.choices import AmenityCode, CoBuild, PlaceKind, PlaceStatus


class Organization(models.Model):
    """Who runs places (HSDS organization): a bureau, a community committee, a company."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    description = models.TextField(_("description"), blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    url = models.URLField(_("website"), blank=True)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]

    def __str__(self):
        return self.name


class Amenity(models.Model):
    code = models.CharField(_("code"), max_length=32, unique=True, choices=AmenityCode.choices)

    class Meta:
        verbose_name = _("amenity")
        verbose_name_plural = _("amenities")
        ordering = ["id"]

    def __str__(self):
        return self.get_code_display()


class Place(models.Model):
    organization = models.ForeignKey(
        Organization, null=True, blank=True, on_delete=models.SET_NULL, related_name="places",
        verbose_name=_("operator organisation"),
    )
    name = models.CharField(_("name"), max_length=100)
    # No single-column indexes on kind and status: a handful of values each, and an index on
    # them lures SQLite's planner away from the spatial columns below.
    kind = models.CharField(_("kind"), max_length=24, choices=PlaceKind.choices)
    status = models.CharField(
        _("status"), max_length=10, choices=PlaceStatus.choices, default=PlaceStatus.OPEN
    )
    description = models.TextField(_("description"), blank=True)
    town = models.CharField(_("town"), max_length=16, choices=Town.choices, db_index=True)
    address = models.CharField(_("address"), max_length=200)
    lat = models.FloatField(_("latitude (WGS-84)"), validators=[MinValueValidator(-90), MaxValueValidator(90)])
    lon = models.FloatField(_("longitude (WGS-84)"), validators=[MinValueValidator(-180), MaxValueValidator(180)])
    # H3 cells at three resolutions (see core.geo.H3_RESOLUTIONS), kept in step by save().
    h3_r5 = models.BigIntegerField(editable=False, db_index=True, default=0)
    h3_r7 = models.BigIntegerField(editable=False, db_index=True, default=0)
    h3_r9 = models.BigIntegerField(editable=False, db_index=True, default=0)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    co_build = models.CharField(_("co-built as"), max_length=20, choices=CoBuild.choices, blank=True)
    operator = models.CharField(_("operator"), max_length=100, blank=True)
    amenities = models.ManyToManyField(Amenity, blank=True, related_name="places", verbose_name=_("amenities"))
    is_24h = models.BooleanField(_("open 24 hours"), default=False)
    opened_on = models.DateField(_("opened on"), null=True, blank=True)
    managers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="managed_places", verbose_name=_("station managers")
    )
    search_doc = models.TextField(editable=False, default="")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("service point")
        verbose_name_plural = _("service points")
        ordering = ["town", "name", "id"]
        indexes = [models.Index(fields=["lat", "lon"])]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        # Derived columns are computed here so that every writer (services, admin, loaders)
        # keeps the spatial index and the search document right.
        derived = geo.set_cells(self) | {"search_doc"}
        self.search_doc = text.search_document(self.name, self.address, self.get_town_display())
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], *derived}
        super().save(*args, **kwargs)

    def can_record_visit(self) -> bool:
        return self.status == PlaceStatus.OPEN


class OpeningHours(models.Model):
    """A weekly opening interval. closes <= opens means it runs past midnight into the next day."""

    place = models.ForeignKey(Place, on_delete=models.CASCADE, related_name="opening_hours")
    weekday = models.PositiveSmallIntegerField(
        _("weekday"), validators=[MinValueValidator(0), MaxValueValidator(6)],
        help_text=_("0 = Monday … 6 = Sunday"),
    )
    opens = models.TimeField(_("opens"))
    closes = models.TimeField(_("closes"))

    class Meta:
        verbose_name = _("opening hours")
        verbose_name_plural = _("opening hours")
        ordering = ["weekday", "opens"]

    def __str__(self):
        return f"{self.weekday} {self.opens:%H:%M}–{self.closes:%H:%M}"


class ScheduleException(models.Model):
    """A dated change: a holiday closure, shorter hours, or extra hours on that date."""

    place = models.ForeignKey(Place, on_delete=models.CASCADE, related_name="schedule_exceptions")
    date = models.DateField(_("date"))
    closed = models.BooleanField(_("closed all day"), default=False)
    opens = models.TimeField(_("opens"), null=True, blank=True)
    closes = models.TimeField(_("closes"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("schedule exception")
        verbose_name_plural = _("schedule exceptions")
        ordering = ["date"]
        constraints = [
            models.UniqueConstraint(fields=["place", "date"], name="one_exception_per_place_day"),
            models.CheckConstraint(
                condition=models.Q(closed=True) | (models.Q(opens__isnull=False) & models.Q(closes__isnull=False)),
                name="exception_closed_or_hours",
            ),
        ]

    def __str__(self):
        return f"{self.place} {self.date}"


class Visit(models.Model):
    """One person-time at a place (a worker scanned the station's QR code)."""

    place = models.ForeignKey(Place, on_delete=models.CASCADE, related_name="visits")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="place_visits")
    at = models.DateTimeField(db_index=True)

    class Meta:
        verbose_name = _("visit")
        verbose_name_plural = _("visits")
        indexes = [models.Index(fields=["place", "at"]), models.Index(fields=["user", "place", "at"])]

    def __str__(self):
        return f"{self.place} {self.at:%Y-%m-%d %H:%M}"

