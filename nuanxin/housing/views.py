"""Pages for warm residences (暖"新"居所): find a bed, a residence, apply, my stay; and for
staff the day sheet (check-in by code, check-out, extend, cleaning), the occupancy calendar,
the review queue with its draw, appeals, job advice and emergency shelter.

Every action is a plain form POST answered by a redirect, so it all works without
JavaScript. Staff pages show guests by masked name and never their check-in code."""

import datetime
from itertools import groupby

import segno
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext
from django.views.decorators.http import require_POST

from nuanxin.accounts import selectors as accounts_selectors
from nuanxin.accounts import services as accounts
from nuanxin.core import geo
from nuanxin.core.audit import audit_log, client_ip
from nuanxin.core.errors import DomainError
from nuanxin.core.pages import (
    distance_from_query,
    form_errors_from,
    login_required_for_action,
    posted_id,
    refusal_text,
    run_service,
)
from nuanxin.core.permissions import has_role
from nuanxin.core.towns import Town
from nuanxin.core.validators import plain_id
from nuanxin.housing import choices, presenters, selectors, services
from nuanxin.housing.choices import Status
from nuanxin.housing.forms import (
    AdviceForm,
    AppealForm,
    ApplyForm,
    CodeForm,
    ExtendForm,
    FindForm,
    RejectForm,
    ShelterForm,
    TownForm,
)
from nuanxin.places import selectors as places_selectors

FREE_DAYS_SHOWN = 7   # the residence page: free beds for the next week
CALENDAR_DAYS = 14    # the staff's occupancy calendar
STATIONS_SHOWN = 3    # employment stations near the residence on My stay
ALTERNATIVES = 2     # a full residence's page names the nearest residences with free beds
LIST_SIZE = 50        # a city has tens of residences; the list shows the nearest 50

PRIORITY_WORDS = {
    choices.PRIORITY_REFERRAL: gettext_lazy("referred by staff"),
    choices.PRIORITY_FAMILY: gettext_lazy("family with children"),
    choices.PRIORITY_OTHER: gettext_lazy("others"),
}
# The service refusals a worker fixes in their profile (the page links there).
FIX_IN_PROFILE = {"not_verified"}


def _day():
    return services.today()


# --- find a bed -------------------------------------------------------------------------------------


def residence_list(request):
    form = FindForm(request.GET or None)
    near, where = form.near()
    day = _day()
    rows = selectors.residences_search(near=near, night=day)
    return render(request, "housing/list.html", {
        "form": form, "rows": rows[:LIST_SIZE], "count": len(rows), "where": where, "has_point": near is not None,
        "day": day, "point": near if near and form.cleaned_data.get("lat") is not None else None})


def _free_week(residence_id: int, day: datetime.date) -> list[dict]:
    return [{"night": night, "free": max(0, beds - held), "beds": beds}
            for night, held, beds in selectors.occupancy(residence_id, day, FREE_DAYS_SHOWN)]


def _apply_form(request, data=None):
    """The apply form; it always shows the arrival day on file, so a wrong one can be put right
    where it matters (the profile page does not ask for it)."""
    signed_in = request.user.is_authenticated
    children = accounts_selectors.children_of(request.user) if signed_in else []
    profile = accounts_selectors.profile_of(request.user) if signed_in else None
    return ApplyForm(data, children=children, ask_arrival=signed_in,
                     initial={"check_in": _day(), "arrived_on": getattr(profile, "arrived_on", None)})


def _apply_context(request) -> dict:
    """Whether the person can apply here, and what to do first if not."""
    user = request.user
    signed_in = user.is_authenticated
    return {
        "signed_in": signed_in,
        "verified": signed_in and accounts_selectors.is_verified_worker(user),
        "is_worker": signed_in and has_role(user, "worker"),
        "open_app": selectors.open_application_of(user) if signed_in else None,
    }


