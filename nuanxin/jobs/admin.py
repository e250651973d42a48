"""The jobs app in the Django admin: one section per part."""

import json

from django import forms
from django.contrib import admin, messages
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from nuanxin.core.admin_base import ReadOnlyAdmin, StatusHistoryInline
from nuanxin.core.errors import DomainError
from nuanxin.core.masking import mask_name
from nuanxin.jobs import policies, services
from nuanxin.jobs.models import (
    Booth,
    Fair,
    FairVisit,
    Occupation,
    Policy,
    Referral,
    ReferralHistory,
    Seeker,
    Vacancy,
    VacancyHistory,
)
from nuanxin.jobs.services import fairs as fair_services
from nuanxin.places import selectors as places_selectors

# --- part A: occupations and vacancies ---------------------------------------------------------


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


# --- part B: seekers and referrals -------------------------------------------------------------
# Read-only lists without personal fields: a seeker's file (name in full, phone, notes) is
# opened on the advisor's pages, where every read is audit-logged. Nothing here edits: the
# services keep the rules (tier, advisor, placement).


@admin.register(Seeker)
class SeekerAdmin(ReadOnlyAdmin):
    list_display = ("id", "masked_name", "status", "tier", "hardship", "station", "advisor", "next_contact_on",
                    "registered_at")
    list_filter = ("status", "tier", "hardship")
    fields = ("id", "masked_name", "status", "tier", "hardship", "experience_years", "station", "advisor",
              "next_contact_on", "registered_at", "placed_at", "closed_at")
    readonly_fields = fields
    list_select_related = ("user", "station", "advisor")

    @admin.display(description=_("name"))
    def masked_name(self, obj):
        return mask_name(obj.user.name or "")


class ReferralHistoryInline(StatusHistoryInline):
    model = ReferralHistory


@admin.register(Referral)
class ReferralAdmin(ReadOnlyAdmin):
    list_display = ("id", "seeker", "vacancy", "status", "advisor", "created_at", "decided_at")
    list_filter = ("status",)
    fields = ("id", "seeker", "vacancy", "advisor", "status", "note", "created_at", "interviewed_at", "decided_at")
    readonly_fields = fields
    list_select_related = ("seeker", "vacancy", "advisor")
    inlines = [ReferralHistoryInline]


# --- part C: job fairs and the policy calculator ------------------------------------------------


class FairForm(forms.ModelForm):
    class Meta:
        model = Fair
        fields = ("title", "place", "starts_at", "ends_at", "booths", "description")

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        place = places_selectors.place_by_id(data["place"].pk) if data.get("place") else None
        problems = fair_services.fair_problems(title=data.get("title", ""), place=place,
                                               starts_at=data.get("starts_at"), ends_at=data.get("ends_at"),
                                               booths=data.get("booths"), now=timezone.now())
        if self.instance.pk:  # an existing fair: its start may have passed; never fewer booths than booked
            problems.pop("starts_at", None)
            if data.get("booths") is not None and data["booths"] < self.instance.booths_taken:
                problems["booths"] = _("%(n)s booths are booked already.") % {"n": self.instance.booths_taken}
        for name, why in problems.items():
            self.add_error({"place_id": "place"}.get(name, name), why)
        return data


@admin.register(Fair)
class FairAdmin(admin.ModelAdmin):
    form = FairForm
    list_display = ("title", "place", "starts_at", "booths", "booths_taken")
    list_filter = ("place__kind",)
    search_fields = ("title", "place__name")
    date_hierarchy = "starts_at"
    raw_id_fields = ("place",)
    readonly_fields = ("booths_taken",)

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("place")


@admin.register(Booth)
class BoothAdmin(ReadOnlyAdmin):
    list_display = ("fair", "number", "employer", "status", "created_at")
    list_filter = ("status",)
    search_fields = ("employer__name", "fair__title")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("fair", "employer")


@admin.register(FairVisit)
class FairVisitAdmin(ReadOnlyAdmin):
    # The code is the visitor's to show at the door: not on the admin.
    list_display = ("fair", "signed_up_at", "checked_in_at", "intentions")
    exclude = ("code",)


class PolicyForm(forms.ModelForm):
    source = forms.URLField(label=_("source (policy text)"), required=False, assume_scheme="https")

    class Meta:
        model = Policy
        fields = ("code", "name", "summary", "params", "documents", "source", "active")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        code = self.instance.code if self.instance.pk else ""
        helps = policies.PARAM_HELP.get(code)
        if helps:
            self.fields["params"].help_text = format_html(
                "{}<ul>{}</ul>", _("Each parameter (JSON; amounts in fen, rates in basis points). "
                                   "'sources' lists the policy texts."),
                format_html_join("", "<li><code>{}</code>: {}</li>", ((k, str(v)) for k, v in helps.items())))
        self.fields["documents"].help_text = _("One document a line, as shown under 'What to bring'.")

    def clean(self):
        data = super().clean()
        code = data.get("code") or self.instance.code
        problems = policies.param_problems(code, data.get("params"))
        if problems:
            self.add_error("params", "; ".join(f"{k}: {v}" for k, v in problems.items()))
        return data


@admin.register(Policy)
class PolicyAdmin(admin.ModelAdmin):
    form = PolicyForm
    list_display = ("code", "name", "active", "updated_at")
    readonly_fields = ("updated_at", "example")

    def get_readonly_fields(self, request, obj=None):
        # The code ties a row to its arithmetic in jobs/policies.py: fixed once created.
        return (*self.readonly_fields, "code") if obj is not None else self.readonly_fields

    @admin.display(description=_("parameters now"))
    def example(self, obj):
        return format_html("<pre>{}</pre>", json.dumps(obj.params, ensure_ascii=False, indent=1))
