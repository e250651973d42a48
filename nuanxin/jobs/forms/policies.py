"""Forms of the policies pages (plain posts and GETs; the rules stay in the services)."""

from django import forms
from django.utils.translation import gettext_lazy

from nuanxin.core.forms import AccessibleForm
from nuanxin.core.money import YuanField
from nuanxin.jobs import policies

YES_NO = (("yes", gettext_lazy("Yes")), ("no", gettext_lazy("No")))


class FactsForm(AccessibleForm):
    """The questions of one calculator, built from policies.FACTS."""

    def __init__(self, *args, code: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.code = code
        for f in policies.FACTS[code]:
            required = f.default is None
            if f.kind == "choice":
                field = forms.ChoiceField(label=f.label, choices=[(v, label) for v, label in f.choices],
                                          widget=forms.RadioSelect, required=required)
            elif f.kind == "bool":
                field = forms.ChoiceField(label=f.label, choices=YES_NO, widget=forms.RadioSelect, required=required)
            elif f.kind == "fen":
                field = YuanField(label=f.label, required=False, min_fen=0, max_fen=f.high)
            else:
                field = forms.IntegerField(label=f.label, min_value=f.low, max_value=f.high, required=False,
                                           widget=forms.NumberInput(attrs={"inputmode": "numeric"}))
            self.fields[f.name] = field
        self._mark_fields()

    def facts(self) -> dict:
        out = {}
        for f in policies.FACTS[self.code]:
            value = self.cleaned_data.get(f.name)
            if value in (None, ""):
                continue
            out[f.name] = (value == "yes") if f.kind == "bool" else value
        return out
