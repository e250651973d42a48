from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from nuanxin.accounts import services
from nuanxin.accounts.choices import EmployerStatus
from nuanxin.accounts.models import (
    ApiToken,
    Child,
    Employer,
    GuardianConsent,
    InboxMessage,
    OtpChallenge,
    User,
    WorkerProfile,
)
from nuanxin.core.admin import ReadOnlyAdmin
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
    list_display = ("pk", "parent", "grade", "birth_date")
    exclude = ("name",)


@admin.register(Employer)
class EmployerAdmin(admin.ModelAdmin):
    list_display = ("name", "uscc", "contact_name", "status", "created_at", "verified_at")
    list_filter = ("status",)
    search_fields = ("name", "uscc")
    readonly_fields = ("status", "verified_at", "verified_by")
    filter_horizontal = ("contacts",)
    actions = ["verify"]

    @admin.action(description=_("Verify the selected employers"))
    def verify(self, request, queryset):
        done = 0
        for employer in queryset.filter(status=EmployerStatus.PENDING):
            try:
                services.employer_verify(employer_id=employer.pk, by=request.user)
                done += 1
            except DomainError as exc:
                self.message_user(request, str(exc.message), messages.ERROR)
                return
        self.message_user(request, _("%(n)d employers verified.") % {"n": done})


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
