"""How the settings configure the site from the environment: each check starts a fresh Python
with only the variables it names, as a server or a worker would start."""

import os
import subprocess
import sys
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[3]


def _python(code: str, tmp_path, **variables) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items()
           # Only what each check names: not the suite's own (make's key and console SMS, the
           # browser tests' DJANGO_ALLOW_ASYNC_UNSAFE).
           if k not in {"SECRET_KEY", "DEBUG", "NUANXIN_TESTING", "DATABASE_URL", "REDIS_URL", "NUANXIN_SMS_BACKEND",
                        "NUANXIN_HTTPS", "NUANXIN_TRUSTED_PROXIES", "DJANGO_ALLOW_ASYNC_UNSAFE"}}
    env |= {"DJANGO_SETTINGS_MODULE": "nuanxin.settings", "NUANXIN_SQLITE_PATH": str(tmp_path / "db.sqlite3"),
            "NUANXIN_HUEY_PATH": str(tmp_path / "huey.sqlite3"), **variables}
    return subprocess.run([sys.executable, "-c", code], cwd=PROJECT, env=env, capture_output=True, text=True,
                          timeout=120, check=False)


SETUP = "import django; django.setup(); from django.conf import settings; print(settings.SECRET_KEY[:8])"


def test_no_secret_key_no_start_unless_debug(tmp_path):
    refused = _python(SETUP, tmp_path)
    assert refused.returncode != 0 and "SECRET_KEY is not set" in refused.stderr
    # The public development key is the same as none.
    again = _python(SETUP, tmp_path, SECRET_KEY="dev-only-insecure-nuanxin-key-change-me")
    assert again.returncode != 0 and "SECRET_KEY is not set" in again.stderr
    assert _python(SETUP, tmp_path, DEBUG="1").returncode == 0
    started = _python(SETUP, tmp_path, SECRET_KEY="k" * 50, NUANXIN_SMS_BACKEND="nuanxin.accounts.sms.AliyunSmsBackend")
    assert started.returncode == 0 and started.stdout.strip() == "k" * 8, started.stderr


def test_no_silent_console_sms_outside_development(tmp_path):
    """The console backend shows sign-in codes on the terminal: never the unnamed default of a
    production start."""
    refused = _python(SETUP, tmp_path, SECRET_KEY="k" * 50)
    assert refused.returncode != 0 and "NUANXIN_SMS_BACKEND is not set" in refused.stderr


LOG = """
import django, logging
django.setup()
logging.getLogger("nuanxin.anything").warning("worker 13812345678 with ID 320583199001011234 asked")
"""


def test_every_log_line_masks_phone_and_id_numbers(tmp_path):
    got = _python(LOG, tmp_path, DEBUG="1")
    assert got.returncode == 0, got.stderr
    assert "138****5678" in got.stderr and "3205**********1234" in got.stderr
    assert "13812345678" not in got.stderr and "320583199001011234" not in got.stderr


# 24 threads, each reading then writing in one transaction, as an enrolment does. Without
# IMMEDIATE two readers both try to upgrade their lock and one fails at once with "database is
# locked" (the busy timeout cannot help a deadlock); with it they queue.
CROWD = """
import django, threading
django.setup()
from django.conf import settings
from django.db import connection, transaction
opts = settings.DATABASES["default"]["OPTIONS"]
with connection.cursor() as c:
    c.execute("CREATE TABLE seats (n integer)")
    mode = c.execute("PRAGMA journal_mode").fetchone()[0]
errors = []
start = threading.Barrier(24)
def enrol():
    from django.db import connection
    try:
        start.wait()
        with transaction.atomic(), connection.cursor() as c:
            taken = c.execute("SELECT count(*) FROM seats").fetchone()[0]
            c.execute("INSERT INTO seats VALUES (%s)", [taken])
    except Exception as e:
        errors.append(repr(e))
    finally:
        connection.close()
threads = [threading.Thread(target=enrol) for _ in range(24)]
for t in threads: t.start()
for t in threads: t.join()
with connection.cursor() as c:
    rows = c.execute("SELECT count(*) FROM seats").fetchone()[0]
print(mode, opts.get("transaction_mode"), rows, len(errors), errors[:1])
"""


def test_sqlite_through_database_url_keeps_its_locking(tmp_path):
    url = f"sqlite:///{tmp_path / 'url.sqlite3'}"
    got = _python(CROWD, tmp_path, DEBUG="1", DATABASE_URL=url)
    assert got.returncode == 0, got.stderr
    assert got.stdout.split()[:4] == ["wal", "IMMEDIATE", "24", "0"], got.stdout


def test_finished_rate_windows_are_dropped(db):
    import datetime

    import pytest
    from django.utils import timezone

    from nuanxin.core import ratelimit
    from nuanxin.core.models import RateCounter
    from nuanxin.core.tasks import forget_rate_counters

    if ratelimit._shared_cache():
        pytest.skip("with Redis the counters are Redis keys, which expire by themselves")
    assert ratelimit.hit("t", "a", limit=1, seconds=60) and not ratelimit.hit("t", "a", limit=1, seconds=60)
    RateCounter.objects.update(expires_at=timezone.now() - datetime.timedelta(seconds=1))
    forget_rate_counters.call_local()
    assert not RateCounter.objects.exists()
