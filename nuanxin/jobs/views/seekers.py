"""Pages for job seekers, their advisors, the stations and the employers who get a referral
letter. Every action is a plain form POST (no JavaScript); refusals come from the services."""

import segno
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from nuanxin.accounts import selectors as accounts_selectors
from nuanxin.core import geo
from nuanxin.core.audit import client_ip
from nuanxin.core.errors import DomainError
from nuanxin.core.masking import mask_name
from nuanxin.core.pages import (
    confirm_first,
    form_errors_from,
    login_required_for_action,
    posted_id,
    refusal_text,
    run_service,
)
from nuanxin.core.paging import paged
from nuanxin.core.permissions import has_role
from nuanxin.jobs import matching
from nuanxin.jobs.choices import ReferralStatus, SeekerStatus
from nuanxin.jobs.forms.seekers import (
    FollowUpForm,
    NewSeekerForm,
    OutcomeForm,
    SeekerForm,
    StaffSeekerForm,
)
from nuanxin.jobs.presenters import seekers as presenters
from nuanxin.jobs.selectors import seekers as selectors
from nuanxin.jobs.services import referrals as referral_services
from nuanxin.jobs.services import seekers as services

STATION_RADIUS_M = 5_000   # "today's vacancies nearby" on a station's page
















def _staff_only(user) -> None:
    if not (selectors.is_city_staff(user) or has_role(user, "station_manager")):
        raise Http404


# --- the worker -------------------------------------------------------------------------------


@login_required
def mine(request):
    seeker = selectors.seeker_of(request.user)
    if seeker is None:
        return redirect("jobs:seeker-register")
    suggestions = []
    if seeker.status == SeekerStatus.ACTIVE:
        suggestions = [{"m": m, "v": v} for m, v in matching.suggestions_for_seeker(seeker, limit=10)]
    return render(request, "jobs/seeker_mine.html", {
        "seeker": seeker, "reasons": services.tier_reasons(seeker),
        "referrals": list(selectors.referrals_of_worker(request.user)[:50]), "suggestions": suggestions})


def _find(request) -> str:
    """The words of the occupation search box above a registration form (a GET, no JS)."""
    return (request.GET.get("find") or "").strip()[:40]


