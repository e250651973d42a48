from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from nuanxin.core.admin_base import ReadOnlyAdmin, StatusHistoryInline
from nuanxin.core.errors import DomainError
from nuanxin.gigs import services
from nuanxin.gigs.choices import AppealStatus, ReportStatus
from nuanxin.gigs.models import (
    Application,
    ApplicationHistory,
    CancellationFee,
    Gig,
    GigReport,
    Rating,
    ReliabilityRecord,
    Shift,
)


class ShiftInline(admin.TabularInline):
    model = Shift
    extra = 0
    fields = ("start", "end", "headcount", "taken", "cancelled_at")
    readonly_fields = ("taken",)


@admin.register(Gig)
class GigAdmin(admin.ModelAdmin):
    list_display = ("title", "employer", "category", "pay_fen", "pay_unit", "status", "starts_at", "instant")
    list_filter = ("status", "category", "pay_unit", "instant")
    search_fields = ("title", "employer__name", "address")
    raw_id_fields = ("employer", "created_by")
    inlines = [ShiftInline]


class ApplicationHistoryInline(StatusHistoryInline):
    model = ApplicationHistory


@admin.register(Application)
class ApplicationAdmin(ReadOnlyAdmin):
    """Statuses and wages move only through the services (the ledger follows them), so the
    admin shows applications and never edits them."""

    list_display = ("pk", "worker", "shift", "status", "applied_by", "via_autofill", "checked_in_at",
                    "worked_minutes", "wage_fen", "contested_fen", "disputed_at")
    list_filter = ("status", "via_autofill", "checkin_method")
    raw_id_fields = ("shift", "worker", "applied_by")
    inlines = [ApplicationHistoryInline]


def _run(modeladmin, request, queryset, fn, **kwargs):
    done = 0
    for obj in queryset:
        try:
            fn(obj.pk, request.user, **kwargs)
            done += 1
        except DomainError as exc:
            modeladmin.message_user(request, f"{obj}: {exc.message}", messages.ERROR)
    modeladmin.message_user(request, _("%(n)d done.") % {"n": done})


@admin.register(GigReport)
class GigReportAdmin(admin.ModelAdmin):
    """The staff review queue: open reports first."""

    list_display = ("gig", "reason", "detail", "status", "created_at", "reviewed_by")
    list_filter = ("status", "reason")
    raw_id_fields = ("gig", "reporter", "reviewed_by")
    actions = ["block_employer", "dismiss"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("gig__employer")

    @admin.action(description=_("Block the employer (closes all their gigs)"))
    def block_employer(self, request, queryset):
        _run(self, request, queryset.filter(status=ReportStatus.OPEN),
             lambda pk, by: services.report_review(report_id=pk, by=by, block=True))

    @admin.action(description=_("Dismiss"))
    def dismiss(self, request, queryset):
        _run(self, request, queryset.filter(status=ReportStatus.OPEN),
             lambda pk, by: services.report_review(report_id=pk, by=by, block=False))


@admin.register(ReliabilityRecord)
class ReliabilityRecordAdmin(admin.ModelAdmin):
    list_display = ("worker", "kind", "reason", "created_at", "appeal_status")
    list_filter = ("kind", "appeal_status")
    raw_id_fields = ("worker", "application", "appeal_decided_by")
    actions = ["uphold", "dismiss"]

    @admin.action(description=_("Uphold the appeal (remove the record's weight)"))
    def uphold(self, request, queryset):
        _run(self, request, queryset.filter(appeal_status=AppealStatus.PENDING),
             lambda pk, by: services.reliability_decide(record_id=pk, by=by, uphold=True))

    @admin.action(description=_("Dismiss the appeal"))
    def dismiss(self, request, queryset):
        _run(self, request, queryset.filter(appeal_status=AppealStatus.PENDING),
             lambda pk, by: services.reliability_decide(record_id=pk, by=by, uphold=False))


admin.site.register(Rating)
admin.site.register(CancellationFee)
