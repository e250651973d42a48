"""Wallet pages: balance and history for workers and employers, payouts, deposits to the city's
escrow account, the payout account, statements."""

import csv
import io
import uuid
from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from nuanxin.accounts.choices import Role
from nuanxin.accounts.devices import current_device
from nuanxin.accounts.selectors import real_name_of
from nuanxin.core.audit import client_ip
from nuanxin.core.errors import DomainError
from nuanxin.core.pages import form_errors_from, login_required_for_action, run_service
from nuanxin.core.permissions import has_role
from nuanxin.wages import references, selectors, services
from nuanxin.wages.forms import DepositForm, PayoutAccountForm, PayoutForm
from nuanxin.wages.gateways import receiving_account
from nuanxin.wages.presenters import history_out, kind_label

AMOUNT = {"amount_fen": "amount_yuan"}  # the services' field name → the forms'


def _wallet_page(request, *, payout_form=None, deposit_form=None):
    """The wallet, with a refused form shown again with its errors (or fresh forms)."""
    user = request.user
    fresh = {"key": uuid.uuid4().hex}
    account = selectors.payout_account_of(user)
    return render(request, "wages/wallet.html", {
        **selectors.wallet_of(user, limit=0),
        "history": [history_out(line, html=True) for line in selectors.wallet_history(user, limit=100)],
        "is_employer": user.employers.exists(),
        "payout_account": account,
        "payout_account_label": account and selectors.payout_account_label(account.kind, account.number_masked),
        "payout_form": payout_form or PayoutForm(initial=fresh, auto_id="payout-%s"),
        "deposit_form": deposit_form or DepositForm(initial=fresh, auto_id="deposit-%s"),
        "deposits": selectors.deposits_of(user),
        "receiving": receiving_account(),
    })


@login_required
def wallet(request):
    return _wallet_page(request)


@login_required
def payout(request):
    if request.method != "POST":  # a reload of the page a refused form left, or the elder switch
        return redirect("wages:wallet")
    form = PayoutForm(request.POST, auto_id="payout-%s")
    if form.is_valid():
        try:
            services.payout_request(user=request.user, amount_fen=form.cleaned_data["amount_yuan"],
                                    idempotency_key=form.cleaned_data["key"])
        except DomainError as exc:
            form_errors_from(form, exc, rename=AMOUNT)
        else:
            messages.success(request, _("Payout requested. It usually arrives within one working day."))
            return redirect("wages:wallet")
    return _wallet_page(request, payout_form=form)


@login_required
def deposit(request):
    if request.method != "POST":  # a reload of the page a refused form left, or the elder switch
        return redirect("wages:wallet")
    form = DepositForm(request.POST, auto_id="deposit-%s")
    if form.is_valid():
        try:
            d = services.deposit_create(by=request.user, amount_fen=form.cleaned_data["amount_yuan"],
                                        idempotency_key=form.cleaned_data["key"])
        except DomainError as exc:
            form_errors_from(form, exc, rename=AMOUNT)
        else:
            messages.success(request, _("Deposit noted. Transfer the money by bank to the account shown, with the "
                                        "reference %(ref)s; it stays listed below until staff confirm it.")
                             % {"ref": d.gateway_ref})
            return redirect("wages:wallet")
    return _wallet_page(request, deposit_form=form)


@login_required
def payout_account(request):
    """Add, replace (the same form) or remove the worker's payout account, in their real name."""
    user = request.user
    real_name = real_name_of(user)
    current = selectors.payout_account_of(user)
    initial = {"holder": real_name or ""} | ({"kind": current.kind} if current else {})
    form = PayoutAccountForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            acc = services.payout_account_set(user=user, ip=client_ip(request), keep_device=current_device(request),
                                              **form.cleaned_data)
        except DomainError as exc:
            form_errors_from(form, exc)
        else:
            messages.success(request, _("Saved. Money you take out now goes to %(account)s.")
                             % {"account": selectors.payout_account_label(acc.kind, acc.number_masked)})
            return redirect("wages:wallet")
    return render(request, "wages/payout_account.html", {
        "form": form, "real_name": real_name, "is_worker": has_role(user, Role.WORKER), "current": current,
        "current_label": current and selectors.payout_account_label(current.kind, current.number_masked),
    })


@login_required_for_action
@require_POST
def payout_account_remove(request):
    run_service(request, services.payout_account_remove,
                _("Payout account removed. Add one again before you take money out."),
                user=request.user, ip=client_ip(request), keep_device=current_device(request))
    return redirect("wages:payout-account")


def _yuan_text(fen: int) -> str:
    """-1234 → "-12.34": a statement's number column, in integers only."""
    whole, cents = divmod(abs(fen), 100)
    return f"{'-' if fen < 0 else ''}{whole}.{cents:02d}"


def _statement_rows(user):
    entries = selectors.wallet_of(user, limit=100_000)["entries"]
    subjects = references.describe({e["reference"] for e in entries})
    rows = []
    for e in entries:
        subject = subjects.get(e["reference"])
        rows.append([timezone.localtime(e["at"]).strftime("%Y-%m-%d %H:%M"), kind_label(e["kind"]),
                     e["account"], _yuan_text(e["amount_fen"]), e["reference"], subject.title if subject else ""])
    return [_("time"), _("what"), _("account"), _("amount (yuan)"), _("reference"), _("about")], rows


@login_required
def statement(request, fmt: str):
    if fmt not in ("csv", "xlsx"):
        # Unknown formats are not served as something else under their name (issue 16).
        raise Http404
    header, rows = _statement_rows(request.user)
    if fmt == "csv":
        out = io.StringIO()
        out.write("\ufeff")  # so that Excel in China opens UTF-8 CSV correctly
        writer = csv.writer(out)
        writer.writerow(header)
        writer.writerows(rows)
        response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
    else:
        from openpyxl import Workbook

        book = Workbook()
        sheet = book.active
        sheet.append(header)
        for row in rows:
            sheet.append([*row[:3], Decimal(row[3]), *row[4:]])
            sheet.cell(row=sheet.max_row, column=4).number_format = "0.00"
        out = io.BytesIO()
        book.save(out)
        response = HttpResponse(out.getvalue(),
                                content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = f'attachment; filename="nuanxin-statement.{fmt}"'
    return response