def residence_page(request, pk: int, form=None, refusal=None):
    day = _day()
    row = selectors.residence_row(pk, day)
    if row is None:
        raise Http404
    place = row.residence.place
    distance = distance_from_query(request, place.lat, place.lon)
    # Full tonight: say so before the form, and name the nearest residences that are not.
    elsewhere = [] if row.free_tonight else [
        r for r in selectors.residences_search(near=(place.lat, place.lon), night=day)
        if r.free_tonight and r.residence.pk != pk][:ALTERNATIVES]
    return render(request, "housing/residence.html", {
        "elsewhere": elsewhere,
        "row": row, "residence": row.residence, "place": place, "distance": distance,
        "nav_url": geo.amap_marker_url(place.lat, place.lon, place.name), "week": _free_week(pk, day),
        "form": form or _apply_form(request), "refusal": refusal, "manages": services.may_manage(request.user, row.residence)
        if request.user.is_authenticated else False, **_apply_context(request)})


def _apply(request, *, residence_id: int | None, town: str, form: ApplyForm):
    """Apply from a valid form: the new application, or None with the refusal shown."""
    arrived = form.cleaned_data.get("arrived_on") if "arrived_on" in form.fields else None
    if arrived is not None:
        if arrived > _day():
            form.add_error("arrived_on", _("This day has not come yet."))
            return None, None
        profile = accounts_selectors.profile_of(request.user)
        if getattr(profile, "arrived_on", None) != arrived:
            accounts.profile_update(user=request.user, data={"arrived_on": arrived})
    try:
        app = services.apply(by=request.user, residence_id=residence_id, town=town, **form.service_args())
    except DomainError as exc:
        rename = {"party": "child_ids" if "child_ids" in form.fields else "minors", "adults": "adults_with",
                  "sex": "who"}
        if exc.fields:
            form_errors_from(form, exc, rename=rename)
            return None, None
        return None, {"text": refusal_text(exc), "code": exc.code}
    return app, None


def _to_my_stay():
    """After applying: My stay, at the stay itself. (The form posts to …#apply so that errors
    show at the form; a redirect without a fragment of its own would keep that one.)"""
    return redirect(reverse("housing:mine") + "#stay")


_APPLIED = {
    Status.ALLOCATED: gettext_lazy("A bed is kept for you. Check in on the first day with the code below."),
    Status.PENDING_REVIEW: gettext_lazy("Request sent. Staff will look at it and tell you."),
    Status.WAITLISTED: gettext_lazy("No bed is free for those nights yet: you are on the waiting list. "
                                    "We will tell you when one frees up."),
}


@login_required_for_action
@require_POST
def apply_here(request, pk: int):
    form = _apply_form(request, request.POST)
    if form.is_valid():
        app, refusal = _apply(request, residence_id=pk, town="", form=form)
        if app is not None:
            messages.success(request, _APPLIED.get(app.status, _("Request sent.")))
            return _to_my_stay()
        return residence_page(request, pk, form=form, refusal=refusal)
    return residence_page(request, pk, form=form)


@login_required
def apply_anywhere(request):
    """Apply for a bed in any residence of a town (or of the city), without choosing one."""
    form = _apply_form(request, request.POST or None)
    town_form = TownForm(request.POST or None)
    refusal = None
    if request.method == "POST" and form.is_valid() and town_form.is_valid():
        app, refusal = _apply(request, residence_id=None, town=town_form.cleaned_data["town"], form=form)
        if app is not None:
            messages.success(request, _APPLIED.get(app.status, _("Request sent.")))
            return _to_my_stay()
    return render(request, "housing/apply.html", {"form": form, "town_form": town_form, "refusal": refusal,
                                                  **_apply_context(request)})


# --- my stay -----------------------------------------------------------------------------------------


def _stay(request, app, day) -> dict:
    place = app.residence.place if app.residence_id else None
    out = {"app": app, "place": place, "residence": app.residence, "beds": selectors.beds_of(app),
           "status_label": app.get_status_display(), "appeal_form": AppealForm(prefix=f"a{app.pk}"),
           "can_cancel": app.status in (*choices.IN_QUEUE, Status.ALLOCATED),
           "town_label": Town(app.town).label if app.town in Town.values else "",
           "staff_notes": selectors.staff_notes(app)}
    if place is not None:
        out["nav_url"] = geo.amap_marker_url(place.lat, place.lon, place.name)
    return out


