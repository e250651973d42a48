"""Payment gateways. The default records offline bank transfers that staff confirm; a real
gateway implements the same methods and reports results through handle_callback, which
checks the signature and is safe to replay (deposit_confirm is idempotent)."""

import hashlib
import hmac
from dataclasses import dataclass

from django.conf import settings


@dataclass(frozen=True)
class ReceivingAccount:
    """The city's escrow account that employers transfer deposits to (settings, from the environment)."""

    name: str
    bank: str
    number: str
    demo: bool  # the made-up default: nobody should transfer real money to it


def receiving_account() -> ReceivingAccount:
    number = settings.NUANXIN_ESCROW_ACCOUNT_NUMBER.strip()
    return ReceivingAccount(name=settings.NUANXIN_ESCROW_ACCOUNT_NAME, bank=settings.NUANXIN_ESCROW_ACCOUNT_BANK,
                            number=number or settings.NUANXIN_ESCROW_DEMO_NUMBER, demo=not number)


class OfflineGateway:
    """Bank transfers that staff confirm in the admin. Nothing calls back: the callback door is
    shut while this gateway is in use, so no signed message can confirm a deposit."""

    name = "offline"
    accepts_callbacks = False

    def start_deposit(self, deposit) -> str:
        """Nothing to call: the employer transfers by bank with this reference in the transfer
        note, and staff match it in the admin. Short, digits only, easy to read out on the phone."""
        return f"GZ{deposit.pk:08d}"

    def start_payout(self, payout, destination) -> str:
        return f"offline-payout-{payout.pk}"

    def verify_callback(self, body: bytes, signature: str) -> bool:
        return False


class SignedCallbackGateway(OfflineGateway):
    """A gateway that reports paid deposits to /wallet/gateway/callback, the body signed with
    HMAC-SHA256 under its own shared secret (NUANXIN_GATEWAY_SECRET, never SECRET_KEY). The
    shape a real provider's adapter (UnionPay, a bank's API) takes; used as it is by partners'
    test rigs and by our tests."""

    name = "signed"
    accepts_callbacks = True

    @staticmethod
    def sign(body: bytes) -> str:
        return hmac.new(settings.NUANXIN_GATEWAY_SECRET.encode(), body, hashlib.sha256).hexdigest()

    def verify_callback(self, body: bytes, signature: str) -> bool:
        return bool(settings.NUANXIN_GATEWAY_SECRET) and hmac.compare_digest(self.sign(body), signature or "")


GATEWAYS = {g.name: g for g in (OfflineGateway, SignedCallbackGateway)}


def gateway() -> OfflineGateway:
    return GATEWAYS[settings.NUANXIN_PAYMENT_GATEWAY]()
