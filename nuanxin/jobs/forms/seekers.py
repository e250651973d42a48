"""Forms of the seekers pages (plain posts and GETs; the rules stay in the services)."""

from django import forms
from django.utils.html import format_html
from django.utils.translation import gettext_lazy

from nuanxin.core.forms import AccessibleForm, DayField
from nuanxin.core.towns import Town
from nuanxin.jobs import occupations
from nuanxin.jobs.choices import Channel, ReferralStatus
from nuanxin.jobs.selectors import seekers as selectors
from nuanxin.jobs.services import seekers as services


def _words(text: str) -> list[str]:
    return [w for w in (text or "").replace("，", ",").replace("、", ",").split(",") if w.strip()]


# The work new-citizen workers ask for most (codes of the 2022 classification), offered before
# any search so that most people tick one and are done.
COMMON_OCCUPATIONS = ("4-02-07-08", "4-10-08-01", "4-09-08-01", "4-10-01-06", "4-07-05-01", "4-03-02-05",
                      "4-03-02-01", "6-31-01-03", "6-18-02-04", "4-02-06-01", "6-20-01-01", "6-25-04-07",
                      "4-01-02-04", "4-10-01-05")
SEARCH_SHOWN = 30
MAX_WANTED = 10


def _label(o) -> str:
    # The classification's names are data: Chinese whatever the reader's language.
    return format_html('<span lang="zh-Hans" translate="no">{}（{}）</span>', o.name, o.code)


def _occupation_choices(*, find: str = "", chosen=()) -> tuple[list, list]:
    """(every code a seeker may choose, for validation; the few shown, for a phone): the
    chosen ones, then the search's matches, or the common jobs when nothing is searched."""
    valid = [(code, code) for code in selectors.occupations_for_choice()
             .filter(level__in=("minor", "occupation")).values_list("code", flat=True)]
    shown_codes = list(dict.fromkeys(chosen))
    pool = (occupations.search(find).filter(level__in=("minor", "occupation"))[:SEARCH_SHOWN] if find
            else selectors.occupations_for_choice().filter(code__in=COMMON_OCCUPATIONS))
    by_code = {o.code: o for o in pool}
    by_code.update({o.code: o for o in selectors.occupations_for_choice().filter(code__in=shown_codes)})
    shown_codes += [c for c in by_code if c not in shown_codes]
    return valid, [(c, _label(by_code[c])) for c in shown_codes if c in by_code]


class SeekerForm(AccessibleForm):
    # The classification's names are data: in Chinese whatever the reader's language.
    occupations = forms.MultipleChoiceField(label=gettext_lazy("Work you want"), required=False,
                                            help_text=gettext_lazy("Tick up to 10. Not in the list? Search above."),
                                            widget=forms.CheckboxSelectMultiple(attrs={"lang": "zh-Hans",
                                                                                       "translate": "no"}))
    skills = forms.CharField(label=gettext_lazy("Skills"), required=False, max_length=400,
                             help_text=gettext_lazy("Separated by commas, e.g. welding, forklift"))
    certificates = forms.CharField(label=gettext_lazy("Certificates"), required=False, max_length=400,
                                   help_text=gettext_lazy("Separated by commas"))
    experience_years = forms.IntegerField(label=gettext_lazy("Years of work experience"), min_value=0, max_value=60,
                                          initial=0)
    languages = forms.CharField(label=gettext_lazy("Languages and dialects"), required=False, max_length=200,
                                help_text=gettext_lazy("Separated by commas"))
    hardship = forms.ChoiceField(label=gettext_lazy("Hardship category"), required=False,
                                 choices=services.hardship_choices,
                                 help_text=gettext_lazy("A category brings closer help from an advisor."))
    wanted_pay_yuan = forms.IntegerField(label=gettext_lazy("Pay wanted per month (yuan)"), required=False,
                                         min_value=0, max_value=100_000)
    town = forms.ChoiceField(label=gettext_lazy("Town to work in"), required=False,
                             choices=[("", "—"), *Town.choices])

    def __init__(self, *args, find: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        chosen = self.data.getlist(self.add_prefix("occupations")) if self.is_bound else \
            (self.initial.get("occupations") or [])
        valid, shown = _occupation_choices(find=find, chosen=chosen)
        self.fields["occupations"].choices = valid      # what may be sent
        self.fields["occupations"].widget.choices = shown  # what a phone shows

    def clean_occupations(self):
        chosen = self.cleaned_data["occupations"]
        if len(chosen) > MAX_WANTED:
            raise forms.ValidationError(gettext_lazy("Tick at most 10."))
        return chosen

    def service_data(self) -> dict:
        d = self.cleaned_data
        return {"occupations": d["occupations"], "skills": _words(d["skills"]),
                "certificates": _words(d["certificates"]), "experience_years": d["experience_years"],
                "languages": _words(d["languages"]), "hardship": d["hardship"] or "",
                "wanted_pay_fen": (d["wanted_pay_yuan"] or 0) * 100, "town": d["town"] or ""}

    @classmethod
    def initial_from(cls, seeker) -> dict:
        if seeker is None:
            return {}
        return {"occupations": [o.code for o in seeker.occupations.all()], "skills": ", ".join(seeker.skills or []),
                "certificates": ", ".join(seeker.certificates or []), "experience_years": seeker.experience_years,
                "languages": ", ".join(seeker.languages or []), "hardship": seeker.hardship,
                "wanted_pay_yuan": seeker.wanted_pay_fen // 100 or None, "town": seeker.town}


class StaffSeekerForm(SeekerForm):
    name = forms.CharField(label=gettext_lazy("Name"), max_length=50, required=False,
                           help_text=gettext_lazy("As on the ID card; needed for a referral letter."))
    field_order = ["name"]
    notes = forms.CharField(label=gettext_lazy("Advisor's notes"), required=False, max_length=2000,
                            widget=forms.Textarea(attrs={"rows": 3}))

    def service_data(self) -> dict:
        return {**super().service_data(), "notes": self.cleaned_data["notes"]}

    @classmethod
    def initial_from(cls, seeker) -> dict:
        return {**super().initial_from(seeker), "notes": seeker.notes if seeker else "",
                "name": seeker.user.name if seeker else ""}


class NewSeekerForm(StaffSeekerForm):
    phone = forms.CharField(label=gettext_lazy("Mobile number"), max_length=11,
                            widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}))
    name = forms.CharField(label=gettext_lazy("Name"), max_length=50, required=False)
    field_order = ["phone", "name"]


class FollowUpForm(AccessibleForm):
    channel = forms.ChoiceField(label=gettext_lazy("How"), choices=Channel.choices)
    note = forms.CharField(label=gettext_lazy("Note"), required=False, max_length=2000,
                           widget=forms.Textarea(attrs={"rows": 3}))
    next_contact_on = DayField(label=gettext_lazy("Next contact"), required=False,
                                      widget=forms.DateInput(attrs={"type": "date"}),
                                      help_text=gettext_lazy("Leave empty for 14 days from today."))


class OutcomeForm(AccessibleForm):
    outcome = forms.ChoiceField(label=gettext_lazy("What happened"), widget=forms.RadioSelect, choices=[
        (ReferralStatus.INTERVIEWED, gettext_lazy("Interviewed (decision to come)")),
        (ReferralStatus.HIRED, gettext_lazy("Hired")),
        (ReferralStatus.NOT_HIRED, gettext_lazy("Not hired")),
        (ReferralStatus.NO_SHOW, gettext_lazy("Did not come"))])
    note = forms.CharField(label=gettext_lazy("Note for the advisor"), required=False, max_length=200)
