"""Staff set up residences, their rooms and beds here. A residence's managers are its place's
managers (places admin, Place.managers). Stays change only through the services (the pages
and the API), so applications and draws are read-only here."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from nuanxin.core.admin_base import ReadOnlyAdmin, StatusHistoryInline
from nuanxin.housing.models import Application, ApplicationHistory, Bed, Draw, Residence, Unit


class UnitInline(admin.TabularInline):
    model = Unit
    extra = 0
    fields = ("label", "kind")
    show_change_link = True  # beds are edited on the unit's page


class BedInline(admin.TabularInline):
    model = Bed
    extra = 0
    fields = ("label", "accessible", "active", "needs_cleaning")


@admin.register(Residence)
class ResidenceAdmin(admin.ModelAdmin):
    list_display = ("__str__", "town", "accepting", "free_nights", "check_in_from", "check_in_until")
    list_filter = ("accepting", "place__town")
    search_fields = ("place__name", "place__address")
    raw_id_fields = ("place",)
    fields = ("place", "accepting", "free_nights", "arrival_days", "check_in_from", "check_in_until", "house_rules")
    inlines = [UnitInline]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("place")

    @admin.display(description=_("town"), ordering="place__town")
    def town(self, obj):
        return obj.place.get_town_display()


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin):
    list_display = ("__str__", "kind")
    list_filter = ("kind", "residence__place__town")
    search_fields = ("label", "residence__place__name")
    raw_id_fields = ("residence",)
    inlines = [BedInline]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("residence__place")


@admin.register(Bed)
class BedAdmin(admin.ModelAdmin):
    list_display = ("__str__", "accessible", "active", "needs_cleaning")
    list_filter = ("needs_cleaning", "accessible", "active", "unit__kind")
    search_fields = ("unit__label", "unit__residence__place__name")
    raw_id_fields = ("unit",)

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("unit__residence__place")


class ApplicationHistoryInline(StatusHistoryInline):
    model = ApplicationHistory


@admin.register(Application)
class ApplicationAdmin(ReadOnlyAdmin):
    # The reason is the applicant's own words (encrypted at rest) and the check-in code is the
    # guest's to show: neither is on the admin's list.
    list_display = ("id", "status", "residence", "check_in", "nights", "party_size", "referral", "appeal_status")
    list_filter = ("status", "referral", "appeal_status")
    date_hierarchy = "check_in"
    exclude = ("code", "reason", "appeal_text")
    inlines = [ApplicationHistoryInline]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("residence__place")


@admin.register(Draw)
class DrawAdmin(ReadOnlyAdmin):
    list_display = ("night", "commitment", "revealed_at")

    def get_fields(self, request, obj=None):
        # The seed stays secret until staff allocate the day in order.
        fields = ["night", "commitment", "revealed_at"]
        return fields + ["seed"] if obj is not None and obj.revealed_at else fields
