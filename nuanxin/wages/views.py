"""Wallet pages: balance and movements for workers and employers, payouts, deposits, statements."""

import csv
import io
import uuid
from decimal import Decimal, InvalidOperation

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from nuanxin.core.errors import DomainError
from nuanxin.wages import selectors, services
from nuanxin.wages.models import PayoutAccount

KIND_LABELS = {
    "deposit": _("deposit"), "escrow_hold": _("held for a gig"), "escrow_settle": _("wage / settlement"),
    "payout": _("payout"), "payout_sent": _("payout sent"), "wage": _("wage"),
}


def _yuan_to_fen(raw: str) -> int | None:
    try:
        value = Decimal(raw.strip())
    except (InvalidOperation, AttributeError):
        return None
    fen = int(value * 100)
    return fen if fen > 0 and value * 100 == fen else None


@login_required
def wallet(request):
    data = selectors.wallet_of(request.user, limit=100)
    for e in data["entries"]:
        e["label"] = KIND_LABELS.get(e["kind"], e["kind"])
    return render(request, "wages/wallet.html", {
        **data, "payout_account": PayoutAccount.objects.filter(user=request.user).first(),
        "is_employer": request.user.employers.exists(), "form_key": uuid.uuid4().hex,
    })


def _money_form(request, action) -> None:
    """Read the amount in yuan and the form's idempotency key, call the service, say how it went."""
    fen = _yuan_to_fen(request.POST.get("amount_yuan", ""))
    if fen is None:
        messages.error(request, _("Enter an amount in yuan, e.g. 50 or 50.5."))
        return
    try:
        # The key comes with the form, so pressing the button twice moves money once.
        success = action(fen, request.POST.get("key", "")[:100])
    except DomainError as exc:
        messages.error(request, str(exc.message))
    else:
        messages.success(request, success)


@login_required
@require_POST
def payout(request):
    def act(fen, key):
        services.payout_request(user=request.user, amount_fen=fen, idempotency_key=key)
        return _("Payout requested. It usually arrives within one working day.")

    _money_form(request, act)
    return redirect("wages:wallet")


@login_required
@require_POST
def deposit(request):
    def act(fen, key):
        d = services.deposit_create(by=request.user, amount_fen=fen, idempotency_key=key)
        return _("Please transfer the money by bank with the reference %(ref)s; staff confirm it "
                 "when it arrives.") % {"ref": d.gateway_ref}

    _money_form(request, act)
    return redirect("wages:wallet")


def _statement_rows(user):
    rows = []
    for e in selectors.wallet_of(user, limit=100_000)["entries"]:
        rows.append([timezone.localtime(e["at"]).strftime("%Y-%m-%d %H:%M"), KIND_LABELS.get(e["kind"], e["kind"]),
                     e["account"], f"{e['amount_fen'] / 100:.2f}", e["reference"]])
    return [_("time"), _("what"), _("account"), _("amount (yuan)"), _("reference")], rows


@login_required
def statement(request, fmt: str):
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
            sheet.append([row[0], row[1], row[2], float(row[3]), row[4]])
        out = io.BytesIO()
        book.save(out)
        response = HttpResponse(out.getvalue(),
                                content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = f'attachment; filename="nuanxin-statement.{fmt}"'
    return response
