"""Pages for bookings: offerings with places left, my bookings and children, the organiser's
roll with the draw. Every action is a plain form POST, so it all works without JavaScript."""

import datetime

import segno
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from nuanxin.accounts import selectors as accounts_selectors
from nuanxin.accounts import services as accounts
from nuanxin.accounts.choices import ConsentPurpose
from nuanxin.bookings import presenters, selectors, services
from nuanxin.bookings.choices import Kind, Status
from nuanxin.bookings.forms import AppealForm, ChildForm, CodeForm, DrawForm
from nuanxin.core.errors import DomainError
from nuanxin.core.masking import mask_name
from nuanxin.core.pages import (
    form_errors_from,
    login_required_for_action,
    posted_id,
    refusal_text,
    run_service,
)
from nuanxin.core.permissions import has_role

DAYS_SHOWN = 7  # the list shows a week of sessions per offering; the offering page shows all


def _my_children(request):
    if not request.user.is_authenticated:
        return []
    return accounts_selectors.children_of(request.user)


def offering_list(request):
    kind = request.GET.get("kind") if request.GET.get("kind") in Kind.values else None
    until = timezone.now() + datetime.timedelta(days=DAYS_SHOWN)
    offerings = list(selectors.offerings(kind=kind, sessions_until=until)[:50])
    return render(request, "bookings/list.html", {
        "offerings": offerings, "kind": kind, "kinds": Kind.choices, "now": timezone.now(),
        "children": _my_children(request)})


def offering_page(request, pk: int):
    offering = selectors.offering(pk)
    if offering is None:
        raise Http404
    return render(request, "bookings/offering.html", {
        "offering": offering, "now": timezone.now(), "children": _my_children(request)})


@login_required_for_action
@require_POST
def enroll(request, session_id: int):
    child_id = posted_id(request, "child_id")
    e = run_service(request, services.enroll, "", session_id=session_id, user=request.user, child_id=child_id)
    if e is not None:
        text = {Status.CONFIRMED: _("Booked. We sent you a message with the details."),
                Status.WAITLISTED: _("Full for now: you are on the waiting list. We will tell you if a place frees up."),
                Status.REGISTERED: _("You are in the draw. Everyone registered before the close has the same chance.")}
        messages.success(request, text[e.status])
        return redirect("bookings:mine")
    offering_id = selectors.offering_id_of_session(session_id)
    return redirect("bookings:offering", pk=offering_id) if offering_id else redirect("bookings:list")


def _row(e, positions: dict, now) -> dict:
    refusal = services.cancel_refusal(e, now)
    # Once the session has begun there is nothing left to cancel on the page (a place on the
    # waiting list is moot); before, the button shows exactly when the service would accept.
    started = e.session.start <= now
    return {"e": e, "position": positions.get(e.pk), "can_cancel": refusal is None and not started,
            "cancel_closed": refusal.message if refusal is not None and refusal.code == "cancel_closed"
            and not started else "",
            "appeal_form": AppealForm(prefix=f"a{e.pk}")}


@login_required
def mine(request):
    rows = list(selectors.enrollments_of(request.user)[:100])
    positions = selectors.waitlist_positions(rows)
    now = timezone.now()
    priority = services.priority_of(request.user, Kind.NIGHT_SCHOOL, now)
    return render(request, "bookings/mine.html", {
        "rows": [_row(e, positions, now) for e in rows],
        "priority": priority, "now": now})


@login_required_for_action
@require_POST
def enrollment_action(request, pk: int, action: str):
    if action == "cancel":
        e = selectors.enrollment_of(request.user, pk)
        if e is not None and e.is_scarce() and request.POST.get("sure") != "yes":
            # A place others are waiting for: the first button only asks (no JavaScript needed).
            return render(request, "bookings/cancel_confirm.html", {"e": e})
        run_service(request, services.enrollment_cancel, _("Booking cancelled."),
            enrollment_id=pk, user=request.user)
    elif action == "confirm":
        run_service(request, services.offer_confirm, _("Confirmed: the place is yours."), enrollment_id=pk, user=request.user)
    elif action == "appeal":
        form = AppealForm(request.POST, prefix=f"a{pk}")
        if form.is_valid():
            run_service(request, services.appeal, _("Appeal sent. The organiser will decide."), enrollment_id=pk,
                user=request.user, text=form.cleaned_data["text"])
        else:
            messages.error(request, _("Say what happened."))
    else:
        raise Http404
    return redirect("bookings:mine")


@login_required
def check_in(request, session_id: int):
    """The QR code at the class or desk opens this page; the code comes in the link."""
    e = selectors.enrollment_in_session(request.user, session_id)
    form = CodeForm(request.POST or None, initial={"code": request.GET.get("code", "")[:10]})
    if request.method == "POST" and form.is_valid():
        if e is None:
            messages.error(request, _("You have no booking for this session."))
        elif run_service(request, services.check_in, _("Checked in. Welcome!"), enrollment_id=e.pk, user=request.user,
                 code=form.cleaned_data["code"]):
            return redirect("bookings:mine")
    return render(request, "bookings/check_in.html", {"e": e, "form": form, "session_id": session_id})