@login_required
def register(request):
    seeker = selectors.seeker_of(request.user)
    form = SeekerForm(request.POST or None, initial=SeekerForm.initial_from(seeker), find=_find(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.seeker_register(by=request.user, data=form.service_data())
        except DomainError as exc:
            form_errors_from(form, exc, rename={"wanted_pay_fen": "wanted_pay_yuan"})
        else:
            messages.success(request, _("Registered. Your tier and the jobs suggested to you are below."))
            return redirect("jobs:seeker-mine")
    profile = accounts_selectors.profile_of(request.user)
    return render(request, "jobs/seeker_form.html", {"form": form, "seeker": seeker, "staff": False,
                                                     "arrived_on": profile.arrived_on if profile else None})


@login_required_for_action
@require_POST
def close_mine(request):
    ask = confirm_first(request, title=_("Close your registration?"), yes=_("Yes, close it"),
                        back=reverse("jobs:seeker-mine"),
                        text=_("Your advisor stops suggesting jobs and calling you. You can register again any time."))
    if ask is not None:
        return ask
    run_service(request, services.seeker_close, _("Your registration is closed. Register again any time."),
                by=request.user, reason=request.POST.get("reason", "")[:200])
    return redirect("jobs:seeker-mine")


# --- the advisor ------------------------------------------------------------------------------


@login_required
def seeker_list(request, due: bool = False):
    _staff_only(request.user)
    due = due or request.GET.get("due") == "1"
    q = (request.GET.get("q") or "").strip()[:50]

    def fetch(limit, offset):
        qs = selectors.seekers_search(request.user, q=q, due_on=selectors.today() if due else None)
        return list(qs[offset:offset + limit]), qs.count()

    rows, pager = paged(request, fetch, size=30, keep=("q", "due"))
    return render(request, "jobs/seeker_list.html", {
        "rows": [presenters.seeker_row(s) for s in rows], "pager": pager, "q": q, "due": due,
        "today": selectors.today()})


@login_required
def seeker_new(request):
    _staff_only(request.user)
    form = NewSeekerForm(request.POST or None, find=_find(request))
    if request.method == "POST" and form.is_valid():
        try:
            seeker = services.seeker_register(by=request.user, data=form.service_data(),
                                              phone=form.cleaned_data["phone"], name=form.cleaned_data["name"])
        except DomainError as exc:
            if exc.code == "already_registered":  # open the file as it is, changing nothing
                messages.info(request, refusal_text(exc))
                return redirect("jobs:seeker-file", seeker_id=int(exc.fields["seeker_id"]))
            form_errors_from(form, exc, rename={"wanted_pay_fen": "wanted_pay_yuan"})
        else:
            messages.success(request, _("Registered."))
            return redirect("jobs:seeker-file", seeker_id=seeker.pk)
    return render(request, "jobs/seeker_form.html", {"form": form, "seeker": None, "staff": True})


def _file_context(request, seeker, **extra) -> dict:
    suggestions = []
    if seeker.status == SeekerStatus.ACTIVE:
        suggestions = [{"m": m, "v": v} for m, v in matching.suggestions_for_seeker(seeker, limit=10)]
    return {"seeker": seeker, "reasons": services.tier_reasons(seeker),
            "follow_ups": list(selectors.follow_ups_of(seeker)[:50]),
            "referrals": list(selectors.referrals_of_seeker(seeker)[:50]), "suggestions": suggestions,
            "edit_form": extra.pop("edit_form", None) or StaffSeekerForm(initial=StaffSeekerForm.initial_from(seeker),
                                                                         prefix="e", find=_find(request)),
            "follow_form": extra.pop("follow_form", None) or FollowUpForm(prefix="f"), **extra}


@login_required
def seeker_file(request, seeker_id: int):
    _staff_only(request.user)
    try:
        seeker = services.seeker_read(by=request.user, seeker_id=seeker_id, ip=client_ip(request))
    except DomainError:
        raise Http404 from None
    return render(request, "jobs/seeker_file.html", _file_context(request, seeker))


@login_required_for_action
@require_POST
def seeker_action(request, seeker_id: int, action: str):
    _staff_only(request.user)
    seeker = selectors.seeker_for_staff(request.user, seeker_id)
    if seeker is None:
        raise Http404
    if action == "phone":
        phone = run_service(request, services.seeker_phone, "", by=request.user, seeker_id=seeker_id,
                            ip=client_ip(request))
        return render(request, "jobs/seeker_file.html", _file_context(request, seeker, phone=phone))
    if action == "edit":
        form = StaffSeekerForm(request.POST, prefix="e")
        if not form.is_valid():
            return render(request, "jobs/seeker_file.html", _file_context(request, seeker, edit_form=form))
        try:
            services.seeker_register(by=request.user, seeker_id=seeker_id, data=form.service_data(),
                                     name=form.cleaned_data.get("name") or "")
        except DomainError as exc:
            form_errors_from(form, exc, rename={"wanted_pay_fen": "wanted_pay_yuan"})
            return render(request, "jobs/seeker_file.html", _file_context(request, seeker, edit_form=form))
        messages.success(request, _("Saved."))
    elif action == "follow-up":
        form = FollowUpForm(request.POST, prefix="f")
        if not form.is_valid():
            return render(request, "jobs/seeker_file.html", _file_context(request, seeker, follow_form=form))
        try:
            services.follow_up_add(by=request.user, seeker_id=seeker_id, **form.cleaned_data)
        except DomainError as exc:
            form_errors_from(form, exc)
            return render(request, "jobs/seeker_file.html", _file_context(request, seeker, follow_form=form))
        messages.success(request, _("Follow-up recorded."))
    elif action == "refer":
        referral = run_service(request, referral_services.referral_create, _("Referred. The letter is ready."),
                               by=request.user, seeker_id=seeker_id, job_id=posted_id(request, "job_id") or 0,
                               note=request.POST.get("note", "")[:300])
        if referral is not None:
            return redirect("jobs:letter", token=referral.token)
    elif action == "close":
        outcome = request.POST.get("outcome") if request.POST.get("outcome") in SeekerStatus.values else "closed"
        run_service(request, services.seeker_close, _("Registration closed."), by=request.user, seeker_id=seeker_id,
                    outcome=outcome, reason=request.POST.get("reason", "")[:200])
    else:
        raise Http404
    return redirect("jobs:seeker-file", seeker_id=seeker_id)


# --- the letter and the employer's page ------------------------------------------------------


def letter(request, token: str):
    """The referral letter: anyone holding it may open it (the token is long and random); the
    seeker's name shows in full only to the seeker, the vacancy's employer and staff."""
    referral = selectors.referral_by_token(token)
    if referral is None:
        raise Http404
    shown = referral_services.letter_read(referral=referral, by=request.user)
    name = referral.seeker.user.name or ""
    outcome_url = request.build_absolute_uri(referral_services.outcome_path(referral))
    qr = segno.make(outcome_url, error="m").svg_inline(scale=4, title=_("QR code for the employer"))
    advisor = referral.advisor
    return render(request, "jobs/referral_letter.html", {
        "r": referral, "name": name if shown == "full" else mask_name(name), "qr": qr, "outcome_url": outcome_url,
        "advisor_name": advisor.name or advisor.username, "station": referral.seeker.station,
        "is_employer": referral_services.employer_of_referral(request.user, referral) is not None,
        "history": list(selectors.referral_history(referral))})


@login_required
def letter_outcome(request, token: str):
    """The page the letter's QR code opens: the vacancy's employer records what happened.
    Anyone else (signed in) gets 404."""
    referral = selectors.referral_by_token(token)
    if referral is None or referral_services.employer_of_referral(request.user, referral) is None:
        raise Http404
    form = OutcomeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            referral_services.referral_outcome(by=request.user, referral_id=referral.pk,
                                               outcome=form.cleaned_data["outcome"], note=form.cleaned_data["note"])
        except DomainError as exc:
            form_errors_from(form, exc)
        else:
            messages.success(request, _("Recorded. Thank you."))
            return redirect("jobs:letter-outcome", token=token)
        referral = selectors.referral_by_token(token)
    return render(request, "jobs/referral_outcome.html", {
        "r": referral, "form": form, "name": referral.seeker.user.name or "",
        "open": referral.status in (ReferralStatus.REFERRED, ReferralStatus.INTERVIEWED),
        "history": list(selectors.referral_history(referral))})


# --- a station at work ------------------------------------------------------------------------


@login_required
def station(request, place_id: int):
    place = selectors.station_for_staff(request.user, place_id)
    if place is None:
        raise Http404
    today = selectors.today()
    live = selectors.live_vacancies(today).select_related("employer", "occupation")
    near = geo.within_radius(live.order_by(), place.lat, place.lon, STATION_RADIUS_M)
    by_id = live.in_bulk([pk for _d, pk in near[:30]])
    vacancies = [{"v": by_id[pk], "distance_m": round(d)} for d, pk in near[:30] if pk in by_id]
    seekers = list(selectors.station_seekers(place.pk)[:100])
    return render(request, "jobs/station_page.html", {
        "place": place, "today": today, "vacancies": vacancies,
        "seekers": [presenters.seeker_row(s) for s in seekers],
        "due": [presenters.seeker_row(s) for s in selectors.station_due(place.pk, today)[:100]],
        "radius_km": STATION_RADIUS_M // 1000})


@login_required
def stations_mine(request):
    """Station staff: straight to their station's page (or the seekers list)."""
    mine = selectors.stations_of(request.user)
    if len(mine) == 1:
        return redirect("jobs:station", place_id=mine[0])
    return redirect("jobs:seeker-list")
