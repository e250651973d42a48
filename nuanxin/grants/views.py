"""Pages: staff propose a grant on a case (the case page's grants panel), a second staff
member approves it from the queue, officials read the fund."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from nuanxin.core.money import format_yuan
from nuanxin.core.pages import login_required_for_action, run_service, safe_next
from nuanxin.grants import selectors, services
from nuanxin.grants.choices import GrantStatus
from nuanxin.grants.forms import ProposeForm, RejectForm
from nuanxin.grants.presenters import grant_out


def _rows(grants, user) -> list[dict]:
    """Grants for a page: the presented fields, the grant itself, and what the viewer may do."""
    return [{**grant_out(g, user, history=False), "grant": g,
             "may_decide": g.status == "proposed" and services.may_decide(user, g),
             "mine": g.proposed_by_id == user.pk} for g in grants]


@login_required
def queue(request):
    """Proposals waiting for a second person, with approve and turn-down buttons."""
    if not selectors.may_read_fund(request.user):
        raise Http404
    return render(request, "grants/queue.html", {
        "waiting": _rows(selectors.grants_waiting(request.user), request.user),
        "fund": selectors.fund_summary(),
    })


@login_required
def fund(request):
    """The charity fund for officials: balance, donations, every grant."""
    if not selectors.may_read_fund(request.user):
        raise Http404
    return render(request, "grants/fund.html", {
        "fund": selectors.fund_summary(), "donations": selectors.donations(limit=100),
        "grants": _rows(selectors.grants_visible_to(request.user).select_related("proposed_by")[:300], request.user),
    })


@login_required
def grant_page(request, pk: int):
    grant = selectors.grant_for(request.user, pk)
    if grant is None:
        raise Http404
    row = _rows([grant], request.user)[0]
    return render(request, "grants/grant.html", {
        "g": row, "history": [{**h, "status_text": GrantStatus(h["status"]).label, "by_text": _by_text(h["by"])}
                              for h in grant_out(grant, request.user)["history"]],
        "staff_view": selectors.may_read_fund(request.user),
        # The second pair of eyes checks the request and who proposed: the case's team sees both,
        # and what the request has had already.
        "team_view": services.may_decide(request.user, grant),
        "proposer": grant.proposed_by.name or grant.proposed_by.username,
        "paid_before_fen": selectors.paid_on_case(grant.case_id, besides=grant.pk),
    })


def _by_text(by: str) -> str:
    return {"you": _("you"), "system": _("the system")}.get(by, _("staff"))


@login_required_for_action
@require_POST
def propose(request, case_pk: int):
    back = redirect("cases:case-detail", pk=case_pk)
    form = ProposeForm(request.POST)
    form.fields["kind"].required = False
    if not form.is_valid():
        for errors in form.errors.values():
            messages.error(request, " ".join(str(e) for e in errors))
        return back
    d = form.cleaned_data
    grant = run_service(request, services.grant_propose, "", case_id=case_pk, by=request.user,
                        amount_fen=d["amount_yuan"], purpose=d["purpose"], kind=d["kind"] or None,
                        idempotency_key=d["key"])
    if grant is not None:
        messages.success(request, _("Grant of %(amount)s proposed: it is paid when another staff member approves "
                                    "it.") % {"amount": format_yuan(grant.amount_fen)})
    return back


@login_required_for_action
@require_POST
def approve(request, pk: int):
    grant = run_service(request, services.grant_approve, "", grant_id=pk, by=request.user)
    if grant is not None:
        messages.success(request, _("Approved: %(amount)s paid into the applicant's wallet.")
                         % {"amount": format_yuan(grant.amount_fen)})
    return redirect(safe_next(request, fallback=reverse("grants:detail", args=[pk])))


@login_required_for_action
@require_POST
def reject(request, pk: int):
    form = RejectForm(request.POST)
    if form.is_valid():
        run_service(request, services.grant_reject, _("Turned down: nothing was paid."), grant_id=pk,
                    by=request.user, note=form.cleaned_data["note"])
    else:
        messages.error(request, _("Say why, for the record."))
    return redirect(safe_next(request, fallback=reverse("grants:detail", args=[pk])))
