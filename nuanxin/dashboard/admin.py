"""Officials with admin rights set targets (for the city or a town, for a year or every year);
the stored figures and reports are read-only: the worker makes them."""

from django.contrib import admin

from nuanxin.core.admin_base import ReadOnlyAdmin
from nuanxin.dashboard.models import MonthlyReport, Snapshot, Target


@admin.register(Target)
class TargetAdmin(admin.ModelAdmin):
    list_display = ("measure", "town", "year", "value")
    list_filter = ("measure", "town", "year")


@admin.register(Snapshot)
class SnapshotAdmin(ReadOnlyAdmin):
    list_display = ("period", "computed_at", "seconds")
    exclude = ("data",)


@admin.register(MonthlyReport)
class MonthlyReportAdmin(ReadOnlyAdmin):
    list_display = ("month", "created_at")
    exclude = ("pdf",)
