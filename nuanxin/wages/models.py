"""A general double-entry ledger in integer fen. It knows nothing of gigs: other apps call
its services to hold, release and refund.

Balances are kept on the account row and changed only by one conditional UPDATE per entry
inside the transaction that writes the entries, so a balance can never go below zero
(except the outside world's, which is where money comes from)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from nuanxin.core.fields import EncryptedTextField
from nuanxin.core.money import format_yuan
from nuanxin.wages.choices import AccountKind, DepositStatus, PayoutKind, PayoutStatus


class Account(models.Model):
    kind = models.CharField(_("kind"), max_length=20, choices=AccountKind.choices)
    # A worker's accounts belong to the person, an employer's to the organisation (any of its
    # contacts may deposit and publish); platform accounts to neither.
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                              related_name="ledger_accounts")
    employer = models.ForeignKey("accounts.Employer", null=True, blank=True, on_delete=models.PROTECT,
                                 related_name="ledger_accounts")
    balance_fen = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = _("ledger account")
        verbose_name_plural = _("ledger accounts")
        constraints = [
            models.UniqueConstraint(fields=["kind", "owner"], condition=Q(owner__isnull=False),
                                    name="one_account_per_kind_and_owner"),
            models.UniqueConstraint(fields=["kind", "employer"], condition=Q(employer__isnull=False),
                                    name="one_account_per_kind_and_employer"),
            models.UniqueConstraint(fields=["kind"], condition=Q(owner__isnull=True, employer__isnull=True),
                                    name="one_platform_account"),
            models.CheckConstraint(condition=Q(balance_fen__gte=0) | Q(kind=AccountKind.WORLD),
                                   name="no_negative_balance"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.owner_id or ''}"


class LedgerTransaction(models.Model):
    """Immutable: entries summing to zero, written once under an idempotency key."""

    idempotency_key = models.CharField(max_length=100, unique=True)
    payload_hash = models.CharField(max_length=64)
    kind = models.CharField(max_length=32)
    reference = models.CharField(max_length=64, blank=True, db_index=True)  # e.g. deposit:12
    memo = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("ledger transaction")
        verbose_name_plural = _("ledger transactions")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.kind} {self.idempotency_key}"


class Entry(models.Model):
    transaction = models.ForeignKey(LedgerTransaction, on_delete=models.PROTECT, related_name="entries")
    account = models.ForeignKey(Account, on_delete=models.PROTECT, related_name="entries")
    amount_fen = models.BigIntegerField()

    class Meta:
        verbose_name = _("ledger entry")
        verbose_name_plural = _("ledger entries")
        constraints = [models.CheckConstraint(condition=~Q(amount_fen=0), name="entry_not_zero")]

    def __str__(self):
        return f"{self.account_id} {self.amount_fen:+d}"


class Deposit(models.Model):
    employer = models.ForeignKey("accounts.Employer", on_delete=models.PROTECT, related_name="deposits")
    employer_user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="deposits")
    amount_fen = models.PositiveBigIntegerField()
    status = models.CharField(max_length=10, choices=DepositStatus.choices, default=DepositStatus.PENDING)
    idempotency_key = models.CharField(max_length=100)
    gateway = models.CharField(max_length=20, default="offline")
    gateway_ref = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("deposit")
        verbose_name_plural = _("deposits")
        constraints = [models.UniqueConstraint(fields=["employer_user", "idempotency_key"], name="one_deposit_per_key")]

    def __str__(self):
        return f"{format_yuan(self.amount_fen)} {self.status}"


class PayoutAccount(models.Model):
    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="payout_account")
    kind = models.CharField(max_length=10, choices=PayoutKind.choices)
    number = EncryptedTextField()
    number_masked = models.CharField(max_length=40)
    holder = EncryptedTextField()
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self):
        return f"{self.kind} {self.number_masked}"


class Payout(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="payouts")
    amount_fen = models.PositiveBigIntegerField()
    status = models.CharField(max_length=10, choices=PayoutStatus.choices, default=PayoutStatus.REQUESTED)
    idempotency_key = models.CharField(max_length=100)
    destination_masked = models.CharField(max_length=40)
    # Kept with the payout: the account may be replaced or removed while the money is on its way.
    destination_kind = models.CharField(max_length=10, choices=PayoutKind.choices, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "idempotency_key"], name="one_payout_per_key")]

    def __str__(self):
        return f"{format_yuan(self.amount_fen)} {self.status}"
