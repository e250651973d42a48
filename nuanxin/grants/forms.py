"""The grant forms: amounts in yuan as staff type them (core.money); the rules are the services'."""

from django import forms
from django.utils.translation import gettext_lazy as _

from nuanxin.core.forms import AccessibleForm
from nuanxin.core.money import YuanField
from nuanxin.grants.choices import KINDS_FOR_CASE_TYPE, MAX_GRANT_FEN, MIN_GRANT_FEN, GrantKind


class ProposeForm(AccessibleForm):
    # The form's own idempotency key: pressing the button twice proposes one grant.
    key = forms.CharField(max_length=100, widget=forms.HiddenInput)
    kind = forms.ChoiceField(label=_("Kind of help"), choices=GrantKind.choices, widget=forms.RadioSelect)
    amount_yuan = YuanField(label=_("Amount (yuan)"), min_fen=MIN_GRANT_FEN, max_fen=MAX_GRANT_FEN)
    purpose = forms.CharField(label=_("What it is for"), max_length=500,
                              widget=forms.Textarea(attrs={"rows": 3}),
                              help_text=_("For the person who approves it, e.g. “high-speed rail tickets home "
                                          "for three, Kunshan South to Kunming South”."))

    def __init__(self, *args, case_type: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        kinds = KINDS_FOR_CASE_TYPE.get(case_type, ())
        if kinds:
            self.fields["kind"].choices = [(k, GrantKind(k).label) for k in kinds]
            self.fields["kind"].initial = kinds[0]


class RejectForm(AccessibleForm):
    note = forms.CharField(label=_("Why not"), max_length=200)
