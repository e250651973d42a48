"""The bookings' work that runs itself (issue 12, item 5): a lottery session queues its draw for
the second its window closes; that draw, the minute sweep and a second worker at the same moment
draw a session once; a periodic job never runs on two workers at once. The tests' queue is
huey's immediate, in-memory one (settings.HUEY): nothing with a future eta runs by itself here;
nuanxin/tests/test_worker_process.py runs real workers."""

import datetime
import threading

import pytest
from django.db import connections
from django.utils import timezone
from huey.contrib.djhuey import HUEY
from huey.exceptions import TaskLockedException

from nuanxin.accounts.models import InboxMessage
from nuanxin.bookings import services, tasks
from nuanxin.bookings.models import Enrollment, Session
from nuanxin.core.timed import LOCK_TTL_SECONDS


def _draws_queued(session_id: int) -> list:
    return [t for t in HUEY.scheduled() if type(t) is type(tasks.draw_at_close.s(0)) and t.args == (session_id,)]


def _close_now(session_id: int) -> None:
    Session.objects.filter(pk=session_id).update(closes_at=timezone.now() - datetime.timedelta(seconds=1))


def _enrol(session_id: int, worker, n: int) -> list:
    people = [worker() for _ in range(n)]
    for p in people:
        services.enroll(session_id=session_id, user=p)
    return people


@pytest.mark.django_db
def test_a_lottery_session_queues_its_draw_for_the_second_its_window_closes(
        session, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        lottery = session(mode="lottery")
        first_come = session(mode="fcfs")
    queued = _draws_queued(lottery["id"])
    closes_at = Session.objects.get(pk=lottery["id"]).closes_at
    assert len(queued) == 1
    assert queued[0].eta == closes_at.astimezone(datetime.UTC).replace(tzinfo=None)  # huey keeps naive UTC
    assert _draws_queued(first_come["id"]) == []  # first come, first served: nothing to draw


@pytest.mark.django_db
def test_a_close_moved_in_the_admin_queues_the_draw_for_the_new_close(
        client, session, organiser, django_capture_on_commit_callbacks):
    _c, org, _p = organiser
    s = Session.objects.get(pk=session(mode="lottery")["id"])
    local = timezone.localtime
    new_close = local(s.start - datetime.timedelta(hours=3)).replace(microsecond=0)
    form = {"offering": s.offering_id, "label": "", "capacity": s.capacity,
            **{f"{f}_{i}": local(getattr(s, f)).strftime(("%Y-%m-%d", "%H:%M:%S")[i])
               for f in ("start", "end", "opens_at") for i in (0, 1)},
            "closes_at_0": new_close.strftime("%Y-%m-%d"), "closes_at_1": new_close.strftime("%H:%M:%S")}
    client.force_login(org)
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(f"/admin/bookings/session/{s.pk}/change/", form).status_code == 302
    etas = [t.eta for t in _draws_queued(s.pk)]
    assert new_close.astimezone(datetime.UTC).replace(tzinfo=None) in etas


@pytest.mark.django_db
def test_the_draw_at_close_waits_for_the_close_then_draws_once(session, worker):
    s = session(mode="lottery", capacity=2)
    people = _enrol(s["id"], worker, 3)
    tasks.draw_at_close.call_local(s["id"])  # delivered early (a clock ahead): nothing happens
    assert Session.objects.get(pk=s["id"]).drawn_at is None
    _close_now(s["id"])
    tasks.draw_at_close.call_local(s["id"])
    drawn = Session.objects.get(pk=s["id"])
    assert drawn.drawn_at is not None
    tasks.draw_at_close.call_local(s["id"])  # delivered twice, and the sweep after it
    assert services.draw_due() == 0
    assert Session.objects.get(pk=s["id"]).drawn_at == drawn.drawn_at
    for p in people:
        assert InboxMessage.objects.filter(user=p, kind="booking.lottery_result").count() == 1


@pytest.mark.django_db(transaction=True)
def test_workers_drawing_the_same_session_at_the_same_moment_draw_it_once(session, worker):
    """Four threads, each with its own database connection, run the draw at close and the sweep
    for one session at once: the session's row lock (PostgreSQL) or the IMMEDIATE transaction
    (SQLite) lets one draw, and the others find it drawn."""
    s = session(mode="lottery", capacity=2)
    people = _enrol(s["id"], worker, 5)
    _close_now(s["id"])
    barrier, errors, drew = threading.Barrier(4), [], []

    def go(i):
        try:
            barrier.wait(timeout=30)
            if i % 2:
                tasks.draw_at_close.call_local(s["id"])
            else:
                drew.append(services.draw_due())
        except Exception as e:  # reported below
            errors.append(e)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=go, args=(i,)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert errors == [] and sum(drew) <= 1  # the sweep says it drew only when it did
    drawn = Session.objects.get(pk=s["id"])
    assert drawn.drawn_at is not None and drawn.draw_places == 2 and len(drawn.draw_ranking) == 5
    assert sorted(Enrollment.objects.filter(session_id=s["id"]).values_list("status", flat=True)) == [
        "offered", "offered", "waitlisted", "waitlisted", "waitlisted"]
    assert Session.objects.get(pk=s["id"]).taken == 2
    for p in people:
        assert InboxMessage.objects.filter(user=p, kind="booking.lottery_result").count() == 1


@pytest.mark.django_db
def test_a_periodic_job_is_skipped_while_another_worker_runs_it():
    with HUEY.lock_task("bookings.timed_work", ttl=LOCK_TTL_SECONDS):  # another worker is in it
        with pytest.raises(TaskLockedException):
            tasks.timed_work.call_local()
    assert tasks.timed_work.call_local() == {"slots": 0, "drawn": 0, "expired": 0, "reminded": 0}
