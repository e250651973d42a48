"""Approval raced from many threads pays once (real threads, real database: SQLite queues the
writers, PostgreSQL locks the grant's row)."""

import io
import threading

import pytest
from django.core.management import call_command
from django.db import connections

from nuanxin.conftest import ApiClient
from nuanxin.grants.models import Grant, GrantHistory
from nuanxin.wages.choices import AccountKind
from nuanxin.wages.models import LedgerTransaction
from nuanxin.wages.selectors import balance, charity_fund_balance

pytestmark = pytest.mark.django_db(transaction=True)


def test_approvals_racing_from_threads_pay_once(make_user, client_for, advisors, admin_user, applicant, open_case,
                                                donate):
    donate(1_000_000)
    chen = client_for(advisors[0])
    case = open_case()
    grant = chen.post(f"/api/v1/cases/{case.pk}/grants", {"amount_fen": 300_000, "purpose": "医药费"}).json()
    tokens = [client_for(u).token for u in (advisors[1], admin_user)] * 4  # two approvers, four taps each
    barrier = threading.Barrier(len(tokens))
    results, lock = [], threading.Lock()

    def approve(token):
        try:
            client = ApiClient(token=token)
            barrier.wait(timeout=30)
            r = client.post(f"/api/v1/grants/{grant['id']}/approve")
            with lock:
                results.append((r.status_code, r.json().get("status")))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=approve, args=(t,)) for t in tokens]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert results == [(200, "paid")] * len(tokens)
    assert balance(AccountKind.WORKER_AVAILABLE, applicant) == 300_000
    assert charity_fund_balance() == 700_000
    assert LedgerTransaction.objects.filter(kind="charity_grant").count() == 1
    assert GrantHistory.objects.filter(grant_id=grant["id"], to_status="paid").count() == 1
    assert Grant.objects.get(pk=grant["id"]).status == "paid"
    call_command("wages_audit", stdout=io.StringIO())  # raises CommandError on any broken invariant
