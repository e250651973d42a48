"""Pages of the gig market: find, apply, my shifts with check-in; the employer's dashboard."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.forms import formset_factory
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from nuanxin.core import geo, geocoding
from nuanxin.core.errors import DomainError
from nuanxin.core.money import format_yuan, whole_yuan_to_fen
from nuanxin.core.pages import form_errors_from, login_required_for_action, run_service
from nuanxin.core.paging import list_url, paged
from nuanxin.core.towns import TOWN_CENTRES
from nuanxin.core.validators import plain_id
from nuanxin.gigs import pay, selectors, services
from nuanxin.gigs.choices import ApplicationStatus, GigSort
from nuanxin.gigs.forms import (
    ConfirmForm,
    DisputeForm,
    GigPostForm,
    GigSearchForm,
    PresenceForm,
    ReportForm,
    ShiftRowForm,
)

ShiftRows = formset_factory(ShiftRowForm, extra=3, max_num=10)


GIGS_PER_PAGE = 20
# The filters every page and order link keeps (the page number is added by core.paging).
GIG_FILTERS = ("q", "town", "lat", "lon", "category", "date", "min_pay_yuan", "sort")
SORT_SAYS = {
    GigSort.DISTANCE: _lazy("Nearest first."),
    GigSort.PAY: _lazy("Best paid first: the whole pay for one shift, not the hourly rate."),
    GigSort.START: _lazy("Soonest start first."),
}


def gig_list(request):
    form = GigSearchForm(request.GET or None)
    form.is_valid()  # a bad field is shown beside it; the good ones still filter
    data = getattr(form, "cleaned_data", {}) if form.is_bound else {}
    near = form.near(data)
    asked = data.get("sort") or ""
    sort = asked if asked and (asked != GigSort.DISTANCE or near) else (GigSort.DISTANCE if near else GigSort.START)
    hits, pager = paged(request, lambda limit, offset: selectors.gigs_search(
        q=data.get("q"), near=near, category=data.get("category") or None, date=data.get("date"),
        min_pay_fen=whole_yuan_to_fen(data.get("min_pay_yuan")) or None, sort=sort, limit=limit, offset=offset,
    ), size=GIGS_PER_PAGE, keep=GIG_FILTERS)
    sorts = [{"value": value, "label": label, "current": value == sort,
              "url": list_url(pager.query, sort=value)}
             for value, label in GigSort.choices if value != GigSort.DISTANCE or near]
    return render(request, "gigs/list.html", {
        "form": form, "hits": hits, "pager": pager, "sorts": sorts, "sort_says": SORT_SAYS[sort],
        "distance_needs_place": asked == GigSort.DISTANCE and not near,
    })


MAP_SIZE = 30  # pins: a town's worth, and a page that stays light on weak signal


def gig_map(request):
    """The gig search as pins over an ordered list: the list works when the map cannot."""
    form = GigSearchForm(request.GET or None)
    data = form.cleaned_data if form.is_bound and form.is_valid() else {}
    hits, count = selectors.gigs_search(
        q=data.get("q"), near=form.near(), category=data.get("category") or None, date=data.get("date"),
        min_pay_fen=whole_yuan_to_fen(data.get("min_pay_yuan")) or None, limit=MAP_SIZE,
    )
    return render(request, "gigs/map.html", {"form": form, "hits": hits, "count": count})


def gig_page(request, pk: int):
    gig = selectors.gig_visible(pk, request.user)
    if gig is None:
        raise Http404
    mine = {}
    if request.user.is_authenticated:
        mine = {a.shift_id: a for a in selectors.applications_of_worker(request.user, gig=gig)}
    now = timezone.now()
    shifts = [{"shift": s, "mine": mine.get(s.pk), "past": s.start <= now} for s in gig.all_shifts
              if not s.cancelled_at]
    return render(request, "gigs/gig.html", {"gig": gig, "shifts": shifts, "report_form": ReportForm(),
                                             "nav_url": geo.amap_marker_url(gig.lat, gig.lon, gig.address)})


@login_required_for_action
@require_POST
def apply(request, shift_id: int):
    app = run_service(request, services.application_apply, "", shift_id=shift_id, worker=request.user)
    if app is not None:  # one message that says what happened: hired at once, or waiting for the employer
        messages.success(request, _("You have the place: see My shifts.") if app.status == ApplicationStatus.ACCEPTED
                         else _("Applied. We will tell you when the employer decides."))
    gig_id = selectors.gig_id_of_shift(shift_id)
    return redirect("gigs:gig-detail", pk=gig_id) if gig_id else redirect("gigs:list")


@login_required_for_action
@require_POST
def report(request, pk: int):
    form = ReportForm(request.POST)
    if form.is_valid():
        run_service(request, services.gig_report, _("Thank you. Staff will look at it."), gig_id=pk, by=request.user,
            **form.cleaned_data)
    return redirect("gigs:gig-detail", pk=pk)


@login_required
def my_shifts(request):
    apps = list(selectors.applications_of_worker(request.user))
    now = timezone.now()
    rows = [{"app": a, "can_check_in": a.status == ApplicationStatus.ACCEPTED and a.shift.start - services.CHECKIN_EARLY <= now <= a.shift.end,
             "can_check_out": a.status == ApplicationStatus.CHECKED_IN,
             "can_cancel": a.status in (ApplicationStatus.PENDING, ApplicationStatus.ACCEPTED),
             "can_dispute": a.can_dispute(now),
             "booked_minutes": pay.booked_minutes(a.shift), "recorded_minutes": pay.recorded_minutes(a)}
            for a in apps]
    return render(request, "gigs/mine.html", {
        "rows": rows, "presence": PresenceForm(), "dispute_form": DisputeForm(),
        "records": selectors.worker_reliability(request.user),
    })


@login_required_for_action
@require_POST
def accept_hours(request, application_id: int):
    run_service(request, services.contest_accept, _("Done: the held part goes back to the employer."),
                application_id=application_id, worker=request.user)
    return redirect("gigs:mine")


@login_required_for_action
@require_POST
def dispute(request, application_id: int):
    form = DisputeForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Say in a few words what is wrong, so the legal aid team can help."))
        return redirect("gigs:mine")
    case = run_service(request, services.application_dispute, "", application_id=application_id, by=request.user,
                       text=form.cleaned_data["text"])
    if case is not None:
        messages.success(request, _("Your dispute is with the legal aid team (case %(ref)s). The held wage stays "
                                    "held until they decide; they will call you.") % {"ref": case.pk})
    return redirect("gigs:mine")


@login_required_for_action
@require_POST
def presence(request, application_id: int, action: str):
    if action not in ("in", "out"):
        raise Http404
    form = PresenceForm(request.POST)
    if form.is_valid():
        d = form.cleaned_data
        fn = services.check_in if action == "in" else services.check_out
        run_service(request, fn, _("Checked in.") if action == "in" else _("Checked out. Thank you!"),
            application_id=application_id, worker=request.user, lat=d["lat"], lon=d["lon"],
            accuracy_m=d["accuracy_m"], code=d["code"] or None)
    else:  # a code too long, or a location the phone garbled: say so rather than nothing
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
    return redirect("gigs:mine")


@login_required_for_action
@require_POST
def cancel(request, application_id: int):
    run_service(request, services.application_cancel, _("Cancelled."), application_id=application_id,
        worker=request.user, reason=request.POST.get("reason", "")[:200])
    return redirect("gigs:mine")


# --- employers ----------------------------------------------------------------------------------


@login_required
def dashboard(request):
    return render(request, "gigs/dashboard.html", {"gigs": selectors.gigs_of_employer(request.user)})


@login_required
def post_gig(request):
    form = GigPostForm(request.POST or None)
    rows = ShiftRows(request.POST or None, prefix="shift")
    if request.method == "POST" and form.is_valid() and rows.is_valid():
        shifts, row_error = [], None
        for row in rows:
            try:
                shift = row.as_shift()
            except Exception as exc:  # noqa: BLE001 - a ValidationError from the row
                row_error = exc
                break
            if shift:
                shifts.append(shift)
        if row_error is not None:
            form.add_error(None, " ".join(getattr(row_error, "messages", [str(row_error)])))
        else:
            d = form.cleaned_data
            point = d["point"]
            data = {**{k: d[k] for k in ("title", "category", "description", "address", "pay_unit", "instant",
                                          "same_day_pay")},
                    "lat": point.lat, "lon": point.lon, "geofence_m": services.checkin_radius_m(point.precision_m),
                    "pay_fen": d["pay_yuan"],
                    "skills": [s.strip() for s in d["skills"].replace("，", ",").split(",") if s.strip()][:10],
                    "shifts": shifts}
            try:
                gig = services.gig_create(by=request.user, data=data)
            except DomainError as exc:
                form_errors_from(form, exc)
            else:
                messages.success(request, _("Saved as a draft. Publish it when you are ready."))
                return redirect("gigs:manage", pk=gig.pk)
    return render(request, "gigs/post.html", {"form": form, "rows": rows, "map_places": _map_places()})


def _map_places() -> dict:
    """Town centres and landmarks for the posting page's map (WGS-84; map.js shifts them)."""
    return {"city": list(settings.NUANXIN_CITY_CENTRE),
            "towns": {t: list(p) for t, p in TOWN_CENTRES.items()},
            "landmarks": {lm.key: [lm.lat, lm.lon, lm.town] for lm in geocoding.landmarks()}}


