"""Wallet API: deposits confirmed by staff, payouts, idempotency, masking."""

import pytest
from django.core.management import call_command
from django.db import connection

from nuanxin.wages import ledger
from nuanxin.wages.choices import AccountKind
from nuanxin.wages.models import LedgerTransaction
from nuanxin.wages.tests.factories import give_real_name

pytestmark = pytest.mark.django_db


def fund_worker(user, amount_fen: int) -> None:
    """Wages that arrived for a worker (the gig settlement will post these)."""
    ledger.transfer(key=f"test-wage-{user.pk}-{amount_fen}", kind="wage", source=ledger.account(AccountKind.WORLD),
                    target=ledger.account(AccountKind.WORKER_AVAILABLE, user), amount_fen=amount_fen)


def test_deposit_is_pending_until_staff_confirm_and_retries_move_money_once(make_user, client_for):
    from nuanxin.accounts.models import Employer

    boss_user = make_user("employer")
    assert client_for(boss_user).post("/api/v1/wallet/deposits", {"amount_fen": 1, "idempotency_key": "x"}
                                      ).json()["error"]["code"] == "not_an_employer"
    org = Employer.objects.create(name="淳华科技(昆山)有限公司", uscc="91320583MA1MA1MA1R", contact_name="钱",
                                  contact_phone="13900000001", status="verified")
    org.contacts.add(boss_user)
    boss = client_for(boss_user)
    bodies = [boss.post("/api/v1/wallet/deposits", {"amount_fen": 500000, "idempotency_key": "d-1"}) for _ in range(5)]
    assert {r.status_code for r in bodies} == {201} and len({r.json()["id"] for r in bodies}) == 1
    assert bodies[0].json()["status"] == "pending"
    other = boss.post("/api/v1/wallet/deposits", {"amount_fen": 1, "idempotency_key": "d-1"})
    assert other.status_code == 409 and other.json()["error"]["code"] == "idempotency_conflict"
    assert boss.get("/api/v1/wallet").json()["available_fen"] == 0
    dep = bodies[0].json()["id"]
    assert boss.post(f"/api/v1/wallet/deposits/{dep}/confirm").status_code == 403
    admin = client_for(make_user("admin", username="root"))
    for _ in range(3):
        assert admin.post(f"/api/v1/wallet/deposits/{dep}/confirm").json()["status"] == "confirmed"
    assert boss.get("/api/v1/wallet").json()["available_fen"] == 500000
    assert LedgerTransaction.objects.filter(kind="deposit").count() == 1
    call_command("wages_audit", stdout=__import__("io").StringIO())


def test_payouts_need_an_account_and_a_balance_and_are_idempotent(make_user, client_for):
    user = give_real_name(make_user("worker"), "李娜")  # an account only in one's own real name
    me = client_for(user)
    r = me.post("/api/v1/wallet/payouts", {"amount_fen": 100, "idempotency_key": "p-1"})
    assert r.status_code == 409 and r.json()["error"]["code"] == "no_payout_account"
    acc = me.put("/api/v1/me/payout-account", {"kind": "bank_card", "number": "6222 0212 3456 7894", "holder": "李娜"})
    assert acc.json()["number_masked"].endswith("7894") and "6222" not in acc.json()["number_masked"]
    with connection.cursor() as cur:  # encrypted at rest: read the column raw
        cur.execute("SELECT number FROM wages_payoutaccount")
        assert "6222" not in str(cur.fetchall())
    r = me.post("/api/v1/wallet/payouts", {"amount_fen": 100, "idempotency_key": "p-1"})
    assert r.status_code == 409 and r.json()["error"]["code"] == "insufficient_funds"
    fund_worker(user, 30000)
    for _ in range(4):
        r = me.post("/api/v1/wallet/payouts", {"amount_fen": 20000, "idempotency_key": "p-2"})
        assert r.status_code == 201
    assert me.get("/api/v1/wallet").json()["available_fen"] == 10000


def test_audit_finds_a_broken_ledger(make_user):
    from django.core.management.base import CommandError

    from nuanxin.wages.models import Account

    fund_worker(make_user(), 100)
    Account.objects.filter(kind=AccountKind.WORKER_AVAILABLE).update(balance_fen=999)
    with pytest.raises(CommandError, match="balance 999"):
        call_command("wages_audit", stdout=__import__("io").StringIO())


def _pending_deposit(make_user, key):
    from nuanxin.accounts.models import Employer
    from nuanxin.wages import services

    user = make_user("employer")
    org = Employer.objects.create(name="店", uscc="91110000600037341L", contact_name="x", contact_phone="13900000001",
                                  status="verified")
    org.contacts.add(user)
    return org, services.deposit_create(by=user, amount_fen=7000, idempotency_key=key)


def test_gateway_callback_is_signed_and_replayable(make_user, client_for, settings):
    import json

    from nuanxin.wages.gateways import SignedCallbackGateway
    from nuanxin.wages.selectors import balance

    settings.NUANXIN_PAYMENT_GATEWAY, settings.NUANXIN_GATEWAY_SECRET = "signed", "gw-shared-secret-0123456789"
    org, deposit = _pending_deposit(make_user, "gw-1")
    body = json.dumps({"deposit_id": deposit.pk, "status": "paid"}).encode()
    api = client_for(make_user())
    bad = api.post("/api/v1/wallet/gateway/callback", json.loads(body), HTTP_X_NUANXIN_SIGNATURE="0" * 64)
    assert bad.status_code == 403
    # Signed with the site's SECRET_KEY instead of the gateway's secret: refused too.
    import hashlib
    import hmac

    forged = hmac.new(settings.SECRET_KEY.encode(), body, hashlib.sha256).hexdigest()
    assert api.post("/api/v1/wallet/gateway/callback", json.loads(body),
                    HTTP_X_NUANXIN_SIGNATURE=forged).status_code == 403
    for _ in range(3):  # the gateway retries
        r = api.post("/api/v1/wallet/gateway/callback", json.loads(body),
                     HTTP_X_NUANXIN_SIGNATURE=SignedCallbackGateway.sign(body))
        assert r.status_code == 200 and r.json()["status"] == "confirmed"
    assert balance(AccountKind.EMPLOYER_AVAILABLE, org) == 7000


def test_the_offline_gateway_takes_no_callback(make_user, client_for, settings):
    """Issue 16: a callback signed with the (public) development key confirmed a pending
    1,000,000-yuan deposit. With the offline gateway no callback is taken, however signed."""
    import hashlib
    import hmac
    import json

    from nuanxin.wages.models import Deposit
    from nuanxin.wages.selectors import balance

    assert settings.NUANXIN_PAYMENT_GATEWAY == "offline"
    org, deposit = _pending_deposit(make_user, "gw-2")
    body = json.dumps({"deposit_id": deposit.pk, "status": "paid"}).encode()
    for key in (settings.SECRET_KEY, "dev-only-insecure-nuanxin-key-change-me", ""):
        signature = hmac.new(key.encode(), body, hashlib.sha256).hexdigest()
        r = client_for(make_user()).post("/api/v1/wallet/gateway/callback", json.loads(body),
                                         HTTP_X_NUANXIN_SIGNATURE=signature)
        assert r.status_code == 404 and r.json()["error"]["code"] == "gateway_off"
    assert Deposit.objects.get(pk=deposit.pk).status == "pending"
    assert balance(AccountKind.EMPLOYER_AVAILABLE, org) == 0
