"""Grants from the charity fund and the donations that fill it. Money itself lives in the
ledger (wages): a grant's payment and a donation are ledger transactions under the keys
"grants.grant:<id>" and "grants.donation:<id>", so each moves money once however often it is
retried."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from nuanxin.core.fields import EncryptedTextField
from nuanxin.core.money import format_yuan
from nuanxin.core.workflow import StatusHistory
from nuanxin.grants.choices import GrantKind, GrantStatus


class Grant(models.Model):
    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="grants", verbose_name=_("case"))
    payee = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="grants_received",
                              verbose_name=_("paid to"))
    kind = models.CharField(_("kind"), max_length=12, choices=GrantKind.choices)
    amount_fen = models.PositiveBigIntegerField(_("amount (fen)"))
    # Why the money is given: part of the case file (a baby's operation, an illness), so encrypted.
    purpose = EncryptedTextField(_("what it is for"))
    status = models.CharField(_("status"), max_length=12, choices=GrantStatus.choices, default=GrantStatus.PROPOSED,
                              db_index=True)
    proposed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                    verbose_name=_("proposed by"))
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+", verbose_name=_("approved or turned down by"))
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decision_note = models.CharField(_("why it was turned down"), max_length=200, blank=True)
    # The proposer's own key: a proposal sent twice (a double tap, a retried request) is one grant.
    idempotency_key = models.CharField(max_length=100, blank=True)
    created_at = models.DateTimeField(_("proposed at"), auto_now_add=True)

    class Meta:
        verbose_name = _("grant")
        verbose_name_plural = _("grants")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(amount_fen__gt=0), name="grant_amount_positive"),
            # Four eyes, held by the database too: nobody pays a grant they proposed.
            models.CheckConstraint(condition=~Q(status=GrantStatus.PAID) | ~Q(decided_by=F("proposed_by")),
                                   name="grant_paid_by_another"),
            models.UniqueConstraint(fields=["proposed_by", "idempotency_key"], condition=~Q(idempotency_key=""),
                                    name="one_grant_per_proposal_key"),
        ]

    def __str__(self):
        return f"#{self.pk} {self.get_kind_display()} {format_yuan(self.amount_fen)}"


class GrantHistory(StatusHistory):
    """Every status a grant took, from its proposal: written by transitions.GRANTS only."""

    grant = models.ForeignKey(Grant, on_delete=models.CASCADE, related_name="history")

    class Meta(StatusHistory.Meta):
        verbose_name = _("status change")
        verbose_name_plural = _("status history")


class Donation(models.Model):
    """Money given to the charity fund (e.g. by 昆山市慈善总会), recorded by staff when it
    reaches the fund's bank account; the ledger moves it from the outside world into the fund."""

    donor = models.CharField(_("donor"), max_length=100)
    amount_fen = models.PositiveBigIntegerField(_("amount (fen)"))
    received_on = models.DateField(_("received on"))
    note = models.CharField(_("note"), max_length=200, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                    verbose_name=_("recorded by"))
    idempotency_key = models.CharField(max_length=100)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("donation")
        verbose_name_plural = _("donations")
        ordering = ["-received_on", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(amount_fen__gt=0), name="donation_amount_positive"),
            models.UniqueConstraint(fields=["recorded_by", "idempotency_key"], name="one_donation_per_key"),
        ]

    def __str__(self):
        return f"{self.donor} {format_yuan(self.amount_fen)}"
