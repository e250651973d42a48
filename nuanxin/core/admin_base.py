"""Admin building blocks other apps share (core.admin itself is core's own admin pages, which
no other app may import)."""

from django.contrib import admin
from django.contrib.auth import get_permission_codename

from nuanxin.core.masking import mask_name


class ReadOnlyAdmin(admin.ModelAdmin):
    """For records only services write (the audit log, the ledger): the admin looks, never edits."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class StatusHistoryInline(admin.TabularInline):
    """A record's status history (core.workflow.StatusHistory), read-only: whoever may view
    the record sees how it moved; only the services write it."""

    extra = 0
    can_delete = False
    fields = readonly_fields = ("at", "from_status", "to_status", "by", "note")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("by")

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_view_permission(self, request, obj=None):
        opts = self.parent_model._meta
        return request.user.has_perm(f"{opts.app_label}.{get_permission_codename('view', opts)}")


def staff_label(user) -> str:
    """How a staff picker names a person: the family name and the sign-in name, 张** (zhang)."""
    return f"{mask_name(user.name) or '—'} ({user.username or user.phone_masked})"


class StaffPickerMixin:
    """Pickers of accounts (a ModelAdmin's many-to-many or foreign key to users) that list only
    active staff holding one of the field's roles, named masked; the admin's filter box
    searches them. `staff_pickers`: field name → roles. Before, an organiser's picker listed
    every account, workers included, with full names (issue 16)."""

    staff_pickers: dict[str, tuple[str, ...]] = {}

    def _staff_queryset(self, db_field):
        roles = self.staff_pickers[db_field.name]
        users = db_field.remote_field.model.objects
        return users.filter(is_active=True, groups__name__in=roles).distinct().order_by("username", "pk")

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name in self.staff_pickers:
            kwargs["queryset"] = self._staff_queryset(db_field)
            field = super().formfield_for_manytomany(db_field, request, **kwargs)
            field.label_from_instance = staff_label
            return field
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name in self.staff_pickers:
            kwargs["queryset"] = self._staff_queryset(db_field)
            field = super().formfield_for_foreignkey(db_field, request, **kwargs)
            field.label_from_instance = staff_label
            return field
        return super().formfield_for_foreignkey(db_field, request, **kwargs)
