"""Work that runs itself (issue 12): the web server and `manage.py worker` as separate processes
on one database (the SQLite file in the SQLite run; PostgreSQL + Redis when DATABASE_URL and
REDIS_URL are set). An organiser opens a lottery through the API whose window closes 20 seconds
later, people register, and the draw is published at the close without anyone running a
command. Two workers run at once, and the draw is also delivered three more times to be due at
the same second (every queue delivers twice sometimes): the session is drawn once."""

import datetime
import http.client
import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.utils import timezone
from django.utils.module_loading import import_string

from nuanxin.accounts import services as accounts
from nuanxin.accounts.models import InboxMessage
from nuanxin.bookings import tasks
from nuanxin.bookings.models import Enrollment, Session
from nuanxin.bookings.tests.factories import verify_worker

pytestmark = pytest.mark.django_db(transaction=True)

WINDOW = datetime.timedelta(seconds=20)
DRAW_RAN = re.compile(r"tasks\.draw_at_close: \S+ @[^\n]* executed in")
PROJECT = Path(settings.BASE_DIR)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _call(port, method, path, body=None, token=None):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    try:
        conn.request(method, path, body=json.dumps(body) if body is not None else None, headers=headers)
        r = conn.getresponse()
        return r.status, json.loads(r.read() or b"{}")
    finally:
        conn.close()


def _queue_env(tmp_path) -> dict:
    """The environment of the web server and the workers: this test's database, and a queue
    of its own (a fresh name; on the SQLite run, a fresh file), never immediate."""
    db = connection.settings_dict
    env = {**os.environ, "NUANXIN_TESTING": "1", "NUANXIN_HUEY_IMMEDIATE": "0",
           "NUANXIN_HUEY_NAME": f"worker-test-{uuid.uuid4().hex[:10]}",
           "NUANXIN_HUEY_PATH": str(tmp_path / "queue.sqlite3"),
           "NUANXIN_SMS_BACKEND": "nuanxin.accounts.sms.LocmemSmsBackend",
           "NUANXIN_DB_POOL_MIN": "1", "NUANXIN_DB_POOL_MAX": "4",
           "PYTHONPATH": os.pathsep.join([str(PROJECT), os.environ.get("PYTHONPATH", "")]).rstrip(os.pathsep),
           "LOG_LEVEL": "WARNING"}
    if connection.vendor == "postgresql":
        auth = db["USER"] + (f":{db['PASSWORD']}" if db.get("PASSWORD") else "")
        env["DATABASE_URL"] = f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
    else:
        env.pop("DATABASE_URL", None)
        env["NUANXIN_SQLITE_PATH"] = str(db["NAME"])
    return env


def _queue_of(env):
    """The same queue as the processes', seen from this test (whose own queue is immediate)."""
    cls = import_string(settings.HUEY["huey_class"])
    if settings.HUEY.get("url"):
        return cls(env["NUANXIN_HUEY_NAME"], url=settings.HUEY["url"], results=False)
    return cls(env["NUANXIN_HUEY_NAME"], filename=env["NUANXIN_HUEY_PATH"], results=False)


@pytest.fixture
def processes(tmp_path):
    """gunicorn on a free port and two `manage.py worker`s; stopped whatever happens."""
    env = _queue_env(tmp_path)
    port = _free_port()
    python = sys.executable
    gunicorn = str(Path(python).parent / "gunicorn")
    logs, procs = {}, []

    def start(name, argv):
        logs[name] = tmp_path / f"{name}.log"
        procs.append(subprocess.Popen(argv, cwd=PROJECT, env=env, stdout=logs[name].open("w"),  # noqa: S603
                                      stderr=subprocess.STDOUT, start_new_session=True))

    start("web", [gunicorn, "nuanxin.wsgi:application", "--bind", f"127.0.0.1:{port}", "--workers", "1",
                  "--log-level", "warning"])
    for n in (1, 2):
        start(f"worker{n}", [python, "manage.py", "worker", "--threads", "2"])

    def output(tail: int = 3000) -> str:
        return "\n".join(f"--- {name}\n{path.read_text()[-tail:]}" for name, path in logs.items())

    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if _call(port, "GET", "/api/v1/health")[0] == 200 and all(
                        "consumer started" in logs[f"worker{n}"].read_text() for n in (1, 2)):
                    break
            except OSError:
                pass
            if time.monotonic() > deadline or any(p.poll() is not None for p in procs):
                pytest.fail("the web server or a worker did not start\n" + output())
            time.sleep(0.2)
        yield {"port": port, "env": env, "output": output}
    finally:
        for p in procs:
            if p.poll() is None:
                os.killpg(p.pid, signal.SIGINT)  # a worker stops gracefully on SIGINT
        for p in procs:
            try:
                p.wait(15)
            except subprocess.TimeoutExpired:
                os.killpg(p.pid, signal.SIGKILL)
                p.wait(5)
        queue = _queue_of(env)
        queue.flush()