def _code_qr(request, app) -> str:
    """The check-in code as a QR: a manager's phone camera opens their day sheet with the
    code filled in (the six digits are shown beside it, for typing)."""
    url = request.build_absolute_uri(reverse("housing:staff-day", args=[app.residence_id])) + f"?code={app.code}"
    # No width or height, only a viewBox: the page's CSS sizes it to the phone's width.
    return segno.make(url, error="m").svg_inline(scale=5, omitsize=True, title=pgettext("stay", "Check-in QR code"))


@login_required
def mine(request):
    day = _day()
    apps = list(selectors.applications_of(request.user)[:50])
    current = next((a for a in apps if a.status in choices.OPEN), None)
    ctx = {"current": None, "past": [_stay(request, a, day) for a in apps if a is not current], "day": day}
    if current is not None:
        stay = _stay(request, current, day)
        if current.status == Status.ALLOCATED and current.code and current.residence_id:
            stay["qr"] = _code_qr(request, current)
        place = stay["place"]
        if place is not None:
            stations, _count = places_selectors.places_search(near=(place.lat, place.lon), kind="employment_station",
                                                              limit=STATIONS_SHOWN)
            stay["stations"] = stations
            stay["gigs_query"] = f"lat={place.lat:.6f}&lon={place.lon:.6f}&sort=distance"
        ctx["current"] = stay
    return render(request, "housing/mine.html", ctx)


def _nobody(_user, _residence) -> bool:
    return False  # My stay acts on the person's own requests only


@login_required_for_action
@require_POST
def mine_action(request, pk: int, action: str):
    if action == "cancel":
        app = selectors.application_for(request.user, pk, may_manage=_nobody)
        if app is None:
            raise Http404
        if request.POST.get("sure") != "yes":  # the first button only asks (no JavaScript needed)
            return render(request, "housing/cancel_confirm.html", {"app": app})
        run_service(request, services.cancel, _("Cancelled. The bed goes to someone waiting."), app_id=pk,
                    by=request.user)
    elif action == "appeal":
        form = AppealForm(request.POST, prefix=f"a{pk}")
        if form.is_valid():
            run_service(request, services.appeal, _("Appeal sent. Staff will decide and tell you."), app_id=pk,
                        by=request.user, text=form.cleaned_data["text"])
        else:
            messages.error(request, _("Say what kept you away."))
    else:
        raise Http404
    return redirect("housing:mine")


# --- staff ---------------------------------------------------------------------------------------------


def _managed_or_404(request, residence_id: int):
    residence = selectors.residence(residence_id)
    if residence is None or not services.may_manage(request.user, residence):
        raise Http404  # someone else's residence is as if it did not exist
    return residence


def _staff_row(app, day) -> dict:
    out = presenters.application_out(app, viewer_is_applicant=False, today=day)
    return {**out, "app": app, "status_label": app.get_status_display(), "reason": app.reason,
            "priority_label": PRIORITY_WORDS.get(app.priority, ""), "referral_label": app.get_referral_display()
            if app.referral else ""}


@login_required
def staff_home(request):
    residences = selectors.residences_managed(request.user, may_manage=services.may_manage)
    if not residences and not services.is_city_staff(request.user):
        raise Http404
    return render(request, "housing/staff_home.html", {
        "residences": residences, "city_staff": services.is_city_staff(request.user),
        "may_shelter": has_role(request.user, "rescue", "admin")})


def _staff_tabs(residence, current: str) -> list[dict]:
    pages = [("staff-day", _("Today")), ("staff-calendar", _("Occupancy")), ("staff-queue", _("To review"))]
    return [{"href": reverse(f"housing:{name}", args=[residence.pk]), "label": label, "current": name == current}
            for name, label in pages]


ADVICE_STATIONS = 8  # the employment stations nearest the residence offered for job advice


