"""The employment service in the Django admin; one section per part. Statuses change only
through the services (the pages and the API), so these pages look and never edit."""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from nuanxin.core.admin_base import ReadOnlyAdmin, StatusHistoryInline
from nuanxin.core.errors import DomainError
from nuanxin.jobs import services
from nuanxin.jobs.models import Occupation, Vacancy, VacancyHistory

# --- A: occupations and vacancies ------------------------------------------------------------


@admin.register(Occupation)
class OccupationAdmin(ReadOnlyAdmin):
    """The 2022 national classification, loaded from data (jobs/data/README.md): looked up, never edited."""

    list_display = ("code", "name", "level", "parent")
    list_filter = ("level",)
    search_fields = ("code", "name")
    list_select_related = ("parent",)


class VacancyHistoryInline(StatusHistoryInline):
    model = VacancyHistory


@admin.register(Vacancy)
class VacancyAdmin(ReadOnlyAdmin):
    """Reviewed on the staff page /jobs/review/ (or POST /jobs/{id}/review); here staff look,
    and may re-check the selected vacancies' employers (the six-monthly re-check)."""

    list_display = ("title", "employer", "occupation", "town", "status", "valid_until", "created_at")
    list_filter = ("status", "kind", "town")
    search_fields = ("title", "employer__name", "occupation__code", "occupation__name")
    list_select_related = ("employer", "occupation")
    date_hierarchy = "created_at"
    exclude = ("search_doc", "h3_r5", "h3_r7", "h3_r9")
    inlines = [VacancyHistoryInline]
    actions = ["recheck_employers"]

    @admin.action(description=_("Re-check the employers of the selected vacancies (six-monthly re-check)"))
    def recheck_employers(self, request, queryset):
        done = 0
        for employer_id in sorted(set(queryset.values_list("employer_id", flat=True))):
            try:
                services.employer_recheck(employer_id=employer_id, by=request.user)
                done += 1
            except DomainError as exc:
                self.message_user(request, f"{employer_id}: {exc.message}", messages.ERROR)
        self.message_user(request, _("%(n)d employers re-checked.") % {"n": done})
