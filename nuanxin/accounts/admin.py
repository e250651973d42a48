from urllib.parse import urlencode

from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.core.exceptions import ValidationError
from django.db.models import Count, Exists, OuterRef, Subquery
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.timezone import localtime
from django.utils.translation import gettext_lazy as _

from nuanxin.accounts import services
from nuanxin.accounts.choices import EmployerStatus
from nuanxin.accounts.forms import EmployerRejectForm
from nuanxin.accounts.models import (
    ApiToken,
    Child,
    Employer,
    EmployerLicence,
    GuardianConsent,
    InboxMessage,
    OtpChallenge,
    User,
    WorkerProfile,
)
from nuanxin.core.admin_base import ReadOnlyAdmin
from nuanxin.core.audit import client_ip
from nuanxin.core.errors import DomainError


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    list_display = ("__str__", "phone_masked", "username", "is_staff", "is_active", "date_joined")
    list_filter = ("is_staff", "is_active", "groups")
    search_fields = ("phone", "username", "name")
    ordering = ("-date_joined",)
    fieldsets = (
        (None, {"fields": ("phone", "username", "password", "name")}),
        (_("Roles and permissions"), {"fields": ("is_active", "is_staff", "is_superuser", "groups")}),
        (_("Dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("username", "phone", "name", "password1", "password2")}),)


@admin.register(WorkerProfile)
class WorkerProfileAdmin(admin.ModelAdmin):
    """The ID number is never shown here: only its masked form, which is stored apart."""

    list_display = ("user", "id_number_masked", "occupation", "hometown", "arrived_on")
    list_filter = ("occupation",)
    search_fields = ("user__phone", "user__name", "hometown")
    exclude = ("id_number",)
    readonly_fields = ("id_number_masked",)


@admin.register(Child)
class ChildAdmin(admin.ModelAdmin):
    list_display = ("pk", "parent", "grade")  # the birth date, like the name, stays out of lists
    exclude = ("name",)


class ContestedFilter(admin.SimpleListFilter):
    """Codes several accounts claim: the ones where staff must choose."""

    title = _("claims on the code")
    parameter_name = "contested"

    def lookups(self, request, model_admin):
        return (("yes", _("several claims")), ("no", _("one claim")))

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(claims_on_code__gt=1)
        if self.value() == "no":
            return queryset.filter(claims_on_code=1)
        return queryset


@admin.register(Employer)
class EmployerAdmin(admin.ModelAdmin):
    """Claims on a credit code side by side; verifying and rejecting go through the services."""

    list_display = ("name", "uscc", "claims_column", "contact_name", "claimed_by", "status",
                    "licence_column", "created_at", "verified_at")
    list_filter = ("status", ContestedFilter)
    search_fields = ("name", "uscc")
    readonly_fields = ("status", "claimed_by", "licence_link", "rival_claims", "verified_at",
                       "verified_by", "rejected_at", "rejected_by", "rejection_reason")
    filter_horizontal = ("contacts",)
    actions = ["verify", "reverify", "reject"]

    def get_queryset(self, request):
        same_code = (Employer.objects.filter(uscc=OuterRef("uscc")).order_by()
                     .values("uscc").annotate(n=Count("pk")).values("n"))
        return (super().get_queryset(request).select_related("claimed_by")
                .annotate(claims_on_code=Subquery(same_code),
                          has_licence=Exists(EmployerLicence.objects.filter(employer=OuterRef("pk")))))

    def get_readonly_fields(self, request, obj=None):
        # A claim's code is what its licence proves: it is never edited afterwards.
        return (*self.readonly_fields, "uscc") if obj is not None else self.readonly_fields

    def get_urls(self):
        return [
            path("<path:object_id>/licence/", self.admin_site.admin_view(self.licence_view),
                 name="accounts_employer_licence"),
            *super().get_urls(),
        ]

    @admin.display(description=_("claims on this code"), ordering="claims_on_code")
    def claims_column(self, obj):
        url = reverse("admin:accounts_employer_changelist") + "?" + urlencode({"uscc": obj.uscc})
        return format_html('<a href="{}">{}</a>', url, obj.claims_on_code)

    @admin.display(description=_("business licence"))
    def licence_column(self, obj):
        if not obj.has_licence:
            return "—"
        return format_html('<a href="{}">{}</a>',
                           reverse("admin:accounts_employer_licence", args=[obj.pk]), _("view"))

    @admin.display(description=_("business licence"))
    def licence_link(self, obj):
        kind = (EmployerLicence.objects.filter(employer_id=obj.pk).values_list("content_type", flat=True)
                .first() if obj is not None and obj.pk is not None else None)
        if kind is None:
            return _("not uploaded")
        return format_html('<a href="{}" target="_blank" rel="noopener">{}</a> ({})',
                           reverse("admin:accounts_employer_licence", args=[obj.pk]),
                           _("view (the read is audited)"), kind)

    @admin.display(description=_("other claims on this code"))
    def rival_claims(self, obj):
        if obj is None or obj.pk is None:
            return "—"
        rivals = (Employer.objects.filter(uscc=obj.uscc).exclude(pk=obj.pk).select_related("claimed_by")
                  .annotate(has_licence=Exists(EmployerLicence.objects.filter(employer=OuterRef("pk"))))
                  .order_by("created_at"))
        if not rivals:
            return _("none")
        rows = format_html_join(
            "", '<tr><td><a href="{}">{}</a></td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>',
            ((reverse("admin:accounts_employer_change", args=[r.pk]), r.name, r.get_status_display(),
              r.contact_name, r.claimed_by or "—", date_format(localtime(r.created_at), "SHORT_DATETIME_FORMAT"),
              format_html('<a href="{}">{}</a>', reverse("admin:accounts_employer_licence", args=[r.pk]),
                          _("licence")) if r.has_licence else _("no licence"))
             for r in rivals),
        )
        head = format_html("<tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr>",
                           _("name"), _("status"), _("contact"), _("claimed by"), _("claimed at"),
                           _("business licence"))
        return format_html("<table>{}{}</table>", head, rows)

    def licence_view(self, request, object_id):
        """The licence for staff who decide claims; services.employer_licence_read audits the read."""
        employer = self.get_object(request, object_id)
        if employer is None or not self.has_view_permission(request, employer):
            raise Http404
        try:
            kind, data = services.employer_licence_read(employer_id=employer.pk, by=request.user,
                                                        ip=client_ip(request))
        except DomainError as exc:
            self.message_user(request, str(exc.message), messages.ERROR)
            return redirect("admin:accounts_employer_change", employer.pk)
        response = HttpResponse(data, content_type=kind)
        response["Content-Disposition"] = "inline"
        response["X-Content-Type-Options"] = "nosniff"
        response["Content-Security-Policy"] = "sandbox"
        return response

    @admin.action(description=_("Verify the selected claims (other claims on their codes are rejected)"))
    def verify(self, request, queryset):
        done = 0
        for employer in queryset.filter(status=EmployerStatus.PENDING).order_by("created_at"):
            try:
                services.employer_verify(employer_id=employer.pk, by=request.user)
                done += 1
            except DomainError as exc:
                self.message_user(request, f"{employer.name} ({employer.uscc}): {exc.message}", messages.ERROR)
        self.message_user(request, _("%(n)d employers verified.") % {"n": done})

    @admin.action(description=_("Re-verify the selected verified employers (the periodic re-check)"))
    def reverify(self, request, queryset):
        done = 0
        for employer in queryset.filter(status=EmployerStatus.VERIFIED):
            try:
                services.employer_reverify(employer_id=employer.pk, by=request.user)
                done += 1
            except DomainError as exc:
                self.message_user(request, f"{employer.name} ({employer.uscc}): {exc.message}", messages.ERROR)
        self.message_user(request, _("%(n)d employers re-verified.") % {"n": done})

    @admin.action(description=_("Reject the selected claims"))
    def reject(self, request, queryset):
        form = EmployerRejectForm(request.POST if "apply" in request.POST else None)
        if form.is_valid():
            done = 0
            for employer in queryset.filter(status=EmployerStatus.PENDING):
                try:
                    services.employer_reject(employer_id=employer.pk, by=request.user,
                                             reason=form.cleaned_data["reason"])
                    done += 1
                except DomainError as exc:
                    self.message_user(request, f"{employer.name} ({employer.uscc}): {exc.message}",
                                      messages.ERROR)
            self.message_user(request, _("%(n)d claims rejected.") % {"n": done})
            return None
        return TemplateResponse(request, "admin/accounts/employer/reject_claims.html", {
            **self.admin_site.each_context(request),
            "title": _("Reject the selected claims"),
            "opts": self.model._meta,
            "form": form,
            "employers": queryset,
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
        })


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ("prefix", "user", "created_at", "expires_at", "last_used_at")
    readonly_fields = ("user", "key_hash", "prefix", "created_at", "expires_at", "last_used_at")

    def has_add_permission(self, request):
        return False


@admin.register(OtpChallenge)
class OtpChallengeAdmin(admin.ModelAdmin):
    list_display = ("__str__", "created_at", "expires_at", "failed_attempts", "consumed_at")
    exclude = ("code_hash", "phone")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(GuardianConsent)
class GuardianConsentAdmin(ReadOnlyAdmin):
    """Consents are given and withdrawn by guardians themselves; staff only look."""

    list_display = ("pk", "child", "purpose", "text_version", "given_at", "withdrawn_at")
    list_filter = ("purpose", "text_version")


@admin.register(InboxMessage)
class InboxMessageAdmin(ReadOnlyAdmin):
    list_display = ("created_at", "user", "kind", "read_at")
    list_filter = ("kind",)
    date_hierarchy = "created_at"


class StaffAdminLoginForm(AdminAuthenticationForm):
    """/admin/login/ under the same limits as every other sign-in (services.password_login):
    before, 25 wrong passwords and then the right one got in here while the API said locked."""

    def clean(self):
        username, password = self.cleaned_data.get("username"), self.cleaned_data.get("password")
        if username is not None and password:
            try:
                self.user_cache = services.password_login(username=username, password=password,
                                                          ip=client_ip(self.request) if self.request else None)
            except DomainError as exc:
                raise ValidationError(str(exc.message), code=exc.code) from None
            self.confirm_login_allowed(self.user_cache)
        return self.cleaned_data


admin.site.login_form = StaffAdminLoginForm