@login_required
def manage(request, pk: int):
    gig = selectors.gig_of_employer(request.user, pk)
    if gig is None:
        raise Http404
    apps = selectors.applications_for_employer(request.user, pk)
    return render(request, "gigs/manage.html", {"gig": gig, "apps": apps, "confirm_form": ConfirmForm(),
                                                "nav_url": geo.amap_marker_url(gig.lat, gig.lon, gig.address)})


@login_required_for_action
@require_POST
def gig_action(request, pk: int, action: str):
    actions = {"publish": services.gig_publish, "close": services.gig_close, "autofill": services.gig_autofill}
    if action not in actions:
        raise Http404
    result = run_service(request, actions[action], "", gig_id=pk, by=request.user)
    if result is not None:
        messages.success(request, _gig_action_done(action, result))
    return redirect("gigs:manage", pk=pk)


def _gig_action_done(action: str, result) -> str:
    """What the employer's button did, with the figures: the escrow publishing holds, the
    places auto-fill filled."""
    if action == "publish":
        fen, places = selectors.escrow_of_gig(result.pk)
        return ngettext("Published: %(yuan)s of wages is held in escrow for %(n)d place.",
                        "Published: %(yuan)s of wages is held in escrow for %(n)d places.",
                        places) % {"yuan": format_yuan(fen), "n": places}
    if action == "autofill":
        if not result:
            return _("Auto-fill found no one who fits the open places yet; try again later.")
        return ngettext("Auto-fill filled %(n)d place.", "Auto-fill filled %(n)d places.",
                        len(result)) % {"n": len(result)}
    return _("Closed.")


