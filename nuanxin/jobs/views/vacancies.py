"""Pages for vacancies: the public list and a vacancy's page, an employer's vacancies (post,
extend, close) and the staff review queue with the employers due for their re-check."""

import datetime

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from nuanxin.core import geo, geocoding
from nuanxin.core.errors import DomainError
from nuanxin.core.forms import AccessibleForm
from nuanxin.core.money import YuanField, whole_yuan_to_fen
from nuanxin.core.pages import form_errors_from, login_required_for_action, run_service
from nuanxin.core.paging import paged
from nuanxin.core.permissions import has_role
from nuanxin.core.towns import TOWN_CENTRES, Town
from nuanxin.jobs import occupations, selectors, services
from nuanxin.jobs.choices import (
    VACANCY_MAX_DAYS,
    JobKind,
    OccupationLevel,
    PayPeriod,
    VacancyStatus,
)
from nuanxin.jobs.services.vacancies import REVIEWERS
from nuanxin.places import selectors as places_selectors

VACANCIES_PER_PAGE = 20
VACANCY_FILTERS = ("q", "town", "occupation", "kind", "min_pay_yuan", "lat", "lon")


# --- forms ----------------------------------------------------------------------------------


def _group_choices() -> list[tuple[str, str]]:
    """The major groups and, under each, its medium groups (names are the classification's)."""
    choices = [("", _("All occupations"))]
    for code, name, level in occupations.groups_for_picker():
        indent = "" if level == OccupationLevel.MAJOR else "\u3000"
        choices.append((code, f"{indent}{code} {name}"))
    return choices


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
    valid_until = forms.DateField(label=gettext_lazy("Valid until"), required=False,
                                  widget=forms.DateInput(attrs={"type": "date"}),
                                  help_text=gettext_lazy("30 days if left empty; at most 90 days ahead"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        groups: dict[str, list[tuple[str, str]]] = {}
        for lm in geocoding.landmarks():
            groups.setdefault(Town(lm.town).label, []).append((lm.key, lm.name))
        self.fields["landmark"].choices = [("", _("None chosen"))] + list(groups.items())
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


# --- public pages -----------------------------------------------------------------------------


def vacancy_list(request):
    form = VacancySearchForm(request.GET or None)
    form.is_valid()  # a bad field is shown beside it; the good ones still filter
    data = getattr(form, "cleaned_data", {}) if form.is_bound else {}
    near = form.near(data)
    hits, pager = paged(request, lambda limit, offset: selectors.vacancies_search(
        q=data.get("q"), town=data.get("town") or None, occupation=data.get("occupation") or None,
        kind=data.get("kind") or None, min_pay_fen=whole_yuan_to_fen(data.get("min_pay_yuan")) or None,
        near=near, limit=limit, offset=offset,
    ), size=VACANCIES_PER_PAGE, keep=VACANCY_FILTERS)
    return render(request, "jobs/vacancy_list.html", {"form": form, "hits": hits, "pager": pager, "near": near})


def vacancy_detail(request, pk: int):
    vacancy = selectors.vacancy_visible(pk, request.user)
    if vacancy is None:
        raise Http404
    private = selectors.vacancy_is_private_to(vacancy, request.user)
    return render(request, "jobs/vacancy_detail.html", {
        "v": vacancy, "private": private, "live": vacancy.status == VacancyStatus.APPROVED,
        "history": selectors.vacancy_history(vacancy, viewer=request.user) if private else None,
        "nav_url": geo.amap_marker_url(vacancy.lat, vacancy.lon, vacancy.address),
        # Where to ask for a referral: the employment station nearest the job.
        "station": next(iter(places_selectors.places_search(kind="employment_station", near=(vacancy.lat, vacancy.lon),
                                                            limit=1)[0]), None),
    })


# --- employers --------------------------------------------------------------------------------


@login_required
def vacancy_mine(request):
    return render(request, "jobs/vacancy_mine.html", {
        "vacancies": selectors.vacancies_of_contact(request.user),
        "recheck_due": selectors.employer_due_recheck(request.user),
        "today": services.today(timezone.now()),
    })


@login_required
def vacancy_post(request):
    form = VacancyPostForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            vacancy = services.vacancy_create(by=request.user, data=form.as_service_data())
        except DomainError as exc:
            form_errors_from(form, exc, rename={"pay_min_fen": "pay_min_yuan", "pay_max_fen": "pay_max_yuan",
                                                "lat": "landmark", "lon": "landmark"})
        else:
            messages.success(request, _("Sent for review. Staff usually review a vacancy within a working day; "
                                        "it is shown to seekers once approved."))
            return redirect("jobs:vacancy-detail", pk=vacancy.pk)
    return render(request, "jobs/vacancy_post.html", {"form": form})


@login_required_for_action
@require_POST
def vacancy_action(request, pk: int, action: str):
    if action == "close":
        run_service(request, services.vacancy_close, _("Closed: seekers no longer see it."), vacancy_id=pk,
                    by=request.user)
    elif action == "extend":
        now = timezone.now()
        vacancy = selectors.vacancy_visible(pk, request.user)
        if vacancy is None:
            raise Http404
        first = services.today(now)
        until = min(max(vacancy.valid_until, first) + datetime.timedelta(days=30),
                    first + datetime.timedelta(days=VACANCY_MAX_DAYS))
        if run_service(request, services.vacancy_renew, "", vacancy_id=pk, by=request.user,
                       data={"valid_until": until}) is not None:
            messages.success(request, _("Extended: valid until %(day)s.") % {"day": until.isoformat()})
    else:
        raise Http404
    return redirect("jobs:vacancy-mine")


# --- staff ------------------------------------------------------------------------------------


def _staff(request) -> None:
    if not has_role(request.user, *REVIEWERS):
        raise Http404


@login_required
def vacancy_review_queue(request):
    _staff(request)
    return render(request, "jobs/vacancy_review.html", {
        "vacancies": selectors.vacancies_to_review()[:100], "form": ReviewForm(),
        "due": selectors.employers_due_recheck(),
    })


@login_required_for_action
@require_POST
def vacancy_review(request, pk: int):
    _staff(request)
    form = ReviewForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    approve = request.POST.get("decision") == "approve"
    run_service(request, services.vacancy_review, _("Published.") if approve else _("Turned down; the employer "
                                                                                       "reads your note."),
                vacancy_id=pk, by=request.user, approve=approve, note=note)
    return redirect("jobs:vacancy-review-queue")


@login_required_for_action
@require_POST
def employer_recheck(request, employer_id: int):
    _staff(request)
    run_service(request, services.employer_recheck, _("Re-checked: its vacancies are shown again."),
                employer_id=employer_id, by=request.user)
    return redirect("jobs:vacancy-review-queue")

