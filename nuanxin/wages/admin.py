from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from nuanxin.core.admin_base import ReadOnlyAdmin
from nuanxin.core.errors import DomainError
from nuanxin.wages import services
from nuanxin.wages.choices import DepositStatus
from nuanxin.wages.models import Account, Deposit, LedgerTransaction, Payout


@admin.register(Account)
class AccountAdmin(ReadOnlyAdmin):
    list_display = ("pk", "kind", "owner", "balance_fen")
    list_filter = ("kind",)


@admin.register(LedgerTransaction)
class LedgerTransactionAdmin(ReadOnlyAdmin):
    list_display = ("pk", "kind", "reference", "idempotency_key", "created_at")
    list_filter = ("kind",)


@admin.register(Payout)
class PayoutAdmin(ReadOnlyAdmin):
    list_display = ("pk", "user", "amount_fen", "status", "destination_kind", "destination_masked", "created_at")


@admin.register(Deposit)
class DepositAdmin(ReadOnlyAdmin):
    list_display = ("pk", "employer", "employer_user", "amount_fen", "status", "gateway_ref", "created_at",
                    "confirmed_at")
    list_filter = ("status",)
    # Staff match a bank transfer to its deposit by the reference written in the transfer note.
    search_fields = ("gateway_ref", "employer__name")
    actions = ["confirm"]

    @admin.action(description=_("Confirm: the bank transfer has arrived"))
    def confirm(self, request, queryset):
        for deposit in queryset.filter(status=DepositStatus.PENDING):
            try:
                services.deposit_confirm(deposit_id=deposit.pk, by=request.user)
            except DomainError as exc:
                self.message_user(request, str(exc.message), messages.ERROR)
