"""Grants are proposed and approved through the services (the pages and the API), so the admin
shows them read-only with their history; donations are recorded here, through the same service
that moves the money into the fund (wages' door), never by editing the ledger."""

import uuid

from django import forms
from django.contrib import admin, messages
from django.http import HttpResponseRedirect
from django.utils.translation import gettext_lazy as _

from nuanxin.accounts.choices import Role
from nuanxin.core.admin_base import ReadOnlyAdmin, StatusHistoryInline
from nuanxin.core.errors import DomainError
from nuanxin.core.money import YuanField
from nuanxin.core.permissions import has_role
from nuanxin.grants import services
from nuanxin.grants.models import Donation, Grant, GrantHistory


class GrantHistoryInline(StatusHistoryInline):
    model = GrantHistory


@admin.register(Grant)
class GrantAdmin(ReadOnlyAdmin):
    list_display = ("pk", "case", "kind", "amount_fen", "status", "proposed_by", "decided_by", "created_at")
    list_filter = ("status", "kind")
    exclude = ("purpose",)  # part of the case file: read on the case's page by its team
    inlines = [GrantHistoryInline]


class DonationForm(forms.ModelForm):
    amount_yuan = YuanField(label=_("Amount (yuan)"))
    # The form's own idempotency key: saving the same form twice records one donation.
    key = forms.CharField(widget=forms.HiddenInput, initial=lambda: uuid.uuid4().hex, max_length=100)

    class Meta:
        model = Donation
        fields = ("donor", "received_on", "note")


@admin.register(Donation)
class DonationAdmin(admin.ModelAdmin):
    """Add a donation when it reaches the fund's bank account; recorded donations are not changed
    (a mistake is corrected by the fund's accountant with a counter-entry, not by editing)."""

    form = DonationForm
    list_display = ("pk", "donor", "amount_fen", "received_on", "recorded_by", "created_at")

    def has_change_permission(self, request, obj=None):
        return obj is None and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        key = f"admin-{form.cleaned_data['key']}"
        try:
            donation = services.donation_record(
                by=request.user, donor=form.cleaned_data["donor"], amount_fen=form.cleaned_data["amount_yuan"],
                received_on=form.cleaned_data["received_on"], note=form.cleaned_data.get("note", ""),
                idempotency_key=key)
        except DomainError as exc:
            self.message_user(request, str(exc.message), messages.ERROR)
            return
        obj.pk = donation.pk

    def has_add_permission(self, request):
        return has_role(request.user, Role.ADMIN) and super().has_add_permission(request)

    def response_add(self, request, obj, post_url_continue=None):
        if obj.pk is None:  # the service refused; its message is shown
            return HttpResponseRedirect(request.path)
        return super().response_add(request, obj, post_url_continue)
