import datetime

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from nuanxin.core import geo, geocoding
from nuanxin.core.dates import local_tz
from nuanxin.core.forms import AccessibleForm, DayField
from nuanxin.core.money import YuanField
from nuanxin.core.towns import TOWN_CENTRES, Town, in_kunshan
from nuanxin.gigs.choices import Category, GigSort, PayUnit, ReportReason


class GigSearchForm(AccessibleForm):
    q = forms.CharField(label=_("What work"), required=False, max_length=50,
                        help_text=_("Chinese or pinyin, e.g. baojie or bj for cleaning"))
    lat = forms.FloatField(required=False, min_value=-90, max_value=90, widget=forms.HiddenInput)
    lon = forms.FloatField(required=False, min_value=-180, max_value=180, widget=forms.HiddenInput)
    town = forms.ChoiceField(label=_("Near"), required=False, choices=[("", _("Anywhere in Kunshan"))] + list(Town.choices))
    category = forms.ChoiceField(label=_("Kind of work"), required=False,
                                 choices=[("", _("All kinds"))] + list(Category.choices))
    date = DayField(label=_("Day"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    min_pay_yuan = forms.IntegerField(label=_("At least (yuan)"), required=False, min_value=0, max_value=100000)
    sort = forms.ChoiceField(label=_("Order"), required=False, choices=GigSort.choices, widget=forms.HiddenInput)

    def near(self, data: dict | None = None) -> tuple[float, float] | None:
        """The point to measure from: the browser's location, else the chosen town's centre.
        From `data` when given (the list uses whatever fields were good), else from a valid form."""
        if data is None:
            data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        if data.get("lat") is not None and data.get("lon") is not None:
            return data["lat"], data["lon"]
        return TOWN_CENTRES[data["town"]] if data.get("town") else None


class ShiftRowForm(forms.Form):
    date = DayField(label=_("Day"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    start = forms.TimeField(label=_("From"), required=False, widget=forms.TimeInput(attrs={"type": "time"}))
    end = forms.TimeField(label=_("To"), required=False, widget=forms.TimeInput(attrs={"type": "time"}))
    headcount = forms.IntegerField(label=_("People"), required=False, min_value=1, max_value=500)

    def as_shift(self) -> dict | None:
        d = self.cleaned_data
        if not d.get("date") and not d.get("start"):
            return None
        if not (d.get("date") and d.get("start") and d.get("end") and d.get("headcount")):
            raise forms.ValidationError(_("Fill in the day, both times and the number of people."))
        start = datetime.datetime.combine(d["date"], d["start"], tzinfo=local_tz())
        end = datetime.datetime.combine(d["date"], d["end"], tzinfo=local_tz())
        if end <= start:  # a night shift ends the next day
            end += datetime.timedelta(days=1)
        return {"start": start, "end": end, "headcount": d["headcount"]}


class GigPostForm(AccessibleForm):
    """A posting, with the workplace found from what an employer knows: the address (through
    the geocoder, when one is configured), a town and a landmark near it, or a pin dropped on
    the map. Nobody types coordinates; cleaned_data["point"] is the WGS-84 point chosen by
    core.geocoding.locate_workplace."""

    title = forms.CharField(label=_("Title"), max_length=60, min_length=2)
    category = forms.ChoiceField(label=_("Kind of work"), choices=Category.choices)
    description = forms.CharField(label=_("What the work is"), required=False, max_length=2000,
                                  widget=forms.Textarea(attrs={"rows": 4}),
                                  help_text=_("No fees or deposits, no limits on sex, age or hometown."))
    address = forms.CharField(label=_("Address"), max_length=200,
                              help_text=_("Road and number, e.g. Qianjin Road 88"))
    town = forms.ChoiceField(label=_("Town"), choices=[("", _("Choose the town"))] + list(Town.choices))
    # The landmarks are places' own names: data, not interface words (translate="no").
    landmark = forms.ChoiceField(label=_("A landmark near the workplace"), required=False,
                                 widget=forms.Select(attrs={"translate": "no"}))
    # A pin dropped on the map (map.js), in the map tiles' datum: GCJ-02 when
    # NUANXIN_MAP_TILES_GCJ02 is on. Never shown as inputs.
    pin_lat = forms.FloatField(required=False, min_value=-90, max_value=90, widget=forms.HiddenInput)
    pin_lon = forms.FloatField(required=False, min_value=-180, max_value=180, widget=forms.HiddenInput)
    pay_yuan = YuanField(label=_("Pay (yuan)"), max_fen=10_000_000)  # typed in yuan, cleaned to fen
    pay_unit = forms.ChoiceField(label=_("Per"), choices=PayUnit.choices)
    skills = forms.CharField(label=_("Skills or certificates needed"), required=False, max_length=200,
                             help_text=_("Separate with commas, e.g. electrician licence, cleaning"))
    instant = forms.BooleanField(label=_("Instant booking: accept the first workers automatically"), required=False)
    same_day_pay = forms.BooleanField(
        label=_("Same-day pay: I confirm hours on the day; anything not confirmed is paid automatically at "
                "midnight"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["landmark"].choices = geocoding.landmark_choices()
        self.fields["landmark"].help_text = (
            _("Used when the address cannot be found on the map. Or tap the map below where the work is.")
            if settings.NUANXIN_AMAP_KEY else
            _("Choose the nearest one, or tap the map below where the work is. Workers check in near this point.")
        )
        self._mark_fields()

    def clean(self):
        data = super().clean()
        chosen = geocoding.landmark(data["landmark"]) if data.get("landmark") else None
        if chosen and data.get("town") and chosen.town != data["town"]:
            self.add_error("landmark", _("This landmark is in %(town)s. Choose one in the town above, or change the "
                                         "town.") % {"town": Town(chosen.town).label})
        pin = None
        if {"pin_lat", "pin_lon"} & set(self._errors):  # hidden fields: say it where it can be seen
            self._errors.pop("pin_lat", None)
            self._errors.pop("pin_lon", None)
            self.add_error("landmark", _("The pin on the map could not be read. Tap the map again, or choose a "
                                         "landmark."))
        elif data.get("pin_lat") is not None and data.get("pin_lon") is not None:
            pin = (data["pin_lat"], data["pin_lon"])
            if settings.NUANXIN_MAP_TILES_GCJ02:
                pin = geo.gcj02_to_wgs84(*pin)
            if not in_kunshan(*pin):
                self.add_error("landmark", _("The pin on the map is outside Kunshan. Tap where the work is, or "
                                             "choose a landmark."))
        if self.errors:  # the address, town or landmark is wrong: no point in asking the geocoder
            return data
        point = geocoding.locate_workplace(address=data["address"], town=data["town"],
                                           landmark_key=data.get("landmark") or None, pin=pin)
        if point is None:
            self.add_error("landmark", _("We could not find this address on the map. Choose a landmark near the "
                                         "workplace, or tap the map where the work is."))
        data["point"] = point
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
