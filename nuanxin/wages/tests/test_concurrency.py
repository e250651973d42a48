"""20 concurrent payouts against one balance never overdraw it (real threads, real database)."""

import threading

import pytest
from django.db import connections

from nuanxin.conftest import ApiClient
from nuanxin.wages import ledger
from nuanxin.wages.choices import AccountKind
from nuanxin.wages.selectors import balance, ledger_problems
from nuanxin.wages.tests.factories import give_real_name

pytestmark = pytest.mark.django_db(transaction=True)


def test_concurrent_payouts_never_overdraw(make_user, client_for):
    user = give_real_name(make_user("worker"), "李娜")
    me = client_for(user)
    me.put("/api/v1/me/payout-account", {"kind": "alipay", "number": "13812345678", "holder": "李娜"})
    ledger.transfer(key="wage-1", kind="wage", source=ledger.account(AccountKind.WORLD),
                    target=ledger.account(AccountKind.WORKER_AVAILABLE, user), amount_fen=10000)
    barrier = threading.Barrier(20)
    results, lock = [], threading.Lock()

    def pay(i):
        try:
            client = ApiClient(token=me.token)
            barrier.wait(timeout=30)
            r = client.post("/api/v1/wallet/payouts", {"amount_fen": 3000, "idempotency_key": f"k{i}"})
            with lock:
                results.append(r.status_code)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=pay, args=(i,)) for i in range(20)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert sorted(results) == [201] * 3 + [409] * 17
    assert balance(AccountKind.WORKER_AVAILABLE, user) == 1000
    assert ledger_problems() == []


def test_postgres_refuses_an_unbalanced_transaction_at_commit(make_user):
    from django.db import DatabaseError, connection, transaction

    from nuanxin.wages.models import Entry, LedgerTransaction

    if connection.vendor != "postgresql":
        pytest.skip("the deferred balance trigger exists on PostgreSQL; SQLite relies on the service")
    acc = ledger.account(AccountKind.WORLD)
    with pytest.raises(DatabaseError, match="does not balance"), transaction.atomic():
        tx = LedgerTransaction.objects.create(idempotency_key="raw", payload_hash="x", kind="raw")
        Entry.objects.create(transaction=tx, account=acc, amount_fen=5)
    assert not LedgerTransaction.objects.filter(idempotency_key="raw").exists()
