"""A crowd hitting one session at once, as threads or as separate processes.

Each member uses the API with its own token and its own database connection. Processes are
started with "spawn" (a clean interpreter, no inherited sockets or pool threads) and pointed
at the test database by name.
"""

import os
import threading
import time


def _request(token: str, method: str, path: str) -> tuple[int, str]:
    from django.db import connections

    from nuanxin.conftest import ApiClient

    try:
        client = ApiClient(token=token)
        r = client.post(path) if method == "POST" else client.delete(path)
        body = r.json()
        return r.status_code, body.get("status") or body.get("error", {}).get("code") or "ok"
    finally:
        connections.close_all()


def run_threads(jobs: list[tuple[str, str, str]]) -> list[tuple[int, str]]:
    """jobs: (token, method, path). All threads start together at a barrier."""
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


# --- processes ---------------------------------------------------------------------------------


def _init_process(db_name: str) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nuanxin.settings")
    os.environ["NUANXIN_DB_POOL_MIN"] = "1"  # 40 processes × the default 2 would crowd PostgreSQL
    import django
    from django.conf import settings

    django.setup()
    settings.DATABASES["default"]["NAME"] = db_name
    settings.NUANXIN_SMS_BACKEND = "nuanxin.accounts.sms.LocmemSmsBackend"


def _process_batch(args) -> list[tuple[int, str]]:
    start_at, jobs = args
    time.sleep(max(0.0, start_at - time.time()))  # everyone starts at the same moment
    return [_request(*job) for job in jobs]


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
