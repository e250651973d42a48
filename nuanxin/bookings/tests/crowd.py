"""A crowd hitting one session at once, as threads or as separate processes.

Each member uses the API with its own token and its own database connection. Processes are
started with "spawn" (a clean interpreter, no inherited sockets or pool threads) and pointed
at the test database by name.
"""

import os
import threading
import time

CROWD, SEATS, CANCELS, LATECOMERS = 200, 30, 10, 20


def _request(token: str, method: str, path: str, body: dict | None = None) -> tuple[int, str]:
    from django.db import connections

    from nuanxin.conftest import ApiClient

    try:
        client = ApiClient(token=token)
        r = client.post(path, body) if method == "POST" else client.delete(path)
        body = r.json()
        return r.status_code, body.get("status") or body.get("error", {}).get("code") or "ok"
    finally:
        connections.close_all()


def run_threads(jobs: list[tuple[str, str, str]]) -> list[tuple[int, str]]:
    """jobs: (token, method, path[, JSON body]). All threads start together at a barrier."""
    barrier = threading.Barrier(len(jobs))
    results: list = [None] * len(jobs)

    def go(i, job):
        barrier.wait(timeout=60)
        results[i] = _request(*job)

    threads = [threading.Thread(target=go, args=(i, job)) for i, job in enumerate(jobs)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=300)
    return results


# --- one round of the no-oversell check, whatever runs the crowd ---------------------------------


def new_session(place, n):
    from django.utils import timezone

    from nuanxin.bookings.models import Offering, Session
    from nuanxin.bookings.tests.factories import HOUR

    offering = Offering.objects.create(kind="night_school", title=f"街舞 第{n}期", place=place)
    now = timezone.now()
    return Session.objects.create(offering=offering, start=now + 48 * HOUR, end=now + 50 * HOUR,
                                  capacity=SEATS, opens_at=now - HOUR, closes_at=now + 24 * HOUR)


def check_round(run, people, place, n):
    """One crowd round: 200 enrol for 30 seats, then 10 cancel while 20 newcomers enrol.
    (Django imports inside: spawned processes import this module before Django is set up.)"""
    from django.utils import timezone

    from nuanxin.accounts.models import InboxMessage
    from nuanxin.bookings.models import Enrollment

    session = new_session(place, n)
    crowd_people, latecomers = people[:CROWD], people[CROWD:]
    path = f"/api/v1/sessions/{session.pk}/enrollments"
    results = run([(token, "POST", path) for _u, token in crowd_people])
    assert len(results) == CROWD and all(r is not None for r in results)
    assert results.count((201, "confirmed")) == SEATS, results
    assert results.count((201, "waitlisted")) == CROWD - SEATS, results
    session.refresh_from_db()
    assert session.taken == SEATS
    assert Enrollment.objects.filter(session=session, status="confirmed").count() == SEATS
    # Ticket numbers 1..200 in this session: each handed out once, none skipped.
    tickets = sorted(Enrollment.objects.filter(session=session).values_list("ticket", flat=True))
    assert tickets == list(range(1, CROWD + 1)), tickets

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
    tickets = sorted(Enrollment.objects.filter(session=session).values_list("ticket", flat=True))
    assert tickets == list(range(1, CROWD + LATECOMERS + 1)), tickets


# --- processes ---------------------------------------------------------------------------------


def _init_process(db_name: str) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nuanxin.settings")
    # 40 processes × 2 pooled connections stay under PostgreSQL's default 100; a process's
    # threads take turns on its two, as a gunicorn worker's would.
    os.environ["NUANXIN_DB_POOL_MIN"] = "1"
    os.environ["NUANXIN_DB_POOL_MAX"] = "2"
    import django
    from django.conf import settings

    django.setup()
    settings.DATABASES["default"]["NAME"] = db_name
    settings.NUANXIN_SMS_BACKEND = "nuanxin.accounts.sms.LocmemSmsBackend"


def _process_batch(args) -> list[tuple[int, str]]:
    """This process's share of the crowd, each job in its own thread, all starting at start_at
    (so every request of every process is in flight at once)."""
    start_at, jobs = args
    results: list = [None] * len(jobs)

    def go(i, job):
        time.sleep(max(0.0, start_at - time.time()))
        results[i] = _request(*job)

    threads = [threading.Thread(target=go, args=(i, job)) for i, job in enumerate(jobs)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=300)
    return results


class ProcessCrowd:
    """A pool of long-lived processes (starting Django 40 times takes a while, so it is reused)."""

    def __init__(self, processes: int, db_name: str):
        import multiprocessing

        self.size = processes
        self.pool = multiprocessing.get_context("spawn").Pool(processes, _init_process, (db_name,))
        self.pool.map(_process_batch, [(0, [])] * processes, chunksize=1)  # warm every process

    def run(self, jobs: list[tuple[str, str, str]]) -> list[tuple[int, str]]:
        batches = [jobs[i::self.size] for i in range(self.size)]
        start_at = time.time() + 0.5
        out = []
        for part in self.pool.map(_process_batch, [(start_at, b) for b in batches], chunksize=1):
            out.extend(part)
        return out

    def close(self):
        self.pool.close()
        self.pool.join()
