"""Forms of the housing pages: finding a bed, applying, and what staff type on the day sheet."""

from django import forms
from django.utils.translation import gettext_lazy as _

from nuanxin.core.forms import AccessibleForm, DayField, MomentField
from nuanxin.core.towns import TOWN_CENTRES, Town
from nuanxin.housing import choices

# Who comes: a single person sleeps in a men's or a women's room; a family takes a family room.
WHO_MAN, WHO_WOMAN, WHO_FAMILY = "male", "female", "family"
WHO_CHOICES = [
    (WHO_MAN, _("Just me: a bed in a men's room")),
    (WHO_WOMAN, _("Just me: a bed in a women's room")),
    (WHO_FAMILY, _("My family: a family room")),
]


class FindForm(AccessibleForm):
    """Where the bed should be near: the phone's location (locate.js) or a town chosen by hand."""

    lat = forms.FloatField(required=False, min_value=-90, max_value=90, widget=forms.HiddenInput)
    lon = forms.FloatField(required=False, min_value=-180, max_value=180, widget=forms.HiddenInput)
    town = forms.ChoiceField(label=_("Near which town?"), required=False,
                             choices=[("", _("Choose a town"))] + list(Town.choices))

    def near(self) -> tuple[tuple[float, float] | None, str]:
        """The point to measure from and how to say it; (None, "") without either."""
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        if data.get("lat") is not None and data.get("lon") is not None:
            return (data["lat"], data["lon"]), str(_("your location"))
        if data.get("town"):
            return TOWN_CENTRES[data["town"]], Town(data["town"]).label
        return None, ""


def _nights_errors(most: int) -> dict:
    """Plain words for a number of nights out of range (Django's say "ensure this value…")."""
    return {"min_value": _("At least 1 night."), "max_value": _("At most %(n)s nights.") % {"n": most},
            "invalid": _("Write the number of nights, e.g. 3."), "required": _("Say how many nights.")}


def _people_errors(least: int, most: int) -> dict:
    return {"min_value": _("At least %(n)s.") % {"n": least}, "max_value": _("At most %(n)s.") % {"n": most},
            "invalid": _("Write a number, e.g. 2.")}


class ApplyForm(AccessibleForm):
    check_in = DayField(label=_("First night"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
                               help_text=_("Check in on this day, or the bed is given to someone else."))
    nights = forms.IntegerField(label=_("How many nights?"), min_value=1, max_value=choices.MAX_NIGHTS, initial=3,
                                widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
                                error_messages=_nights_errors(choices.MAX_NIGHTS))
    who = forms.ChoiceField(label=_("Who needs a bed?"), choices=WHO_CHOICES, widget=forms.RadioSelect,
                            initial=WHO_MAN)
    adults_with = forms.IntegerField(label=_("Husband, wife or other adult family coming with you"), min_value=0,
                                     max_value=choices.MAX_PARTY - 1, initial=0, required=False,
                                     widget=forms.NumberInput(attrs={"inputmode": "numeric"}))
    child_ids = forms.MultipleChoiceField(label=_("Your registered children coming with you"), required=False,
                                          widget=forms.CheckboxSelectMultiple)
    minors = forms.IntegerField(label=_("Other children coming with you (how many)"), min_value=0,
                                max_value=choices.MAX_PARTY - 1, initial=0, required=False,
                                widget=forms.NumberInput(attrs={"inputmode": "numeric"}))
    needs_accessible = forms.BooleanField(label=_("I need an accessible bed (no steps, lower bunk)"), required=False)
    looking_for_work = forms.BooleanField(label=_("I am looking for work in Kunshan"), required=False, initial=True)
    arrived_on = DayField(label=_("The day you arrived in Kunshan"), required=False,
                                 widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
                                 help_text=_("Beds are for people who came to Kunshan recently."))
    reason = forms.CharField(label=_("Anything staff should know?"), required=False, max_length=1000,
                             widget=forms.Textarea(attrs={"rows": 3}),
                             help_text=_("For example: a job interview on Monday, or arriving late at night."))

    def __init__(self, *args, children=(), ask_arrival: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        # The parent's own children; their names are shown only to the parent (data, not words).
        self.children = list(children)
        self.fields["child_ids"].choices = [(str(c.pk), c.name) for c in self.children]
        if not self.children:
            del self.fields["child_ids"]
        if not ask_arrival:
            del self.fields["arrived_on"]
        self._mark_fields()

    def service_args(self) -> dict:
        """What services.apply takes, from the cleaned form."""
        d = self.cleaned_data
        family = d["who"] == WHO_FAMILY
        return {
            "check_in": d["check_in"], "nights": d["nights"],
            "sex": "" if family else d["who"],
            "adults": 1 + ((d.get("adults_with") or 0) if family else 0),
            "child_ids": [int(i) for i in d.get("child_ids") or []] if family else [],
            "minors": (d.get("minors") or 0) if family else 0,
            "needs_accessible": d["needs_accessible"], "looking_for_work": d["looking_for_work"],
            "reason": d.get("reason") or "",
        }


class TownForm(AccessibleForm):
    """On /housing/apply/: any warm residence in a town, or anywhere."""

    town = forms.ChoiceField(label=_("In which town?"), required=False,
                             choices=[("", _("Anywhere in Kunshan"))] + list(Town.choices))


class AppealForm(AccessibleForm):
    text = forms.CharField(label=_("What kept you from checking in?"), max_length=500,
                           widget=forms.Textarea(attrs={"rows": 3}))


# --- staff --------------------------------------------------------------------------------------


class CodeForm(AccessibleForm):
    code = forms.CharField(label=_("The guest's 6-digit check-in code"), max_length=6, min_length=6,
                           widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off",
                                                         "pattern": "[0-9]{6}"}))