def _advice_places(residence):
    """The service center(s) and the employment stations nearest the residence."""
    here = (residence.place.lat, residence.place.lon)
    centres, _n = places_selectors.places_search(kind="service_center", near=here, limit=3)
    stations, _count = places_selectors.places_search(kind="employment_station", near=here, limit=ADVICE_STATIONS)
    return [h.place for h in centres + stations]


def _advice_form(residence, sheet, data=None):
    guests = [(a.pk, _staff_row(a, _day())["applicant"] or _("guest %(n)s") % {"n": a.pk})
              for a in sheet["arrivals"] + sheet["staying"]]
    return AdviceForm(data, places=_advice_places(residence), guests=guests)


@login_required
def staff_day(request, pk: int):
    residence = _managed_or_404(request, pk)
    day = _day()
    sheet = selectors.day_sheet(pk, day)
    code = request.GET.get("code", "")[:6]
    leaving = {a.pk for a in sheet["leaving"]}
    # The guests' reasons are on these rows: each staff view of them is on the audit log.
    audit_log(actor=request.user, action="housing.day_sheet.read", obj=residence, ip=client_ip(request))
    return render(request, "housing/staff_day.html", {
        "residence": residence, "day": day, "staff_tabs": _staff_tabs(residence, "staff-day"),
        "code_form": CodeForm(initial={"code": code} if code.isascii() and code.isdigit() else None),
        "arrivals": [_staff_row(a, day) for a in sheet["arrivals"]],
        "staying": [{**_staff_row(a, day), "leaving": a.pk in leaving, "extend_form": ExtendForm(prefix=f"e{a.pk}")}
                    for a in sheet["staying"]],
        "advice_form": _advice_form(residence, sheet) if sheet["arrivals"] or sheet["staying"] else None,
        "dirty": sheet["dirty"],
        "appeals": [_staff_row(a, day) for a in selectors.appeals_pending(pk)],
        "may_shelter": has_role(request.user, "rescue", "admin")})


@login_required
def staff_calendar(request, pk: int):
    residence = _managed_or_404(request, pk)
    day = _day()
    nights = [{"night": n, "held": held, "beds": beds, "free": max(0, beds - held)}
              for n, held, beds in selectors.occupancy(pk, day, CALENDAR_DAYS)]
    return render(request, "housing/staff_calendar.html", {
        "residence": residence, "nights": nights, "day": day, "staff_tabs": _staff_tabs(residence, "staff-calendar")})


@login_required
def staff_queue(request, pk: int):
    residence = _managed_or_404(request, pk)
    day = _day()
    audit_log(actor=request.user, action="housing.queue.read", obj=residence, ip=client_ip(request))
    here = {a.pk: a for a in selectors.queue_at(residence)}
    days = []
    for night, _group in groupby(sorted(here.values(), key=lambda a: a.check_in), key=lambda a: a.check_in):
        # The day's published order (priority, then the committed-seed draw), kept to this residence.
        ordered = [here[a.pk] for a in selectors.review_order(night) if a.pk in here]
        days.append({"night": night, "draw": selectors.draw_of(night), "past": night < day,
                     "rows": [{**_staff_row(a, day), "reject_form": RejectForm(prefix=f"r{a.pk}")} for a in ordered]})
    return render(request, "housing/staff_queue.html", {
        "residence": residence, "days": days, "day": day, "staff_tabs": _staff_tabs(residence, "staff-queue"),
        "city_staff": services.is_city_staff(request.user)})


def _first_error(form) -> str:
    """A refused small form's first problem, with its field's label: "Add nights: At most 30 nights." """
    name, errors = next(iter(form.errors.items()))
    label = form.fields[name].label if name in form.fields else ""
    return f"{label}: {errors[0]}" if label else errors[0]


STAFF_ACTIONS = ("check-in", "check-in-code", "check-out", "extend", "cleaned", "allocate", "reject",
                 "allocate-day", "uphold", "refuse", "advice")