@login_required
def children(request):
    form = ChildForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        child = run_service(request, accounts.child_add, _("Child added."), parent=request.user, name=data["name"],
                    birth_date=data["birth_date"], grade=data["grade"], id_number=data["id_number"])
        if child is not None and data["consent"]:
            accounts.consent_give(parent=request.user, child_id=child.pk, purpose=ConsentPurpose.SUMMER_CARE)
        if child is not None:
            return redirect("bookings:children")
    kids = [{"child": c, "name": mask_name(c.name), "consented": accounts.has_consent(c, ConsentPurpose.SUMMER_CARE)}
            for c in _my_children(request)]
    return render(request, "bookings/children.html", {"form": form, "kids": kids})


@login_required_for_action
@require_POST
def consent(request, child_id: int, action: str):
    if action == "give":
        run_service(request, accounts.consent_give, _("Consent recorded."), parent=request.user, child_id=child_id,
            purpose=ConsentPurpose.SUMMER_CARE)
    elif action == "withdraw":
        run_service(request, accounts.consent_withdraw, _("Consent withdrawn: no new enrolments for this child."),
            parent=request.user, child_id=child_id, purpose=ConsentPurpose.SUMMER_CARE)
    else:
        raise Http404
    return redirect("bookings:children")


@login_required
def organise(request):
    """The organiser's (or teacher's) sessions of the coming weeks."""
    if not has_role(request.user, *services.ORGANISER_ROLES, "teacher"):
        raise Http404
    now = timezone.now()
    sessions = selectors.sessions_organised_by(request.user, now, everyone=has_role(request.user, "admin"))
    volunteer = selectors.volunteer_of(request.user)
    served = selectors.volunteer_hours([volunteer], now)[volunteer.pk] if volunteer else None
    return render(request, "bookings/organise.html", {"sessions": sessions, "now": now,
                                                      "served": served})


@login_required
def roll(request, session_id: int):
    try:
        session = services.managed_session(session_id, request.user, teacher_ok=True)
    except DomainError:
        raise Http404 from None
    session = selectors.session_with_counts(session.pk)
    rows = services.roll_read(session=session, by=request.user)
    url = request.build_absolute_uri(reverse("bookings:check-in", args=[session.pk])) + f"?code={session.checkin_code}"
    qr = segno.make(url, error="m").svg_inline(scale=5, title=_("Check-in QR code"))
    rows = [{**presenters.roll_row(e), "status_label": e.get_status_display(),
             "appeal_label": e.get_appeal_status_display()} for e in rows]
    return render(request, "bookings/roll.html", {
        "session": session, "rows": rows, "qr": qr,
        "draw": presenters.draw_out(session), "now": timezone.now()})


@login_required_for_action
@require_POST
def roll_action(request, session_id: int, action: str):
    if action == "draw":
        return _draw(request, session_id)
    if action == "close":
        n = run_service(request, services.roll_close, "", session_id=session_id, by=request.user)
        if n is not None:
            messages.success(request, _("Roll closed: %(n)s no-shows recorded.") % {"n": n})
    elif action in ("present", "absent"):
        run_service(request, services.attendance_mark, "", session_id=session_id,
                    enrollment_id=posted_id(request, "enrollment_id") or 0, by=request.user,
                    present=action == "present")
    elif action in ("accept", "reject"):
        run_service(request, services.appeal_decide, _("Decided."),
                    enrollment_id=posted_id(request, "enrollment_id") or 0, by=request.user,
                    accept=action == "accept")
    else:
        raise Http404
    return redirect("bookings:roll", session_id=session_id)


def _draw(request, session_id: int):
    """现在抽签 in two steps: the roll's button shows what will happen (and, before
    registration closes, asks why it closes early); only the second POST draws."""
    try:
        services.managed_session(session_id, request.user)
    except DomainError:
        raise Http404 from None
    session = selectors.session_with_counts(session_id)
    if session.drawn_at is not None:
        messages.info(request, _("This session has been drawn already."))
        return redirect("bookings:roll", session_id=session_id)
    now = timezone.now()
    still_open = now < session.closes_at
    sure = request.POST.get("sure") == "yes"
    form = DrawForm(request.POST if sure else None, reason_needed=still_open)
    if sure and form.is_valid():
        try:
            services.session_draw(session_id=session_id, by=request.user, now=now,
                                  close_early_reason=form.cleaned_data.get("reason", ""))
        except DomainError as exc:
            if "reason" in form.fields:
                form_errors_from(form, exc, rename={"close_early_reason": "reason"})
            else:
                messages.error(request, refusal_text(exc))
                return redirect("bookings:roll", session_id=session_id)
        else:
            messages.success(request, _("Drawn. Everyone has been told the result."))
            return redirect("bookings:roll", session_id=session_id)
    return render(request, "bookings/draw_confirm.html", {
        "session": session, "form": form, "still_open": still_open,
        "entries": selectors.draw_entries_count(session), "now": now})


def draws_explained(request):
    """How a draw is fair and how anyone can check one, in plain words (the commands are in
    docs/bookings.md, for people who want to re-run a draw themselves)."""
    return render(request, "bookings/draws_explained.html")
