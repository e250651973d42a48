"""Scale-out (ARCHITECTURE.md): two gunicorn servers on one PostgreSQL + Redis. Whichever
server a request reaches, a session is never oversold, cancellations promote exactly one
person each, and concurrent payouts never overdraw a wallet."""

import http.client
import json
import os
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from django.db import connection

from nuanxin.accounts import services as accounts
from nuanxin.bookings.tests.crowd import CROWD, LATECOMERS, check_round
from nuanxin.bookings.tests.factories import verify_worker
from nuanxin.wages import ledger
from nuanxin.wages.choices import AccountKind
from nuanxin.wages.selectors import balance, ledger_problems
from nuanxin.wages.tests.factories import give_real_name

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="scale-out runs on PostgreSQL (+ Redis)"),
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def servers():
    db = connection.settings_dict  # the test database, which this test's rows are committed to
    auth = db["USER"] + (f":{db['PASSWORD']}" if db.get("PASSWORD") else "")
    env = {**os.environ, "DATABASE_URL": f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}",
           "NUANXIN_TESTING": "1", "NUANXIN_SMS_BACKEND": "nuanxin.accounts.sms.LocmemSmsBackend",
           "NUANXIN_DB_POOL_MIN": "1", "NUANXIN_DB_POOL_MAX": "4"}
    gunicorn = str(Path(sys.executable).parent / "gunicorn")
    ports, procs = [_free_port(), _free_port()], []
    for port in ports:
        procs.append(subprocess.Popen([gunicorn, "nuanxin.wsgi:application", "--bind", f"127.0.0.1:{port}",  # noqa: S603
                                       "--workers", "2", "--log-level", "warning"], env=env))
    try:
        for port in ports:
            for _ in range(200):
                try:
                    c = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
                    c.request("GET", "/api/v1/health")
                    if c.getresponse().status == 200:
                        break
                except OSError:
                    time.sleep(0.1)
            else:
                pytest.fail(f"gunicorn on {port} did not start")
        yield ports
    finally:
        for p in procs:
            p.terminate()
            p.wait(20)


def _http_crowd(ports, jobs):
    """jobs: (token, method, path[, body]); job i goes to server i % 2; all start together."""
    barrier = threading.Barrier(len(jobs))
    results = [None] * len(jobs)

    def go(i, job):
        token, method, path, *body = job
        conn = http.client.HTTPConnection("127.0.0.1", ports[i % len(ports)], timeout=120)
        payload = json.dumps(body[0] if body else {})
        barrier.wait(timeout=60)
        conn.request(method, path, body=payload, headers={"Authorization": f"Bearer {token}",
                                                          "Content-Type": "application/json"})
        r = conn.getresponse()
        data = json.loads(r.read() or b"{}")
        results[i] = (r.status, data.get("status") or data.get("error", {}).get("code") or "ok")
        conn.close()

    threads = [threading.Thread(target=go, args=(i, job)) for i, job in enumerate(jobs)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=300)
    return results


def test_bookings_stay_right_across_two_servers(servers, make_user, make_place):
    people = [verify_worker(make_user("worker")) for _ in range(CROWD + LATECOMERS)]
    people = [(u, accounts.token_issue(user=u)) for u in people]
    place = make_place(kind="school")
    for n in range(3):
        check_round(lambda jobs: _http_crowd(servers, jobs), people, place, f"two-servers-{n}")


def test_payouts_never_overdraw_across_two_servers(servers, make_user, client_for):
    user = give_real_name(make_user("worker"), "李娜")  # payout accounts need the real name on file
    me = client_for(user)
    assert me.put("/api/v1/me/payout-account", {"kind": "alipay", "number": "13812345678",
                                               "holder": "李娜"}).status_code == 200
    ledger.transfer(key="wage-two-servers", kind="wage", source=ledger.account(AccountKind.WORLD),
                    target=ledger.account(AccountKind.WORKER_AVAILABLE, user), amount_fen=10000)
    jobs = [(me.token, "POST", "/api/v1/wallet/payouts", {"amount_fen": 3000, "idempotency_key": f"k{i}"})
            for i in range(20)]
    results = _http_crowd(servers, jobs)
    assert sorted(r[0] for r in results) == [201] * 3 + [409] * 17
    assert balance(AccountKind.WORKER_AVAILABLE, user) == 1000
    assert ledger_problems() == []