class ExtendForm(AccessibleForm):
    nights = forms.IntegerField(label=_("Add nights"), min_value=1, max_value=choices.MAX_NIGHTS, initial=1,
                                widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
                                error_messages=_nights_errors(choices.MAX_NIGHTS))
    note = forms.CharField(label=_("Why (the guest is told)"), max_length=150,
                           help_text=_("For example: job starts Monday."))


class RejectForm(AccessibleForm):
    note = forms.CharField(label=_("Why not (the person is told)"), max_length=150)


class AdviceForm(AccessibleForm):
    app_id = forms.TypedChoiceField(label=_("For which guest?"), coerce=int, widget=forms.Select(attrs={"translate": "no"}))
    at = MomentField(label=_("Day and time"), input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
                             widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"))
    place_id = forms.TypedChoiceField(label=_("Where"), coerce=int, widget=forms.Select(attrs={"translate": "no"}))

    def __init__(self, *args, places=(), guests=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["place_id"].choices = [(p.pk, p.name) for p in places]
        self.fields["app_id"].choices = list(guests)
        self._mark_fields()


class ShelterForm(AccessibleForm):
    case_id = forms.IntegerField(label=_("Case number"), min_value=1,
                                 widget=forms.NumberInput(attrs={"inputmode": "numeric"}))
    who = forms.ChoiceField(label=_("Who needs a bed tonight?"), choices=[
        (WHO_MAN, _("One man")), (WHO_WOMAN, _("One woman")), (WHO_FAMILY, _("A family"))],
        widget=forms.RadioSelect, initial=WHO_MAN)
    adults = forms.IntegerField(label=_("Adults in the family"), min_value=1, max_value=choices.MAX_PARTY, initial=1,
                                required=False, widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
                                error_messages=_people_errors(1, choices.MAX_PARTY))
    minors = forms.IntegerField(label=_("Children in the family"), min_value=0, max_value=choices.MAX_PARTY - 1,
                                initial=0, required=False, widget=forms.NumberInput(attrs={"inputmode": "numeric"}))
    nights = forms.IntegerField(label=_("Nights from tonight"), min_value=1, max_value=choices.MAX_NIGHTS, initial=1,
                                widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
                                error_messages=_nights_errors(choices.MAX_NIGHTS))
    residence_id = forms.TypedChoiceField(label=_("Residence"), coerce=int, required=False, empty_value=None,
                                          widget=forms.Select(attrs={"translate": "no"}))
    note = forms.CharField(label=_("Note for the residence"), max_length=200, required=False)

    def __init__(self, *args, residences=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["residence_id"].choices = [("", _("Any residence with a free bed"))] + [
            (row.residence.pk, f"{row.residence.place.name} ({row.free_tonight})") for row in residences]
        self._mark_fields()

    def service_args(self) -> dict:
        d = self.cleaned_data
        family = d["who"] == WHO_FAMILY
        return {"case_id": d["case_id"], "nights": d["nights"], "sex": "" if family else d["who"],
                "adults": (d.get("adults") or 1) if family else 1, "minors": (d.get("minors") or 0) if family else 0,
                "residence_id": d.get("residence_id"), "note": d.get("note") or ""}
