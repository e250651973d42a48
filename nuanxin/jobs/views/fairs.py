"""Job-fair pages (招聘会): the list and a fair's page (public), signing up as a seeker (code and
QR), an employer booking or cancelling a booth and recording intentions, and for staff: set up
a fair, the door (check in by code, the fair's own door QR) and the booth roll after the fair.

Every action is a plain form POST answered by a redirect: no JavaScript needed."""


import segno
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.http import require_POST

from nuanxin.accounts import selectors as accounts_selectors
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
from nuanxin.core.permissions import has_role
from nuanxin.jobs.choices import BoothStatus
from nuanxin.jobs.forms.fairs import CodeForm, FairForm
from nuanxin.jobs.selectors import fairs as selectors
from nuanxin.jobs.services import fairs as services
from nuanxin.places import selectors as places_selectors
from nuanxin.places.choices import PlaceKind

LIST_SIZE = 50


# --- forms ----------------------------------------------------------------------------------------






# --- public: list and fair page ---------------------------------------------------------------------


def fair_list(request):
    now = services.now_()
    upcoming = list(selectors.fairs_list(now=now)[:LIST_SIZE])
    past = list(selectors.fairs_list(now=now, past=True)[:10])
    return render(request, "jobs/fair_list.html", {
        "upcoming": upcoming, "past": past, "now": now,
        "is_staff": request.user.is_authenticated and has_role(request.user, *services.FAIR_STAFF,
                                                                    "station_manager")})


def _visit_qr(request, fair, visit) -> str:
    """The seeker's code as a QR: staff at the door scan it and their door page opens with the
    code filled in (the six digits are shown beside it, for typing)."""
    url = request.build_absolute_uri(reverse("jobs:fair-door", args=[fair.pk])) + f"?code={visit.code}"
    return segno.make(url, error="m").svg_inline(scale=5, title=pgettext("fair", "Your sign-up QR code"))


def _employer_context(request, fair, now) -> dict:
    """What an employer's contact sees: their booth, or whether and why they cannot book."""
    user = request.user
    if not (user.is_authenticated and has_role(user, "employer")):
        return {}
    employer = accounts_selectors.employer_acting_for(user)
    out = {"is_employer": True, "employer": employer,
           "booth": selectors.booth_of_employer(fair.pk, employer)}
    if out["booth"] is None:
        try:
            services.booking_employer(user)
            services.booking_refusal(employer, fair, now=now)
            if fair.booths_taken >= fair.booths:
                out["refusal"] = _("All booths at this fair are taken.")
        except DomainError as exc:
            out["refusal"] = refusal_text(exc)
            out["refusal_code"] = exc.code
    out["during"] = fair.starts_at <= now <= fair.ends_at + services.INTENTIONS_UNTIL
    out["code_form"] = CodeForm()
    return out


def fair_page(request, pk: int):
    fair = selectors.fair(pk)
    if fair is None:
        raise Http404
    now = services.now_()
    user = request.user
    visit = selectors.visit_of(fair.pk, user)
    place = fair.place
    return render(request, "jobs/fair_page.html", {
        "fair": fair, "place": place, "now": now, "employers": selectors.employers_booked(fair.pk),
        "booths_left": max(0, fair.booths - fair.booths_taken), "over": now > fair.ends_at,
        "started": now >= fair.starts_at, "visit": visit,
        "visit_qr": _visit_qr(request, fair, visit) if visit else "",
        "is_worker": user.is_authenticated and has_role(user, "worker"),
        "manages": services.may_manage(user, fair), "reads_roll": user.is_authenticated and
        services.may_read_roll(user, fair), **_employer_context(request, fair, now)})


@login_required_for_action
@require_POST
def sign_up(request, pk: int):
    run_service(request, services.sign_up, _("You are signed up. Show your code or QR at the door; we sent the code "
                                             "by SMS too."), fair_id=pk, by=request.user)
    return redirect("jobs:fair", pk)


def door_in(request, pk: int):
    """The fair's own door QR opens this page: a signed-in worker taps to check in."""
    fair = selectors.fair_plain(pk)
    if fair is None:
        raise Http404
    token = (request.POST.get("t") or request.GET.get("t") or "")[:200]
    if not services.door_token_ok(fair, token):
        raise Http404
    if request.method == "POST":
        if not request.user.is_authenticated:
            return redirect_to_login(f"{reverse('jobs:fair-in', args=[pk])}?t={token}")
        result = run_service(request, services.self_check_in, "", fair_id=pk, by=request.user, token=token)
        if result is not None:
            visit, already = result
            messages.success(request, _("You were already checked in.") if already else _("You are checked in. "
                                                                                          "Welcome!"))
            return redirect("jobs:fair", pk)
    return render(request, "jobs/fair_in.html", {"fair": fair, "token": token})


# --- employers ------------------------------------------------------------------------------------


@login_required_for_action
@require_POST
def book(request, pk: int):
    booth = run_service(request, services.book_booth, "", fair_id=pk, by=request.user)
    if booth is not None:
        messages.success(request, _("Booth %(n)s is yours. Come at least half an hour before the start; if you cannot "
                                    "come, cancel before the fair starts: two no-shows bar a company from fairs for a "
                                    "year.") % {"n": booth.number})
    return redirect("jobs:fair", pk)