def test_a_lottery_draws_itself_at_its_close_once_with_two_workers(processes, make_user, make_place):
    port = processes["port"]
    organiser = make_user("organiser", username="worker-test-organiser")
    org = accounts.token_issue(user=organiser)
    place = make_place(kind="school")
    status, offering = _call(port, "POST", "/api/v1/offerings", {
        "kind": "night_school", "title": "咖啡师技能", "mode": "lottery", "place_id": place.pk}, org)
    assert status == 201, offering
    now = timezone.now()
    closes_at = now + WINDOW
    status, s = _call(port, "POST", f"/api/v1/offerings/{offering['id']}/sessions", {
        "start": (now + datetime.timedelta(hours=2)).isoformat(),
        "end": (now + datetime.timedelta(hours=4)).isoformat(), "capacity": 2,
        "opens_at": (now - datetime.timedelta(hours=1)).isoformat(), "closes_at": closes_at.isoformat()}, org)
    assert status == 201, s
    people = [verify_worker(make_user("worker")) for _ in range(4)]
    for p in people:
        status, body = _call(port, "POST", f"/api/v1/sessions/{s['id']}/enrollments", {},
                             accounts.token_issue(user=p))
        assert status == 201 and body["status"] == "registered", body
    # The same draw delivered three more times, due at the same second on two workers' threads.
    queue = _queue_of(processes["env"])
    for _ in range(3):
        task = tasks.draw_at_close.s(s["id"], eta=closes_at)
        if type(task).__name__ not in {t.__name__ for t in queue._registry._registry.values()}:
            queue._registry.register(type(task))
        queue.enqueue(task)

    assert _call(port, "GET", f"/api/v1/sessions/{s['id']}/draw")[1]["drawn_at"] is None
    deadline = time.monotonic() + WINDOW.total_seconds() + 30
    while True:
        status, draw = _call(port, "GET", f"/api/v1/sessions/{s['id']}/draw")
        if draw.get("drawn_at"):
            break
        if time.monotonic() > deadline:
            pytest.fail("the draw was not published\n" + processes["output"]())
        time.sleep(0.5)

    # Published at the close (the queued task, not the next minute's sweep), seed revealed.
    drawn_at = datetime.datetime.fromisoformat(draw["drawn_at"])
    assert closes_at <= drawn_at < closes_at + datetime.timedelta(seconds=10), (closes_at, drawn_at)
    assert draw["seed"] and draw["places"] == 2 and len(draw["ranking"]) == 4 and len(draw["winners"]) == 2
    deadline = time.monotonic() + 10  # every copy of the delivery has run
    while len(DRAW_RAN.findall(processes["output"](10**6))) < 4 and time.monotonic() < deadline:
        time.sleep(0.2)
    session = Session.objects.get(pk=s["id"])
    assert abs(session.drawn_at - drawn_at) < datetime.timedelta(milliseconds=1)  # the API shows ms
    assert session.taken == 2
    assert sorted(Enrollment.objects.filter(session=session).values_list("status", flat=True)) == [
        "offered", "offered", "waitlisted", "waitlisted"]
    for p in people:  # each told once: a second draw would have told everyone again
        assert InboxMessage.objects.filter(user=p, kind="booking.lottery_result").count() == 1
    logs = processes["output"](10**6)
    assert logs.count("drawn at its close") == 1, logs
    assert len(DRAW_RAN.findall(logs)) == 4, logs  # four deliveries ran, one drew
