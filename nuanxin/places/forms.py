import datetime

from django import forms
from django.utils.translation import gettext_lazy as _

from nuanxin.core.forms import AccessibleForm
from nuanxin.core.towns import TOWN_CENTRES, Town
from nuanxin.places.choices import AmenityCode, PlaceKind

WEEKDAY_NAMES = [_("Mon"), _("Tue"), _("Wed"), _("Thu"), _("Fri"), _("Sat"), _("Sun")]


class NearbyForm(AccessibleForm):
    """The 附近 filter: a point from the browser, or a town picked by hand."""

    lat = forms.FloatField(required=False, min_value=-90, max_value=90, widget=forms.HiddenInput)
    lon = forms.FloatField(required=False, min_value=-180, max_value=180, widget=forms.HiddenInput)
    town = forms.ChoiceField(label=_("Town"), required=False,
                             choices=[("", _("Choose your town"))] + list(Town.choices))
    kind = forms.ChoiceField(label=_("What"), required=False,
                             choices=[("", _("All service points"))] + list(PlaceKind.choices))
    amenity = forms.MultipleChoiceField(label=_("Must have"), required=False,
                                        choices=AmenityCode.choices, widget=forms.CheckboxSelectMultiple)
    open_now = forms.BooleanField(label=_("Open now"), required=False)

    def clean(self):
        data = super().clean()
        if (data.get("lat") is None) != (data.get("lon") is None):
            data["lat"] = data["lon"] = None
        return data

    def near(self) -> tuple[tuple[float, float] | None, str]:
        """The point to measure from and how to say it: the browser's location, else the
        chosen town's centre; (None, "") without either (or with bad input)."""
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        if data.get("lat") is not None:
            return (data["lat"], data["lon"]), str(_("your location"))
        if data.get("town"):
            return TOWN_CENTRES[data["town"]], Town(data["town"]).label
        return None, ""


class StationForm(AccessibleForm):
    """What a station manager may change: amenities and hours (one interval a day)."""

    amenities = forms.MultipleChoiceField(label=_("Amenities"), required=False,
                                          choices=AmenityCode.choices, widget=forms.CheckboxSelectMultiple)
    is_24h = forms.BooleanField(label=_("Open 24 hours"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for day, name in enumerate(WEEKDAY_NAMES):
            self.fields[f"d{day}_opens"] = forms.TimeField(
                label=_("%(day)s opens") % {"day": name}, required=False,
                widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"))
            self.fields[f"d{day}_closes"] = forms.TimeField(
                label=_("%(day)s closes") % {"day": name}, required=False,
                widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"))
        self._mark_fields()

    def day_rows(self):
        return [(name, self[f"d{d}_opens"], self[f"d{d}_closes"]) for d, name in enumerate(WEEKDAY_NAMES)]

    def clean(self):
        data = super().clean()
        for day in range(7):
            opens, closes = data.get(f"d{day}_opens"), data.get(f"d{day}_closes")
            if (opens is None) != (closes is None):
                self.add_error(f"d{day}_closes", _("Give both times, or leave both empty for a closed day."))
        return data

    def weekly(self) -> dict[int, list[tuple[datetime.time, datetime.time]]]:
        out = {}
        for day in range(7):
            opens, closes = self.cleaned_data.get(f"d{day}_opens"), self.cleaned_data.get(f"d{day}_closes")
            if opens is not None and closes is not None:
                out[day] = [(opens, closes)]
        return out
