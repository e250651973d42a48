from django.db import models
from django.utils.translation import gettext_lazy as _


class AccountKind(models.TextChoices):
    EMPLOYER_AVAILABLE = "employer_available", _("employer: available")
    EMPLOYER_ESCROW = "employer_escrow", _("employer: held in escrow")
    WORKER_AVAILABLE = "worker_available", _("worker: available")
    PAYOUT_TRANSIT = "payout_transit", _("payouts in transit")
    WORLD = "world", _("outside world (banks, gateways)")
    FEES = "fees", _("fees")
    # The city's charity fund (慈善救助): donations come in from the outside world, hardship
    # grants go out to workers' available accounts. One account for the whole platform.
    CHARITY_FUND = "charity_fund", _("charity fund")


# Accounts with one instance for the whole platform (owner is empty).
PLATFORM_KINDS = (AccountKind.PAYOUT_TRANSIT, AccountKind.WORLD, AccountKind.FEES, AccountKind.CHARITY_FUND)


class DepositStatus(models.TextChoices):
    PENDING = "pending", _("pending")
    CONFIRMED = "confirmed", _("confirmed")
    FAILED = "failed", _("failed")


class PayoutStatus(models.TextChoices):
    REQUESTED = "requested", _("requested")
    SENT = "sent", _("sent")
    FAILED = "failed", _("failed")


class PayoutKind(models.TextChoices):
    BANK_CARD = "bank_card", _("bank card")
    WECHAT = "wechat", _("WeChat Pay")
    ALIPAY = "alipay", _("Alipay")
