"""The jobs app in the Django admin: one section per part."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from nuanxin.core.admin_base import ReadOnlyAdmin, StatusHistoryInline
from nuanxin.core.masking import mask_name
from nuanxin.jobs.models import Referral, ReferralHistory, Seeker

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
