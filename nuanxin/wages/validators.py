"""Where a payout may go: bank card numbers (Luhn), Alipay and WeChat accounts, the holder's name.

Each `check_*` returns the normalised value or raises django's ValidationError with a message
for the person; services turn it into a field error, so the page and the API refuse alike.
"""

import re
import unicodedata

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext_lazy as _

from nuanxin.core.validators import check_phone
from nuanxin.wages.choices import PayoutKind

_CARD = re.compile(r"\d{16,19}")
# A WeChat ID (微信号) as WeChat allows it: 6–20 characters, a letter first, then letters,
# digits, underscores and hyphens.
_WECHAT_ID = re.compile(r"[A-Za-z][A-Za-z0-9_-]{5,19}")
# The dots people put between the parts of a minority or foreign name (阿卜杜·热合曼), as
# typed on different keyboards; the ID card has one of them.
_NAME_GAPS = re.compile(r"[\s·•・.‧⋅]")


def luhn_ok(digits: str) -> bool:
    """The check digit UnionPay (and every ISO/IEC 7812) card number ends with."""
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch)
        if i % 2:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0


def _normal(raw: str | None) -> str:
    return unicodedata.normalize("NFKC", raw or "").strip()  # full-width digits from Chinese keyboards


def check_card_number(raw: str | None) -> str:
    """16–19 digits (spaces and hyphens between groups are fine) with a valid check digit."""
    digits = re.sub(r"[\s-]", "", _normal(raw))
    if not _CARD.fullmatch(digits):
        raise ValidationError(_("A bank card number has 16 to 19 digits; check it on your card."))
    if not luhn_ok(digits):
        raise ValidationError(_("This card number is not right: a digit is missing or wrong. Check it on your card."))
    return digits


def _phone_or_none(text: str) -> str | None:
    try:
        return check_phone(text)
    except ValidationError:
        return None


def check_alipay_account(raw: str | None) -> str:
    """A mainland mobile number or an e-mail address (Alipay's two kinds of login)."""
    text = _normal(raw)
    phone = _phone_or_none(text)
    if phone:
        return phone
    if "@" in text:
        try:
            validate_email(text)
        except ValidationError:
            pass
        else:
            local, domain = text.rsplit("@", 1)
            return f"{local}@{domain.lower()}"
    raise ValidationError(_("Enter the mobile number or e-mail address you sign in to Alipay with."))


def check_wechat_account(raw: str | None) -> str:
    """A WeChat ID (6–20 characters, a letter first, then letters, digits, _ or -) or a mobile number."""
    text = _normal(raw)
    phone = _phone_or_none(text)
    if phone:
        return phone
    if _WECHAT_ID.fullmatch(text):
        return text
    raise ValidationError(_("Enter your WeChat ID (6 to 20 letters, digits, _ or -, starting with a letter) "
                            "or the mobile number linked to WeChat."))


CHECKS = {
    PayoutKind.BANK_CARD: check_card_number,
    PayoutKind.ALIPAY: check_alipay_account,
    PayoutKind.WECHAT: check_wechat_account,
}


def check_payout_number(kind: str, raw: str | None) -> str:
    check = CHECKS.get(kind)
    if check is None:
        raise ValidationError(_("Choose a bank card, Alipay or WeChat."))
    return check(raw)


def same_name(typed: str | None, on_file: str) -> bool:
    """Whether the holder typed is the name on file: spaces, full-width letters, the kind of
    middle dot and letter case do not matter; every character of the name does."""

    def key(name: str) -> str:
        return _NAME_GAPS.sub("", _normal(name)).casefold()

    return bool(key(typed or "")) and key(typed or "") == key(on_file)
