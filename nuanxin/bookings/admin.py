"""Organisers set up offerings, weekly plans and sessions here; seats and enrolments change
only through the services (the pages and the API), so the admin shows them read-only."""

from django import forms
from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from nuanxin.accounts.choices import Role
from nuanxin.bookings import services, tasks
from nuanxin.bookings.models import (
    Enrollment,
    EnrollmentHistory,
    Offering,
    PlanException,
    Session,
    Volunteer,
    WeeklySlot,
)
from nuanxin.core.admin_base import ReadOnlyAdmin, StaffPickerMixin, StatusHistoryInline
from nuanxin.core.errors import DomainError


class WeeklySlotInline(admin.TabularInline):
    model = WeeklySlot
    extra = 0


class PlanExceptionInline(admin.TabularInline):
    model = PlanException
    extra = 0


def _own(request, qs, path: str):
    """Superusers see everything; organisers only what belongs to offerings they organise."""
    if request.user.is_superuser:
        return qs
    return qs.filter(**{path: request.user}).distinct()


@admin.register(Offering)
class OfferingAdmin(StaffPickerMixin, admin.ModelAdmin):
    list_display = ("title", "kind", "mode", "place", "published")
    list_filter = ("kind", "mode", "published")
    search_fields = ("title",)
    filter_horizontal = ("organisers",)
    # Those who run offerings: organisers, hospital staff (checks, first aid), teachers.
    staff_pickers = {"organisers": (Role.ORGANISER, Role.HOSPITAL, Role.TEACHER)}
    inlines = [WeeklySlotInline, PlanExceptionInline]
    actions = ["generate_slots"]

    def get_queryset(self, request):
        return _own(request, super().get_queryset(request), "organisers")

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if not change:
            obj.organisers.add(request.user)  # whoever creates it runs it

    @admin.action(description=_("Generate health-check slots for the next 14 days"))
    def generate_slots(self, request, queryset):
        made = sum(services.slots_generate(offering=o) for o in queryset)
        self.message_user(request, _("%(n)d slots created.") % {"n": made})


class SessionForm(forms.ModelForm):
    class Meta:
        model = Session
        fields = ["offering", "label", "start", "end", "capacity", "waitlist_limit", "opens_at", "closes_at",
                  "teacher", "teaching_hours", "cancelled_at"]

    def clean(self):
        data = super().clean()
        if self.instance.pk and data.get("capacity") is not None and data["capacity"] < self.instance.taken:
            self.add_error("capacity", _("%(n)d places are already taken: cancel bookings first.")
                           % {"n": self.instance.taken})
        times = [data.get(f) for f in ("start", "end", "opens_at", "closes_at")]
        if all(times):
            for field, message in services.session_time_problems(*times).items():
                self.add_error(field, message)
        return data


@admin.register(Session)
class SessionAdmin(admin.ModelAdmin):
    form = SessionForm
    list_display = ("offering", "label", "start", "capacity", "taken", "opens_at", "closes_at", "drawn_at")
    list_filter = ("offering__kind", "offering__mode")
    search_fields = ("offering__title", "label")
    date_hierarchy = "start"
    autocomplete_fields = ("teacher",)
    readonly_fields = ("taken", "seed_hash", "drawn_at", "draw_places", "roll_closed_at", "planned_closes_at",
                       "closed_early_reason")
    actions = ["draw"]

    def get_queryset(self, request):
        return _own(request, super().get_queryset(request), "offering__organisers")

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "offering":
            kwargs["queryset"] = _own(request, Offering.objects.all(), "organisers")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if not change or "closes_at" in form.changed_data:
            tasks.draw_schedule(obj)  # a lottery draws at its (new) close

    @admin.action(description=_("Draw the selected lottery sessions now"))
    def draw(self, request, queryset):
        for session in queryset:
            try:
                services.session_draw(session_id=session.pk, by=request.user)
            except DomainError as exc:
                self.message_user(request, f"{session}: {exc.message}", messages.ERROR)


class EnrollmentHistoryInline(StatusHistoryInline):
    model = EnrollmentHistory


@admin.register(Enrollment)
class EnrollmentAdmin(ReadOnlyAdmin):
    """Read-only: a seat handed out here would bypass the no-oversell rule."""

    list_display = ("pk", "session", "ticket", "user", "status", "rank", "weight", "created_at", "appeal_status")
    list_filter = ("status", "appeal_status", "offering__kind")
    search_fields = ("user__phone", "session__offering__title")
    exclude = ("child",)  # a child's details stay out of lists; see the roll page (audited)
    list_select_related = ("session__offering", "user")
    inlines = [EnrollmentHistoryInline]

    def get_queryset(self, request):
        return _own(request, super().get_queryset(request), "offering__organisers")


@admin.register(Volunteer)
class VolunteerAdmin(admin.ModelAdmin):
    list_display = ("user", "subjects", "organisation", "active", "registered_at")
    list_filter = ("active",)
    search_fields = ("user__name", "user__phone", "subjects", "organisation")
    autocomplete_fields = ("user",)
