from django.contrib import admin

from nuanxin.core.models import AuditEntry


class ReadOnlyAdmin(admin.ModelAdmin):
    """For records only services write (the audit log, the ledger): the admin looks, never edits."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyAdmin):
    """Nobody edits or deletes the audit log, not even superusers."""

    list_display = ("at", "actor", "action", "object_type", "object_id", "ip")
    list_filter = ("action", "object_type")
    search_fields = ("action", "object_id")
    date_hierarchy = "at"
