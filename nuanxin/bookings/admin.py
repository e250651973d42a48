"""Organisers set up offerings, weekly plans and sessions here; seats and enrolments change
only through the services (the pages and the API), so the admin shows them read-only."""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from nuanxin.bookings import services
from nuanxin.bookings.models import (
    Enrollment,
    Offering,
    PlanException,
    Session,
    Volunteer,
    WeeklySlot,
)
from nuanxin.core.admin import ReadOnlyAdmin
from nuanxin.core.errors import DomainError


class WeeklySlotInline(admin.TabularInline):
    model = WeeklySlot
    extra = 0


class PlanExceptionInline(admin.TabularInline):
    model = PlanException
    extra = 0


@admin.register(Offering)
class OfferingAdmin(admin.ModelAdmin):
    list_display = ("title", "kind", "mode", "place", "published")
    list_filter = ("kind", "mode", "published")
    search_fields = ("title",)
    autocomplete_fields = ("place",)
    filter_horizontal = ("organisers",)
    inlines = [WeeklySlotInline, PlanExceptionInline]
    actions = ["generate_slots"]

    @admin.action(description=_("Generate health-check slots for the next 14 days"))
    def generate_slots(self, request, queryset):
        made = sum(services.slots_generate(offering=o) for o in queryset)
        self.message_user(request, _("%(n)d slots created.") % {"n": made})


@admin.register(Session)
class SessionAdmin(admin.ModelAdmin):
    list_display = ("offering", "label", "start", "capacity", "taken", "opens_at", "closes_at", "drawn_at")
    list_filter = ("offering__kind", "offering__mode")
    search_fields = ("offering__title", "label")
    date_hierarchy = "start"
    autocomplete_fields = ("teacher",)
    readonly_fields = ("taken", "seed_hash", "drawn_at", "draw_places", "roll_closed_at")
    actions = ["draw"]

    @admin.action(description=_("Draw the selected lottery sessions now"))
    def draw(self, request, queryset):
        for session in queryset:
            try:
                services.session_draw(session_id=session.pk, by=request.user)
            except DomainError as exc:
                self.message_user(request, f"{session}: {exc.message}", messages.ERROR)


@admin.register(Enrollment)
class EnrollmentAdmin(ReadOnlyAdmin):
    """Read-only: a seat handed out here would bypass the no-oversell rule."""

    list_display = ("pk", "session", "user", "status", "rank", "weight", "created_at", "appeal_status")
    list_filter = ("status", "appeal_status", "offering__kind")
    search_fields = ("user__phone", "session__offering__title")
    exclude = ("child",)  # a child's details stay out of lists; see the roll page (audited)
    list_select_related = ("session__offering", "user")


@admin.register(Volunteer)
class VolunteerAdmin(admin.ModelAdmin):
    list_display = ("user", "subjects", "organisation", "active", "registered_at")
    list_filter = ("active",)
    search_fields = ("user__name", "user__phone", "subjects", "organisation")
    autocomplete_fields = ("user",)
