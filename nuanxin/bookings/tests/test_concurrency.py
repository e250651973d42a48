"""No oversell under a crowd: 200 enrolments at once for 30 places give exactly 30 confirmed
and 170 waitlisted, every time over 20 repeats; cancellations racing new enrolments promote
exactly one waiting person each, in waiting-list order.

Threads on every backend; separate processes on PostgreSQL (SQLite's file database is
shared by threads just the same, and one machine's processes add nothing there).
"""

import pytest
from django.db import connection
from django.utils import timezone

from nuanxin.accounts import services as accounts
from nuanxin.accounts.models import InboxMessage
from nuanxin.bookings.models import Enrollment, Offering, Session
from nuanxin.bookings.tests import crowd
from nuanxin.bookings.tests.factories import HOUR, verify_worker

pytestmark = pytest.mark.django_db(transaction=True)

CROWD, SEATS, REPEATS, CANCELS, LATECOMERS = 200, 30, 20, 10, 20


@pytest.fixture
def people(make_user):
    users = [verify_worker(make_user("worker")) for _ in range(CROWD + LATECOMERS)]
    return [(u, accounts.token_issue(user=u)) for u in users]


def _session(place, n) -> Session:
    offering = Offering.objects.create(kind="night_school", title=f"街舞 第{n}期", place=place)
    now = timezone.now()
    return Session.objects.create(offering=offering, start=now + 48 * HOUR, end=now + 50 * HOUR,
                                  capacity=SEATS, opens_at=now - HOUR, closes_at=now + 24 * HOUR)


def _check_round(run, people, place, n):
    session = _session(place, n)
    crowd_people, latecomers = people[:CROWD], people[CROWD:]
    path = f"/api/v1/sessions/{session.pk}/enrollments"
    results = run([(token, "POST", path) for _u, token in crowd_people])
    assert len(results) == CROWD and all(r is not None for r in results)
    assert results.count((201, "confirmed")) == SEATS, results
    assert results.count((201, "waitlisted")) == CROWD - SEATS, results
    session.refresh_from_db()
    assert session.taken == SEATS
    assert Enrollment.objects.filter(session=session, status="confirmed").count() == SEATS

    # Cancellations under load: 10 seated people cancel while 20 newcomers enrol.
    waiting_order = list(Enrollment.objects.filter(session=session, status="waitlisted")
                         .order_by("pk").values_list("pk", flat=True))
    seated = list(Enrollment.objects.filter(session=session, status="confirmed")
                  .select_related("user").order_by("?")[:CANCELS])
    token_of = {u.pk: t for u, t in people}
    jobs = [(token_of[e.user_id], "DELETE", f"/api/v1/enrollments/{e.pk}") for e in seated]
    jobs += [(token, "POST", path) for _u, token in latecomers]
    before = timezone.now()
    results = run(jobs)
    assert results.count((200, "cancelled")) == CANCELS, results
    # The freed seats went to people already waiting, never to a newcomer.
    assert results.count((201, "waitlisted")) == LATECOMERS, results
    session.refresh_from_db()
    assert session.taken == SEATS
    promoted = set(Enrollment.objects.filter(session=session, status="confirmed")
                   .exclude(confirmed_at=None).values_list("pk", flat=True)) & set(waiting_order)
    assert sorted(promoted) == waiting_order[:CANCELS]
    told = list(InboxMessage.objects.filter(kind="booking.promoted", created_at__gte=before)
                .values_list("user_id", flat=True))
    promoted_users = Enrollment.objects.filter(pk__in=promoted).values_list("user_id", flat=True)
    assert sorted(told) == sorted(promoted_users)  # each promoted person told exactly once


def test_threads_never_oversell(people, make_place):
    place = make_place(kind="school")
    for n in range(REPEATS):
        _check_round(crowd.run_threads, people, place, n)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="separate processes: the PostgreSQL run")
def test_processes_never_oversell(people, make_place):
    place = make_place(kind="school")
    pool = crowd.ProcessCrowd(40, connection.settings_dict["NAME"])
    try:
        for n in range(REPEATS):
            _check_round(pool.run, people, place, n)
    finally:
        pool.close()


def test_entries_racing_the_draw_are_either_in_it_or_refused(people, make_place, make_user):
    """100 people register for a lottery while the organiser draws: nobody is left
    'registered' outside the draw, and the published entries are exactly the drawn ones."""
    organiser = make_user("organiser", username="race-organiser")
    place = make_place(kind="school")
    session = _session(place, "race")
    Offering.objects.filter(pk=session.offering_id).update(mode="lottery")
    session.offering.organisers.add(organiser)
    path = f"/api/v1/sessions/{session.pk}/enrollments"
    for _u, token in people[:20]:  # some are in before the crowd arrives
        crowd._request(token, "POST", path)
    jobs = [(token, "POST", path) for _u, token in people[20:120]]
    jobs.insert(50, (accounts.token_issue(user=organiser), "POST", f"/api/v1/sessions/{session.pk}/draw"))
    results = crowd.run_threads(jobs)
    assert results.pop(50) == (200, "ok")  # the draw
    assert set(results) <= {(201, "registered"), (409, "window_closed")}, set(results)
    session.refresh_from_db()
    assert session.drawn_at is not None
    assert not Enrollment.objects.filter(session=session, status="registered").exists()
    drawn = {e["ticket"] for e in session.draw_entries}
    assert drawn == set(Enrollment.objects.filter(session=session).values_list("pk", flat=True))
    assert Enrollment.objects.filter(session=session, status="offered").count() == min(SEATS, len(drawn))
