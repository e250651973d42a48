from django.contrib import admin

from nuanxin.cases.models import Case, CaseEvent, CaseTypeConfig


@admin.register(CaseTypeConfig)
class CaseTypeConfigAdmin(admin.ModelAdmin):
    list_display = ("type", "team", "first_response_hours", "resolve_hours")


class CaseEventInline(admin.TabularInline):
    model = CaseEvent
    extra = 0
    can_delete = False
    readonly_fields = ("kind", "actor", "from_state", "to_state", "at")
    exclude = ("note",)

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Case)
class CaseAdmin(admin.ModelAdmin):
    """Queues by team and state; the case text itself is read on the case page, where reads are audited."""

    list_display = ("pk", "type", "state", "team", "town", "applicant_phone_masked", "assignee",
                    "first_response_due", "escalated_at")
    list_filter = ("team", "state", "type", "town", "channel")
    exclude = ("summary", "details", "applicant_name", "applicant_phone")  # the number: click-to-call, audited
    readonly_fields = ("state", "first_responded_at", "escalated_at", "created_at", "source")
    raw_id_fields = ("applicant", "assignee", "created_by")
    inlines = [CaseEventInline]


