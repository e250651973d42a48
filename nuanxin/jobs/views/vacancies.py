"""Pages for vacancies: the public list and a vacancy's page, an employer's vacancies (post,
extend, close) and the staff review queue with the employers due for their re-check."""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from nuanxin.core import geo
from nuanxin.core.errors import DomainError
from nuanxin.core.money import whole_yuan_to_fen
from nuanxin.core.pages import (
    confirm_first,
    form_errors_from,
    login_required_for_action,
    run_service,
)
from nuanxin.core.paging import paged
from nuanxin.core.permissions import has_role
from nuanxin.jobs import selectors, services
from nuanxin.jobs.choices import (
    VACANCY_MAX_DAYS,
    VacancyStatus,
)
from nuanxin.jobs.forms.vacancies import ReviewForm, VacancyPostForm, VacancySearchForm
from nuanxin.jobs.services.vacancies import REVIEWERS
from nuanxin.places import selectors as places_selectors

VACANCIES_PER_PAGE = 20
VACANCY_FILTERS = ("q", "town", "occupation", "kind", "min_pay_yuan", "lat", "lon")


# --- forms ----------------------------------------------------------------------------------












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
        ask = confirm_first(request, title=_("Close this vacancy?"), yes=_("Yes, close it"),
                            back=reverse("jobs:vacancy-mine"),
                            text=_("Seekers will no longer see it. To publish it again, post it again."))
        if ask is not None:
            return ask
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

