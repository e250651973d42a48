import io

import pytest
from django.urls import reverse

from nuanxin.wages import ledger
from nuanxin.wages.choices import AccountKind
from nuanxin.wages.models import Payout
from nuanxin.wages.tests.factories import give_real_name

pytestmark = pytest.mark.django_db


def test_worker_wallet_page_shows_balance_and_pays_out_once(client, make_user, client_for):
    user = give_real_name(make_user(), "李娜")
    client_for(user).put("/api/v1/me/payout-account", {"kind": "wechat", "number": "wxid-12345678", "holder": "李娜"})
    ledger.transfer(key="w1", kind="wage", source=ledger.account(AccountKind.WORLD),
                    target=ledger.account(AccountKind.WORKER_AVAILABLE, user), amount_fen=12050)
    client.force_login(user)
    page = client.get(reverse("wages:wallet")).content.decode()
    assert "120.5" in page and "5678" in page and "wxid-1234" not in page
    for _ in range(2):  # a double tap on the button
        client.post(reverse("wages:payout"), {"amount_yuan": "100", "key": "form-1"})
    assert Payout.objects.filter(user=user).count() == 1
    r = client.post(reverse("wages:payout"), {"amount_yuan": "abc", "key": "form-2"}, follow=True)
    assert r.status_code == 200 and Payout.objects.count() == 1


def test_statements_as_csv_and_excel(client, make_user):
    from openpyxl import load_workbook

    user = make_user()
    ledger.transfer(key="w2", kind="wage", source=ledger.account(AccountKind.WORLD),
                    target=ledger.account(AccountKind.WORKER_AVAILABLE, user), amount_fen=9000)
    client.force_login(user)
    text = client.get(reverse("wages:statement", args=["csv"])).content.decode("utf-8-sig")
    assert "90.00" in text.splitlines()[1]
    book = load_workbook(io.BytesIO(client.get(reverse("wages:statement", args=["xlsx"])).content))
    assert book.active.cell(row=2, column=4).value == 90.0


def test_a_statement_in_an_unknown_format_is_not_found(client, make_user):
    """Issue 16: any format was served as Excel under its own name, even `x";a=b` in the name."""
    client.force_login(make_user())
    for fmt in ("pdf", "exe", 'csv";filename*=UTF-8\'\'evil.html', "XLSX"):
        r = client.get(f"/wallet/statement.{fmt}")
        assert r.status_code == 404 and "Content-Disposition" not in r, fmt
