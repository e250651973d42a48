"""The wallet's forms: amounts in yuan as people type them (core.money), the payout account.
The rules themselves live in the services; a refusal comes back as a field error here."""

from django import forms
from django.utils.translation import gettext_lazy as _

from nuanxin.core.forms import AccessibleForm
from nuanxin.core.money import YuanField
from nuanxin.wages.choices import PayoutKind
from nuanxin.wages.services import MAX_AMOUNT_FEN, MAX_PAYOUT_FEN


class _MoneyForm(AccessibleForm):
    # The form's own idempotency key: pressing the button twice moves money once.
    key = forms.CharField(max_length=100, widget=forms.HiddenInput)


class PayoutForm(_MoneyForm):
    amount_yuan = YuanField(label=_("Amount (yuan)"), max_fen=MAX_PAYOUT_FEN)


class DepositForm(_MoneyForm):
    amount_yuan = YuanField(label=_("Amount (yuan)"), max_fen=MAX_AMOUNT_FEN)


class PayoutAccountForm(AccessibleForm):
    kind = forms.ChoiceField(label=_("Where the money goes"), choices=PayoutKind.choices,
                             widget=forms.RadioSelect, initial=PayoutKind.BANK_CARD)
    number = forms.CharField(
        label=_("Card number or account"), max_length=40,
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false", "autocapitalize": "none"}),
        help_text=_("Bank card: the 16 to 19 digits on the card (spaces are fine). Alipay: your mobile number or "
                    "e-mail. WeChat: your WeChat ID or mobile number."))
    holder = forms.CharField(label=_("Account holder"), max_length=50,
                             widget=forms.TextInput(attrs={"autocomplete": "name"}),
                             help_text=_("Your real name, as on your ID card: wages go only to your own account."))


