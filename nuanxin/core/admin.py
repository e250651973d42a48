"""The admin for core records: the read-only audit log and the posting rules staff keep."""

from django import forms
from django.contrib import admin
from django.contrib.auth import get_permission_codename
from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.translation import gettext_lazy as _

from nuanxin.core import fairness
from nuanxin.core.models import AuditEntry, PostingRule


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


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyAdmin):
    """Nobody edits or deletes the audit log, not even superusers."""

    list_display = ("at", "actor", "action", "object_type", "object_id", "ip")
    list_filter = ("action", "object_type")
    search_fields = ("action", "object_id")
    date_hierarchy = "at"


class TryAdForm(forms.Form):
    text = forms.CharField(label=_("Ad text"), max_length=10_000,
                           widget=forms.Textarea(attrs={"rows": 6, "cols": 80}))


@admin.register(PostingRule)
class PostingRuleAdmin(admin.ModelAdmin):
    """What job postings may not say. Patterns are checked on save (core/regex_guard.py), and a
    change applies to the next posting checked, in every server process, without a restart."""

    list_display = ("code", "category", "law", "active", "updated_at")
    list_filter = ("category", "active")
    list_editable = ("active",)
    search_fields = ("code", "law", "message", "fix", "pattern", "unless")
    readonly_fields = ("updated_at",)
    fieldsets = (
        (None, {"fields": ("code", "category", "law", "active", "updated_at")}),
        (_("What it matches"), {"fields": ("pattern", "unless_before", "unless")}),
        (_("What the employer is told"), {"fields": ("message", "fix")}),
    )
    change_list_template = "admin/core/postingrule/change_list.html"

    def get_urls(self):
        return [
            path("try/", self.admin_site.admin_view(self.try_view), name="core_postingrule_try"),
            *super().get_urls(),
        ]

    def try_view(self, request):
        """Paste an ad, see which active rules it breaks — exactly what a posting would be told."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        form = TryAdForm(request.POST or None)
        findings = fairness.screen(form.cleaned_data["text"]) if form.is_valid() else None
        return TemplateResponse(request, "admin/core/postingrule/try.html", {
            **self.admin_site.each_context(request),
            "title": _("Try an ad"),
            "opts": self.model._meta,
            "form": form,
            "findings": findings,
        })