@login_required
@require_POST
def cancel(request, pk: int):
    booth_id = posted_id(request, "booth_id")
    if booth_id is None:
        raise Http404
    ask = confirm_first(request, title=_("Cancel your booth?"), yes=_("Yes, cancel the booth"),
                        back=reverse("jobs:fair", args=[pk]),
                        text=_("The booth goes back to the fair and another employer may take it."))
    if ask is not None:
        return ask
    run_service(request, services.cancel_booth, _("Your booth is cancelled and given back to the fair."), fair_id=pk,
                booth_id=booth_id, by=request.user)
    return redirect("jobs:fair", pk)


@login_required
@require_POST
def intention(request, pk: int):
    form = CodeForm(request.POST)
    if form.is_valid():
        visit = run_service(request, services.record_intention, "", fair_id=pk, by=request.user,
                            code=form.cleaned_data["code"])
        if visit is not None:
            messages.success(request, _("Intention recorded for visitor %(code)s.") % {"code": visit.code})
    else:
        messages.error(request, _("Type the visitor's 6-digit code."))
    return redirect("jobs:fair", pk)


# --- staff ------------------------------------------------------------------------------------------


def _places_for(user):
    if has_role(user, *services.FAIR_STAFF):
        return [*places_selectors.places_filtered(kind=PlaceKind.SERVICE_CENTER).order_by("name"),
                *places_selectors.places_filtered(kind=PlaceKind.EMPLOYMENT_STATION).order_by("name")]
    return [p for p in places_selectors.places_managed_by(user) if p.kind in services.FAIR_PLACES]


@login_required
def fair_new(request):
    user = request.user
    places = _places_for(user)
    if not places:
        raise Http404
    form = FairForm(request.POST or None, places=places)
    if request.method == "POST" and form.is_valid():
        starts, ends = form.times()
        try:
            fair = services.create_fair(by=user, title=form.cleaned_data["title"], place_id=form.cleaned_data["place"],
                                        starts_at=starts, ends_at=ends, booths=form.cleaned_data["booths"],
                                        description=form.cleaned_data["description"])
        except DomainError as exc:
            form_errors_from(form, exc, rename={"place_id": "place", "starts_at": "day", "ends_at": "ends"})
        else:
            messages.success(request, _("The fair is set up. Employers can book booths now."))
            return redirect("jobs:fair", fair.pk)
    return render(request, "jobs/fair_new.html", {"form": form})


def _staff_fair(request, pk: int, *, read: bool = False):
    fair = selectors.fair(pk)
    if fair is None or not (services.may_read_roll(request.user, fair) if read
                            else services.may_manage(request.user, fair)):
        raise Http404
    return fair


def _door_qr(request, fair) -> str:
    url = request.build_absolute_uri(reverse("jobs:fair-in", args=[fair.pk])) + f"?t={services.door_token(fair)}"
    return segno.make(url, error="m").svg_inline(scale=5, title=pgettext("fair", "The fair's check-in QR code"))


@login_required
def door(request, pk: int):
    """Staff at the door: check in by the visitor's code (typed, or filled in by scanning their
    QR); the fair's own QR to print for self check-in."""
    fair = _staff_fair(request, pk)
    if request.method == "POST":
        form = CodeForm(request.POST)
        if form.is_valid():
            try:
                visit, already = services.door_check_in(fair_id=pk, by=request.user, code=form.cleaned_data["code"])
            except DomainError as exc:
                form_errors_from(form, exc)
            else:
                name = mask_name(visit.user.name or "") or visit.code
                messages.success(request, (_("%(name)s was already checked in.") if already
                                           else _("%(name)s is checked in.")) % {"name": name})
                return redirect("jobs:fair-door", pk)
    else:
        code = request.GET.get("code", "")[:6]
        form = CodeForm(initial={"code": code} if code.isascii() and code.isdigit() else None)
    fair = selectors.fair(pk)
    return render(request, "jobs/fair_door.html", {"fair": fair, "form": form, "door_qr": _door_qr(request, fair),
                                                   "open": services.door_open(fair, services.now_())})


@login_required
def roll(request, pk: int):
    """The booth roll: during and after the fair staff mark each booth came / did not come."""
    fair = _staff_fair(request, pk, read=True)
    if request.method == "POST":
        booth_id = posted_id(request, "booth_id")
        attended = request.POST.get("attended")
        if booth_id is None or attended not in ("1", "0"):
            raise Http404
        run_service(request, services.mark_attendance, _("Saved."), fair_id=pk, booth_id=booth_id, by=request.user,
                    attended=attended == "1")
        return redirect("jobs:fair-roll", pk)
    now = services.now_()
    rows = [{"booth": b, "status_label": b.get_status_display()} for b in selectors.booths_of_fair(pk)]
    return render(request, "jobs/fair_roll.html", {
        "fair": fair, "rows": rows, "started": now >= fair.starts_at, "manages": services.may_manage(request.user, fair),
        "statuses": BoothStatus})
