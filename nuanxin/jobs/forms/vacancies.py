"""Forms of the vacancies pages (plain posts and GETs; the rules stay in the services)."""

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from nuanxin.core import geocoding
from nuanxin.core.forms import AccessibleForm, DayField
from nuanxin.core.money import YuanField
from nuanxin.core.towns import TOWN_CENTRES, Town
from nuanxin.jobs import occupations
from nuanxin.jobs.choices import (
    JobKind,
    OccupationLevel,
    PayPeriod,
)


def _group_choices() -> list[tuple[str, str]]:
    """The major groups and, under each, its medium groups (names are the classification's)."""
    choices = [("", _("All occupations"))]
    for code, name, level in occupations.groups_for_picker():
        indent = "" if level == OccupationLevel.MAJOR else "\u3000"
        choices.append((code, f"{indent}{code} {name}"))
    return choices


def resolve_occupation(text: str):
    """The classification entry a person typed: its code, or its name (exactly, or the one entry
    whose name holds the words). (entry, None) or (None, why)."""
    text = (text or "").strip()
    found = occupations.by_code(text)
    if found is not None:
        return found, None
    exact = [o for o in occupations.search(None).filter(name=text)]
    if exact:  # a group and its only occupation may share a name: take the occupation
        return max(exact, key=lambda o: len(o.code)), None
    candidates = list(occupations.search(text).exclude(level=OccupationLevel.MAJOR)[:9])
    if len(candidates) == 1:
        return candidates[0], None
    if not candidates:
        return None, _("No occupation of the national classification has this name. Try a shorter word, "
                       "or the code.")
    listed = "; ".join(f"{o.code} {o.name}" for o in candidates[:8])
    return None, _("Several occupations match. Type one of these codes or names: %(list)s") % {"list": listed}


class VacancySearchForm(AccessibleForm):
    q = forms.CharField(label=gettext_lazy("What job"), required=False, max_length=50,
                        help_text=gettext_lazy("Chinese or pinyin, e.g. hangong or hg for welder"))
    lat = forms.FloatField(required=False, min_value=-90, max_value=90, widget=forms.HiddenInput)
    lon = forms.FloatField(required=False, min_value=-180, max_value=180, widget=forms.HiddenInput)
    town = forms.ChoiceField(label=gettext_lazy("Town"), required=False,
                             choices=[("", gettext_lazy("Anywhere in Kunshan"))] + list(Town.choices))
    occupation = forms.ChoiceField(label=gettext_lazy("Occupation group"), required=False,
                                   widget=forms.Select(attrs={"translate": "no"}))
    kind = forms.ChoiceField(label=gettext_lazy("Full-time or part-time"), required=False,
                             choices=[("", gettext_lazy("Either"))] + list(JobKind.choices))
    min_pay_yuan = forms.IntegerField(label=gettext_lazy("Basic pay at least (yuan)"), required=False, min_value=0,
                                      max_value=1_000_000)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["occupation"].choices = _group_choices()
        self._mark_fields()

    def near(self, data: dict) -> tuple[float, float] | None:
        """The phone's location when shared (then nearest first); a town filters, it does not sort."""
        if data.get("lat") is not None and data.get("lon") is not None:
            return data["lat"], data["lon"]
        return None


class VacancyPostForm(AccessibleForm):
    title = forms.CharField(label=gettext_lazy("Job title"), max_length=60, min_length=2)
    occupation = forms.CharField(
        label=gettext_lazy("Occupation (national classification)"), max_length=40,
        help_text=gettext_lazy("Its name (in Chinese) or its code, e.g. 6-18-02-04 for welders; if several match we list them"))
    kind = forms.ChoiceField(label=gettext_lazy("Full-time or part-time"), choices=JobKind.choices)
    headcount = forms.IntegerField(label=gettext_lazy("People wanted"), min_value=1, max_value=999)
    requirements = forms.CharField(
        label=gettext_lazy("Requirements"), max_length=1000, widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("Skills and experience the work needs. No limits on hometown, household "
                               "registration (hukou), sex or age beyond the legal minimum, and no fees or "
                               "deposits."))
    duties = forms.CharField(label=gettext_lazy("Duties"), max_length=2000, widget=forms.Textarea(attrs={"rows": 4}))
    skills = forms.CharField(label=gettext_lazy("Skills or certificates wanted"), required=False, max_length=200,
                             help_text=gettext_lazy("Separate with commas, e.g. forklift licence, welding"))
    address = forms.CharField(label=gettext_lazy("Place of work"), max_length=200,
                              help_text=gettext_lazy("Road and number, e.g. Qianjin Road 88"))
    town = forms.ChoiceField(label=gettext_lazy("Town"), choices=[("", gettext_lazy("Choose the town"))] + list(Town.choices))
    landmark = forms.ChoiceField(label=gettext_lazy("A landmark near the workplace"), required=False,
                                 widget=forms.Select(attrs={"translate": "no"}),
                                 help_text=gettext_lazy("Helps seekers find the distance when the address is not on "
                                                 "the map; otherwise the town centre is used."))
    pay_min_yuan = YuanField(label=gettext_lazy("Basic pay from (yuan)"), max_fen=10_000_000)
    pay_max_yuan = YuanField(label=gettext_lazy("Basic pay up to (yuan)"), max_fen=10_000_000)
    pay_period = forms.ChoiceField(label=gettext_lazy("Per"), choices=PayPeriod.choices)
    valid_until = DayField(label=gettext_lazy("Valid until"), required=False,
                                  widget=forms.DateInput(attrs={"type": "date"}),
                                  help_text=gettext_lazy("30 days if left empty; at most 90 days ahead"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["landmark"].choices = geocoding.landmark_choices()
        self._mark_fields()

    def clean_occupation(self):
        found, why = resolve_occupation(self.cleaned_data["occupation"])
        if found is None:
            raise forms.ValidationError(why)
        return found.code

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        point = geocoding.locate_workplace(address=data["address"], town=data["town"],
                                           landmark_key=data.get("landmark") or None)
        data["point"] = (point.lat, point.lon) if point is not None else TOWN_CENTRES[data["town"]]
        return data

    def as_service_data(self) -> dict:
        d = self.cleaned_data
        return {
            **{k: d[k] for k in ("title", "occupation", "kind", "headcount", "requirements", "duties", "address",
                                 "town", "pay_period")},
            "skills": [s.strip() for s in d["skills"].replace("，", ",").split(",") if s.strip()][:10],
            "lat": d["point"][0], "lon": d["point"][1], "pay_min_fen": d["pay_min_yuan"],
            "pay_max_fen": d["pay_max_yuan"], "valid_until": d.get("valid_until"),
        }


class ReviewForm(forms.Form):
    note = forms.CharField(label=gettext_lazy("Note for the employer"), required=False, max_length=200)
