import datetime

from django import forms
from django.utils.translation import gettext_lazy as _

from nuanxin.core.forms import AccessibleForm
from nuanxin.core.money import YuanField
from nuanxin.core.towns import Town
from nuanxin.gigs.choices import Category, GigSort, PayUnit, ReportReason
from nuanxin.places.hours import SHANGHAI


class GigSearchForm(AccessibleForm):
    q = forms.CharField(label=_("What work"), required=False, max_length=50,
                        help_text=_("Chinese or pinyin, e.g. 保洁, baojie or bj"))
    lat = forms.FloatField(required=False, min_value=-90, max_value=90, widget=forms.HiddenInput)
    lon = forms.FloatField(required=False, min_value=-180, max_value=180, widget=forms.HiddenInput)
    town = forms.ChoiceField(label=_("Near"), required=False, choices=[("", _("Anywhere in Kunshan"))] + list(Town.choices))
    category = forms.ChoiceField(label=_("Kind of work"), required=False,
                                 choices=[("", _("All kinds"))] + list(Category.choices))
    date = forms.DateField(label=_("Day"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    min_pay_yuan = forms.IntegerField(label=_("At least (yuan)"), required=False, min_value=0, max_value=100000)
    sort = forms.ChoiceField(label=_("Order"), required=False, choices=GigSort.choices, widget=forms.HiddenInput)


class ShiftRowForm(forms.Form):
    date = forms.DateField(label=_("Day"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    start = forms.TimeField(label=_("From"), required=False, widget=forms.TimeInput(attrs={"type": "time"}))
    end = forms.TimeField(label=_("To"), required=False, widget=forms.TimeInput(attrs={"type": "time"}))
    headcount = forms.IntegerField(label=_("People"), required=False, min_value=1, max_value=500)

    def as_shift(self) -> dict | None:
        d = self.cleaned_data
        if not d.get("date") and not d.get("start"):
            return None
        if not (d.get("date") and d.get("start") and d.get("end") and d.get("headcount")):
            raise forms.ValidationError(_("Fill in the day, both times and the number of people."))
        start = datetime.datetime.combine(d["date"], d["start"], tzinfo=SHANGHAI)
        end = datetime.datetime.combine(d["date"], d["end"], tzinfo=SHANGHAI)
        if end <= start:  # a night shift ends the next day
            end += datetime.timedelta(days=1)
        return {"start": start, "end": end, "headcount": d["headcount"]}


class GigPostForm(AccessibleForm):
    title = forms.CharField(label=_("Title"), max_length=60, min_length=2)
    category = forms.ChoiceField(label=_("Kind of work"), choices=Category.choices)
    description = forms.CharField(label=_("What the work is"), required=False, max_length=2000,
                                  widget=forms.Textarea(attrs={"rows": 4}),
                                  help_text=_("No fees or deposits, no limits on sex, age or hometown."))
    address = forms.CharField(label=_("Address"), max_length=200)
    lat = forms.FloatField(label=_("Latitude"), required=False, min_value=-90, max_value=90)
    lon = forms.FloatField(label=_("Longitude"), required=False, min_value=-180, max_value=180)
    pay_yuan = YuanField(label=_("Pay (yuan)"), max_fen=10_000_000)  # typed in yuan, cleaned to fen
    pay_unit = forms.ChoiceField(label=_("Per"), choices=PayUnit.choices)
    skills = forms.CharField(label=_("Skills or certificates needed"), required=False, max_length=200,
                             help_text=_("Separate with commas, e.g. 电工证, 保洁"))
    instant = forms.BooleanField(label=_("Instant booking: accept the first workers automatically"), required=False)
    same_day_pay = forms.BooleanField(
        label=_("Same-day pay (日结): I confirm hours on the day; anything not confirmed is paid automatically at "
                "midnight"), required=False)

    def clean(self):
        data = super().clean()
        if data.get("lat") is None or data.get("lon") is None:
            self.add_error("lat", _("Set the workplace location: press 'Use my location' there, or type it."))
        return data


class PresenceForm(forms.Form):
    lat = forms.FloatField(required=False, min_value=-90, max_value=90, widget=forms.HiddenInput)
    lon = forms.FloatField(required=False, min_value=-180, max_value=180, widget=forms.HiddenInput)
    accuracy_m = forms.FloatField(required=False, min_value=0, max_value=100000, widget=forms.HiddenInput)
    code = forms.CharField(label=_("Or the code the employer shows"), required=False, max_length=10,
                           widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}))


class ReportForm(forms.Form):
    reason = forms.ChoiceField(label=_("What is wrong"), choices=ReportReason.choices)
    detail = forms.CharField(label=_("Details"), required=False, max_length=500)


class ConfirmForm(forms.Form):
    hours = forms.DecimalField(label=_("Hours to pay (empty: the check-in record)"), required=False, min_value=0,
                               max_value=24, decimal_places=2,
                               widget=forms.NumberInput(attrs={"step": "0.25", "inputmode": "decimal"}))
    reason = forms.CharField(label=_("Why fewer hours than the record (the worker sees it)"), required=False,
                             max_length=200)
    approve_extra = forms.BooleanField(label=_("Approve extra time beyond the booked shift (paid from my deposit)"),
                                       required=False)

    def clean_hours(self):
        hours = self.cleaned_data.get("hours")
        if hours is not None and (hours * 60) % 1:
            raise forms.ValidationError(_("Hours must come to whole minutes, e.g. 7.5 or 7.25."))
        return hours

    def minutes(self) -> int | None:
        hours = self.cleaned_data.get("hours")
        return None if hours is None else int(hours * 60)


class DisputeForm(forms.Form):
    text = forms.CharField(label=_("What is wrong (hours, pay, conditions)"), min_length=4, max_length=1500,
                           widget=forms.Textarea(attrs={"rows": 3}))
