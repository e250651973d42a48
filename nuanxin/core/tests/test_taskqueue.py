"""The task queue's locks (core/taskqueue.py, core/timed.py): a periodic job's lock keeps a
second worker out, and one left by a killed worker frees itself after its time to live, on the
SQLite storage of the embedded default and on Redis."""

import os
import time
import uuid

import pytest
from huey import RedisExpireHuey
from huey.exceptions import TaskLockedException

from nuanxin.core.taskqueue import SqliteHuey

BACKENDS = ["sqlite"] + (["redis"] if os.environ.get("REDIS_URL") else [])


@pytest.fixture(params=BACKENDS)
def queue(request, tmp_path):
    name = f"locks-{uuid.uuid4().hex[:8]}"
    if request.param == "redis":
        q = RedisExpireHuey(name, url=os.environ["REDIS_URL"])
    else:
        q = SqliteHuey(name, filename=str(tmp_path / "queue.sqlite3"))
    yield q
    q.flush()


def test_a_held_lock_keeps_a_second_worker_out_until_released(queue):
    lock = queue.lock_task("job", ttl=600)
    with lock:
        with pytest.raises(TaskLockedException):
            queue.lock_task("job", ttl=600).acquire()
    with queue.lock_task("job", ttl=600):  # released: the next minute's run takes it
        pass


def test_a_lock_left_by_a_killed_worker_expires(queue):
    key = f"{queue.name}.lock.job"
    assert queue.put_if_empty(key, "1", 1)  # a worker took it for one second and was killed
    assert not queue.put_if_empty(key, "1", 600)
    if isinstance(queue, SqliteHuey):  # pin the clock: rewrite the stored expiry into the past
        queue.storage.sql("update kv set value = ? where queue = ? and key = ?",
                          (b"expires:0", queue.name, key), commit=True)
    else:
        queue.storage.conn.pexpire(queue.storage.result_key(key), 1)
        time.sleep(0.01)
    assert queue.put_if_empty(key, "1", 600)
    assert not queue.put_if_empty(key, "1", 600)


def test_a_lock_without_a_time_to_live_never_expires(tmp_path):
    q = SqliteHuey("no-ttl", filename=str(tmp_path / "queue.sqlite3"))
    assert q.put_if_empty("k", "1")
    assert not q.put_if_empty("k", "1", 600)
