"""What every benchmark here shares: a throw-away database, a gunicorn server on a free port,
and a multi-process HTTP client that counts requests per second."""

import contextlib
import http.client
import multiprocessing
import os
import secrets
import socket
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def setup_env(tmp: str) -> dict:
    """Point Django at a throw-away SQLite file, or at BENCH_DATABASE_URL (a database that may be emptied)."""
    env = dict(os.environ)
    env.pop("DATABASE_URL", None)
    if os.environ.get("BENCH_DATABASE_URL"):
        env["DATABASE_URL"] = os.environ["BENCH_DATABASE_URL"]
    else:
        env["NUANXIN_SQLITE_PATH"] = os.path.join(tmp, "bench.sqlite3")
    env["DJANGO_SETTINGS_MODULE"] = "nuanxin.settings"
    # A random key for this run's throw-away data: the settings start with no other.
    env.setdefault("SECRET_KEY", secrets.token_urlsafe(50))
    env.setdefault("NUANXIN_SMS_BACKEND", "nuanxin.accounts.sms.ConsoleSmsBackend")
    env.setdefault("NUANXIN_DB_POOL_MAX", "4")
    os.environ.update(env)
    return env


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def gunicorn(env: dict, workers: int):
    port = free_port()
    server = subprocess.Popen(
        [str(ROOT / ".venv/bin/gunicorn"), "nuanxin.wsgi:application", "--bind", f"127.0.0.1:{port}",
         "--workers", str(workers), "--log-level", "warning"],
        cwd=ROOT, env={**env, "NUANXIN_TESTING": "1"},
    )
    try:
        for _ in range(100):
            try:
                http.client.HTTPConnection("127.0.0.1", port, timeout=1).request("GET", "/api/v1/health")
                break
            except OSError:
                time.sleep(0.1)
        yield port
    finally:
        server.terminate()
        server.wait(10)


def _client(args) -> int:
    port, paths, seconds = args
    done, deadline, i = 0, time.monotonic() + seconds, 0
    while time.monotonic() < deadline:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        conn.request("GET", paths[i % len(paths)])
        resp = conn.getresponse()
        resp.read()
        conn.close()
        if resp.status != 200:
            raise RuntimeError(f"{paths[i % len(paths)]} -> {resp.status}")
        done += 1
        i += 1
    return done


def throughput(port: int, paths: list[str], seconds: float, clients: int) -> float:
    """Requests per second over `seconds`, from `clients` processes cycling through `paths`."""
    with multiprocessing.Pool(clients) as pool:
        counts = pool.map(_client, [(port, paths[k::clients] or paths, seconds) for k in range(clients)])
    return sum(counts) / seconds