@login_required_for_action
@require_POST
def staff_action(request, pk: int, action: str):
    if action not in STAFF_ACTIONS:
        raise Http404
    residence = _managed_or_404(request, pk)
    app_id = posted_id(request, "app_id") or 0
    back = redirect("housing:staff-queue" if request.POST.get("back") == "queue" else "housing:staff-day", pk=pk)
    by = request.user
    if action == "check-in":
        run_service(request, services.check_in, _("Checked in. Welcome them!"), app_id=app_id, by=by)
    elif action == "check-in-code":
        form = CodeForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Type the six digits the guest shows you."))
        else:
            run_service(request, services.check_in, _("Checked in. Welcome them!"), code=form.cleaned_data["code"],
                        residence_id=pk, by=by)
    elif action == "check-out":
        if request.POST.get("sure") != "yes":  # one tap must not send the wrong guest away: ask first
            app = selectors.application_for(by, app_id, may_manage=services.may_manage)
            if app is None or app.residence_id != residence.pk:
                raise Http404
            return render(request, "housing/checkout_confirm.html", {"residence": residence,
                                                                     "r": _staff_row(app, _day())})
        run_service(request, services.check_out, _("Checked out. The bed waits for cleaning."), app_id=app_id, by=by)
    elif action == "extend":
        form = ExtendForm(request.POST, prefix=f"e{app_id}")
        if not form.is_valid():
            messages.error(request, _first_error(form))
        else:
            run_service(request, services.extend, _("Stay extended. The guest has been told."), app_id=app_id,
                        by=by, nights=form.cleaned_data["nights"], note=form.cleaned_data["note"])
    elif action == "cleaned":
        run_service(request, services.bed_cleaned, _("Bed marked clean."), bed_id=posted_id(request, "bed_id") or 0,
                    by=by)
    elif action == "allocate":
        run_service(request, services.allocate, _("Bed given. The person has been told."), app_id=app_id, by=by)
    elif action == "reject":
        form = RejectForm(request.POST, prefix=f"r{app_id}")
        if not form.is_valid():
            messages.error(request, _("Say why, in a few words: the person is told."))
        else:
            run_service(request, services.reject, _("Request turned down. The person has been told."),
                        app_id=app_id, by=by, note=form.cleaned_data["note"])
    elif action == "allocate-day":
        try:
            night = datetime.date.fromisoformat(request.POST.get("night", ""))
        except ValueError:
            raise Http404 from None
        given = run_service(request, services.allocate_in_order, "", night=night, by=by)
        if given is not None:
            messages.success(request, _("%(n)s requests got a bed, in the published order.") % {"n": len(given)})
    elif action in ("uphold", "refuse"):
        run_service(request, services.appeal_decide, _("Decided. The guest has been told."), app_id=app_id, by=by,
                    uphold=action == "uphold")
    elif action == "advice":
        form = _advice_form(residence, selectors.day_sheet(pk, _day()), request.POST)
        if not form.is_valid():
            messages.error(request, _("Choose the guest, a day, a time and an employment station."))
        else:
            run_service(request, services.advice_book, _("Job advice booked. The guest has been told."),
                        app_id=form.cleaned_data["app_id"], by=by, at=form.cleaned_data["at"],
                        place_id=form.cleaned_data["place_id"])
    return back


@login_required
def shelter(request):
    """The rescue station places the person or family of an emergency case in a bed tonight."""
    if not has_role(request.user, "rescue", "admin"):
        raise Http404
    rows = selectors.residences_search(night=_day())
    case = request.GET.get("case", "")
    form = ShelterForm(request.POST or None, residences=rows, initial={"case_id": case} if plain_id(case) else None)
    if request.method == "POST" and form.is_valid():
        try:
            app = services.shelter(by=request.user, **form.service_args())
        except DomainError as exc:
            form_errors_from(form, exc, rename={"sex": "who", "case_id": "case_id"})
        else:
            messages.success(request, _("A bed is kept from tonight at %(place)s, %(nights)s nights. The residence "
                                        "checks them in from today's arrivals.")
                             % {"place": app.residence.place.name, "nights": app.nights})
            return redirect("housing:staff-day", pk=app.residence_id)
    return render(request, "housing/shelter.html", {"form": form})
