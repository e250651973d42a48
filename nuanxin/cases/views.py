"""Pages: 求助 (ask for help), my requests, and for staff the queue and the case page."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from nuanxin.accounts.choices import STAFF_ROLES
from nuanxin.cases import presenters, selectors, services
from nuanxin.cases.choices import TRANSITIONS, CaseType, state_label
from nuanxin.cases.forms import HelpForm, NoteForm, TransitionForm
from nuanxin.cases.models import Case
from nuanxin.core.audit import client_ip
from nuanxin.core.errors import Conflict, DomainError, NotFound
from nuanxin.core.pages import login_required_for_action, refusal_text
from nuanxin.core.permissions import user_roles

HELP_DRAFT = "help_draft"  # a request written before signing in, kept in the session


def ask_for_help(request):
    """Open to everyone: the emergency numbers are at the top, and a signed-out person writes
    their request first, signs in with the SMS code, and finds it ready to send."""
    draft = request.session.get(HELP_DRAFT) if request.user.is_authenticated else None
    form = HelpForm(request.POST or None, initial=draft or None)
    if request.method == "POST" and form.is_valid():
        if not request.user.is_authenticated:
            request.session[HELP_DRAFT] = form.cleaned_data
            messages.info(request, _("Sign in with your phone number to send it: your request is kept."))
            return redirect_to_login(reverse("cases:help"))
        try:
            case = services.case_open(by=request.user, **form.cleaned_data)
        except DomainError as exc:
            form.add_error(None, str(exc.message))
        else:
            request.session.pop(HELP_DRAFT, None)
            messages.success(request, _received_text(case))
            return redirect("cases:mine")
    return render(request, "cases/help.html", {"form": form, "draft": bool(draft)})


def _received_text(case: Case) -> str:
    when = timezone.localtime(case.first_response_due).strftime("%H:%M")
    if case.type == CaseType.EMERGENCY:
        return _("Received: request %(n)d. The rescue station calls you by %(when)s at the latest (within 2 hours). "
                 "In danger right now, call 110.") % {"n": case.pk, "when": when}
    return _("Received. Your request number is %(n)d.") % {"n": case.pk}


@login_required
def my_requests(request):
    return render(request, "cases/mine.html", {"cases": selectors.cases_of_applicant(request.user)})


@login_required
def export_mine(request):
    """The applicant's own case history as a JSON download (PIPL: a copy of one's own data)."""
    from django.http import JsonResponse

    response = JsonResponse(presenters.cases_export(request.user),
                            json_dumps_params={"ensure_ascii": False, "default": str})
    response["Content-Disposition"] = 'attachment; filename="my-requests.json"'
    return response


@login_required_for_action
@require_POST
def rate(request, pk: int):
    try:
        score = int(request.POST.get("score", ""))
    except ValueError:
        score = 0
    if 1 <= score <= 5:
        try:
            services.case_rate(case_id=pk, by=request.user, score=score)
        except DomainError as exc:
            messages.error(request, str(exc.message))
        else:
            messages.success(request, _("Thank you for telling us."))
    return redirect("cases:case-detail", pk=pk)


@login_required
def queue(request):
    if not user_roles(request.user) & STAFF_ROLES:
        return redirect("cases:mine")
    cases, escalated = selectors.staff_queue(request.user)
    for c in cases + escalated:
        c.state_text = state_label(c.state, staff=True)
    return render(request, "cases/queue.html", {"cases": cases, "escalated": escalated})


@login_required
def case_page(request, pk: int):
    try:
        case = services.case_read(case_id=pk, by=request.user, ip=client_ip(request))
    except DomainError:
        raise Http404 from None
    staff = services.is_team_staff(request.user, case.team)
    form = TransitionForm()
    form.fields["to"].choices = [(s, state_label(s, staff=True)) for s in TRANSITIONS.get(case.state, ())]
    return render(request, "cases/case.html", {
        "case": case, "staff": staff, "state": state_label(case.state, staff=staff),
        "history": _history(case) if staff else [], "notes": selectors.notes_visible(case, request.user),
        "transition_form": form, "note_form": NoteForm(),
    })


def _history(case: Case) -> list[dict]:
    """The case's history rows in words ("received", "from … to …"), never the state codes."""
    rows = []
    for e in selectors.case_events(case):
        if e.kind == "opened":
            text = _("Request received")
        elif e.kind == "escalation":
            text = _("Deadline missed: escalated")
        else:
            text = _("Moved from “%(a)s” to “%(b)s”") % {"a": state_label(e.from_state, staff=True),
                                                         "b": state_label(e.to_state, staff=True)}
        by = (e.actor.name or e.actor.username or e.actor.phone_masked) if e.actor_id else ""
        rows.append({"at": e.at, "text": text, "by": by, "note": e.note})
    return rows


class TelRedirect(HttpResponseRedirect):
    allowed_schemes = ["tel"]


@login_required
def call(request, pk: int):
    """Click-to-call: the page shows 138****1234; this link logs the call (audit) and hands
    the phone the full number, which never appears on a page."""
    try:
        number = services.phone_to_call(case_id=pk, by=request.user, ip=client_ip(request))
    except NotFound:
        raise Http404 from None
    except DomainError as exc:
        messages.error(request, str(exc.message))
        return redirect("cases:case-detail", pk=pk)
    response = TelRedirect(f"tel:{number}")
    response["Cache-Control"] = "no-store"
    return response


@login_required_for_action
@require_POST
def transition(request, pk: int):
    form = TransitionForm(request.POST)
    if form.is_valid():
        d = form.cleaned_data
        try:
            services.case_transition(case_id=pk, by=request.user, to=d["to"], note=d["note"],
                                     reason=d["reason"] or None, referred_to=d["referred_to"], consent=d["consent"])
        except Conflict as exc:  # its fields name the allowed moves in codes, for the API
            messages.error(request, str(exc.message))
        except DomainError as exc:
            messages.error(request, refusal_text(exc))
        else:
            messages.success(request, _("Saved."))
    return redirect("cases:case-detail", pk=pk)


@login_required_for_action
@require_POST
def note(request, pk: int):
    form = NoteForm(request.POST)
    if form.is_valid():
        try:
            n = services.note_add(case_id=pk, by=request.user, **form.cleaned_data)
        except DomainError as exc:
            messages.error(request, str(exc.message))
        else:
            messages.success(request, _("Saved as a staff-only note.") if n.internal else _("Sent."))
    return redirect("cases:case-detail", pk=pk)