@login_required_for_action
@require_POST
def application_action(request, application_id: int, action: str):
    actions = {
        "accept": (services.application_accept, _("Accepted.")),
        "reject": (services.application_reject, _("Rejected.")),
        "no-show": (services.application_no_show, _("Marked as not come.")),
    }
    kwargs = {"application_id": application_id, "by": request.user}
    if action == "confirm":
        form = ConfirmForm(request.POST)
        if not form.is_valid():
            messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
            result = None
        else:
            result = run_service(request, services.application_confirm, _("Confirmed: the wage is paid."),
                                 minutes=form.minutes(), approve_extra=form.cleaned_data["approve_extra"],
                                 reason=form.cleaned_data["reason"], **kwargs)
            if result is not None and result.contested_fen:
                messages.info(request, _("%(held)s stays held for 72 hours: the worker accepts the fewer hours "
                                         "or disputes them.") % {"held": format_yuan(result.contested_fen)})
    elif action in actions:
        fn, done = actions[action]
        result = run_service(request, fn, done, **kwargs)
    else:
        raise Http404
    gig_id = result.shift.gig_id if result is not None else request.POST.get("gig")
    gig_id = plain_id(gig_id)
    return redirect("gigs:manage", pk=gig_id) if gig_id else redirect("gigs:dashboard")
