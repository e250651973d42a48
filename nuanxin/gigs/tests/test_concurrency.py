"""50 workers apply at once to an instant-booking shift with 5 places: exactly 5 get one.

Real threads, each with its own database connection, against the configured database
(SQLite in WAL mode in a file, or PostgreSQL)."""

import threading

import pytest
from django.db import connections

from nuanxin.accounts import services as accounts
from nuanxin.conftest import ApiClient
from nuanxin.gigs.models import Application, Shift
from nuanxin.gigs.tests.factories import gig_payload

pytestmark = pytest.mark.django_db(transaction=True)

WORKERS = 50
PLACES = 5


def test_instant_booking_never_oversells(employer, make_user):
    boss, _user, _org = employer
    body = gig_payload(instant=True)
    body["shifts"][0]["headcount"] = PLACES
    gig = boss.post("/api/v1/gigs", body).json()
    boss.post(f"/api/v1/gigs/{gig['id']}/publish")
    shift_id = gig["shifts"][0]["id"]
    tokens = [accounts.token_issue(user=make_user("worker")) for _ in range(WORKERS)]

    barrier = threading.Barrier(WORKERS)
    results: list[tuple[int, str]] = []
    lock = threading.Lock()

    def apply(token):
        try:
            client = ApiClient(token=token)
            barrier.wait(timeout=30)
            r = client.post(f"/api/v1/shifts/{shift_id}/applications")
            body = r.json()
            outcome = body.get("status") or body["error"]["code"]
            with lock:
                results.append((r.status_code, outcome))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=apply, args=(t,)) for t in tokens]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)

    assert len(results) == WORKERS
    assert sorted(set(results)) == [(201, "accepted"), (409, "shift_full")]
    assert results.count((201, "accepted")) == PLACES
    assert Shift.objects.get(pk=shift_id).taken == PLACES
    assert Application.objects.filter(shift_id=shift_id, status="accepted").count() == PLACES
