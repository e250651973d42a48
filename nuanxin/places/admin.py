from django.contrib import admin

from nuanxin.accounts.choices import STAFF_ROLES
from nuanxin.core.admin_base import StaffPickerMixin
from nuanxin.places.models import (
    Amenity,
    OpeningHours,
    Organization,
    Place,
    ScheduleException,
    Visit,
)


class OpeningHoursInline(admin.TabularInline):
    model = OpeningHours
    extra = 0


class ScheduleExceptionInline(admin.TabularInline):
    model = ScheduleException
    extra = 0


@admin.register(Place)
class PlaceAdmin(StaffPickerMixin, admin.ModelAdmin):
    list_display = ("name", "kind", "status", "town", "is_24h", "co_build")
    list_filter = ("kind", "status", "town", "co_build", "amenities")
    search_fields = ("name", "address")
    filter_horizontal = ("amenities", "managers")
    staff_pickers = {"managers": tuple(STAFF_ROLES)}
    autocomplete_fields = ("organization",)
    inlines = [OpeningHoursInline, ScheduleExceptionInline]


@admin.register(Organization)
class OrganizationAdmin(admin.ModelAdmin):
    list_display = ("name", "phone")
    search_fields = ("name",)


@admin.register(Amenity)
class AmenityAdmin(admin.ModelAdmin):
    list_display = ("code", "__str__")


@admin.register(Visit)
class VisitAdmin(admin.ModelAdmin):
    list_display = ("place", "at")
    list_filter = ("place__town",)
    date_hierarchy = "at"
    raw_id_fields = ("place", "user")
