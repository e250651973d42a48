"""Forms of the fairs pages (plain posts and GETs; the rules stay in the services)."""

import datetime

from django import forms
from django.utils.translation import gettext_lazy

from nuanxin.core import dates
from nuanxin.core.forms import AccessibleForm, DayField


class CodeForm(AccessibleForm):
    code = forms.CharField(label=gettext_lazy("The visitor's 6-digit code"), max_length=6, min_length=6,
                           widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off",
                                                         "pattern": "[0-9]{6}"}))


class FairForm(AccessibleForm):
    title = forms.CharField(label=gettext_lazy("Title"), max_length=80)
    place = forms.TypedChoiceField(label=gettext_lazy("Where"), coerce=int,
                                   widget=forms.Select(attrs={"translate": "no"}))  # places' own names: data
    day = DayField(label=gettext_lazy("Day"), widget=forms.DateInput(attrs={"type": "date"}))
    starts = forms.TimeField(label=gettext_lazy("Starts"), widget=forms.TimeInput(attrs={"type": "time"}),
                             initial=datetime.time(9))
    ends = forms.TimeField(label=gettext_lazy("Ends"), widget=forms.TimeInput(attrs={"type": "time"}),
                           initial=datetime.time(12))
    booths = forms.IntegerField(label=gettext_lazy("Booths"), min_value=1, max_value=500, initial=40)
    description = forms.CharField(label=gettext_lazy("What job seekers should know"), required=False,
                                  max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, places=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["place"].choices = [(p.pk, p.name) for p in places]

    def times(self) -> tuple[datetime.datetime, datetime.datetime]:
        tz = dates.local_tz()
        d = self.cleaned_data["day"]
        return (datetime.datetime.combine(d, self.cleaned_data["starts"], tzinfo=tz),
                datetime.datetime.combine(d, self.cleaned_data["ends"], tzinfo=tz))
