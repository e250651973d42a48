"""No oversell under a crowd: 200 enrolments at once for 30 places give exactly 30 confirmed
and 170 waitlisted, every time over many repeats (8 in `make test`, 50 in `make soak`);
cancellations racing new enrolments promote exactly one waiting person each, in waiting-list
order.

Threads on every backend; on PostgreSQL also 40 separate processes with 5 threads each, so
all 200 requests are in flight at once across processes (SQLite's file database is shared
by threads just the same). nuanxin/tests/test_two_servers.py does it again through two
gunicorn servers.
"""

import os

import pytest
from django.db import connection

from nuanxin.accounts import services as accounts
from nuanxin.bookings.models import Enrollment, Offering
from nuanxin.bookings.tests import crowd
from nuanxin.bookings.tests.factories import verify_worker

pytestmark = pytest.mark.django_db(transaction=True)

# Each round is 200 requests at once; `make test` runs 8 rounds per backend (a third of the
# suite's PostgreSQL time went to 20), `make soak` runs 50 (NUANXIN_CROWD_REPEATS).
REPEATS = int(os.environ.get("NUANXIN_CROWD_REPEATS", "8"))


@pytest.fixture
def people(make_user):
    users = [verify_worker(make_user("worker")) for _ in range(crowd.CROWD + crowd.LATECOMERS)]
    return [(u, accounts.token_issue(user=u)) for u in users]


def test_threads_never_oversell(people, make_place):
    place = make_place(kind="school")
    for n in range(REPEATS):
        crowd.check_round(crowd.run_threads, people, place, n)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="separate processes: the PostgreSQL run")
def test_processes_never_oversell(people, make_place):
    place = make_place(kind="school")
    pool = crowd.ProcessCrowd(40, connection.settings_dict["NAME"])
    try:
        for n in range(REPEATS):
            crowd.check_round(pool.run, people, place, n)
    finally:
        pool.close()


def test_entries_racing_the_draw_are_either_in_it_or_refused(people, make_place, make_user):
    """100 people register for a lottery while the organiser closes registration early and
    draws: nobody is left 'registered' outside the draw, the published entries are exactly the
    drawn ones, and their ticket numbers are 1..n in the session."""
    organiser = make_user("organiser", username="race-organiser")
    place = make_place(kind="school")
    session = crowd.new_session(place, "race")
    Offering.objects.filter(pk=session.offering_id).update(mode="lottery")
    session.offering.organisers.add(organiser)
    path = f"/api/v1/sessions/{session.pk}/enrollments"
    for _u, token in people[:20]:  # some are in before the crowd arrives
        crowd._request(token, "POST", path)
    jobs = [(token, "POST", path) for _u, token in people[20:120]]
    jobs.insert(50, (accounts.token_issue(user=organiser), "POST", f"/api/v1/sessions/{session.pk}/draw",
                     {"close_early_reason": "名额已报满三倍，提前抽签"}))
    results = crowd.run_threads(jobs)
    assert results.pop(50) == (200, "ok")  # the draw
    assert set(results) <= {(201, "registered"), (409, "window_closed")}, set(results)
    session.refresh_from_db()
    assert session.drawn_at is not None
    assert not Enrollment.objects.filter(session=session, status="registered").exists()
    drawn = {e["ticket"] for e in session.draw_entries}
    assert drawn == set(Enrollment.objects.filter(session=session).values_list("ticket", flat=True))
    assert sorted(drawn) == list(range(1, len(drawn) + 1))
    assert Enrollment.objects.filter(session=session, status="offered").count() == min(crowd.SEATS, len(drawn))
