"""The charity fund's doors (grants pays through them; the ledger knows nothing of grants):
donations in from the outside world by administrators only, payments out once per key, 409
fund_insufficient when short, and the wallet telling the money in words."""

import pytest

from nuanxin.core.errors import Conflict, PermissionDenied
from nuanxin.wages import services
from nuanxin.wages.choices import PLATFORM_KINDS, AccountKind
from nuanxin.wages.presenters import history_out
from nuanxin.wages.selectors import balance, charity_fund_balance, ledger_problems, wallet_history

pytestmark = pytest.mark.django_db


def test_donations_and_payments_move_once_per_key(make_user):
    assert AccountKind.CHARITY_FUND in PLATFORM_KINDS
    admin, worker = make_user("admin", username="fund-admin"), make_user("worker")
    with pytest.raises(PermissionDenied):
        services.charity_donation_record(by=make_user("advisor", username="adv"), amount_fen=100, key="d0")
    for _ in range(2):
        services.charity_donation_record(by=admin, amount_fen=50_000, key="d1", memo="昆山市慈善总会")
    assert charity_fund_balance() == 50_000
    with pytest.raises(Conflict) as refused:
        services.charity_pay(payee=worker, amount_fen=60_000, key="p1")
    assert refused.value.code == "fund_insufficient"
    for _ in range(2):
        services.charity_pay(payee=worker, amount_fen=30_000, key="p2", reference="some.thing:1")
    assert balance(AccountKind.WORKER_AVAILABLE, worker) == 30_000 and charity_fund_balance() == 20_000
    assert ledger_problems() == []
    lines = [history_out(line) for line in wallet_history(worker)]
    assert [(line["text"], line["amount_fen"]) for line in lines] == [("慈善救助金", 30_000)]
