"""Issue 16, finding 2: limits that hold across server processes and behind the proxy, and
/admin/login/ under the same limits as every other sign-in."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection
from django.test import RequestFactory

from nuanxin.core.audit import client_ip

PROJECT = Path(__file__).resolve().parents[3]
PASSWORD = "a-long-demo-password"

GUESS = """
import django
django.setup()
from nuanxin.accounts import services
from nuanxin.core.errors import NotAuthenticated, RateLimited
for _ in range(8):
    try:
        services.password_login(username="chen", password="wrong", ip="10.1.2.3")
    except NotAuthenticated:
        print("wrong")
    except RateLimited:
        print("locked")
"""


def _env() -> dict:
    """A server process's environment on this test's database (and Redis, when the run has it)."""
    db = connection.settings_dict
    env = {**os.environ, "NUANXIN_TESTING": "1", "LOG_LEVEL": "ERROR", "NUANXIN_DB_POOL_MIN": "1"}
    if connection.vendor == "postgresql":
        auth = db["USER"] + (f":{db['PASSWORD']}" if db.get("PASSWORD") else "")
        env["DATABASE_URL"] = f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
    else:
        env.pop("DATABASE_URL", None)
        env["NUANXIN_SQLITE_PATH"] = str(db["NAME"])
    return env


@pytest.mark.django_db(transaction=True)
def test_password_tries_are_counted_across_processes(make_user, api):
    """Two server processes, eight wrong guesses each: ten in all are let through to be wrong,
    the rest are locked, and then the right password is locked too, through every door."""
    user = make_user("advisor", username="chen")
    user.set_password(PASSWORD)
    user.save()
    env = _env()
    procs = [subprocess.Popen([sys.executable, "-c", GUESS], cwd=PROJECT, env=env, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True) for _ in range(2)]
    outs = [p.communicate(timeout=120) for p in procs]
    assert all(p.returncode == 0 for p in procs), [err for _out, err in outs]
    said = " ".join(out for out, _err in outs).split()
    assert said.count("wrong") == 10 and said.count("locked") == 6, said
    r = api.post("/api/v1/auth/token", {"username": "chen", "password": PASSWORD})
    assert r.status_code == 429 and r.json()["error"]["code"] == "locked"


@pytest.mark.django_db
def test_admin_login_is_under_the_same_limits(client, make_user, api):
    user = make_user("advisor", username="chen")
    user.is_staff = True
    user.set_password(PASSWORD)
    user.save()
    for _ in range(10):
        r = client.post("/admin/login/", {"username": "chen", "password": "wrong", "next": "/admin/"})
        assert r.status_code == 200 and "_auth_user_id" not in client.session
    r = client.post("/admin/login/", {"username": "chen", "password": PASSWORD, "next": "/admin/"})
    assert r.status_code == 200 and "_auth_user_id" not in client.session
    assert "15" in r.content.decode()  # "try again in 15 minutes"
    # The API says the same for the same name.
    assert api.post("/api/v1/auth/token", {"username": "chen", "password": PASSWORD}).status_code == 429


@pytest.mark.django_db
def test_a_right_password_is_not_counted(client, make_user):
    user = make_user("advisor", username="chen")
    user.is_staff = True
    user.set_password(PASSWORD)
    user.save()
    for _ in range(12):
        r = client.post("/admin/login/", {"username": "chen", "password": PASSWORD, "next": "/admin/"})
        assert r.status_code == 302, r.content[:300]
        client.logout()


def test_the_client_address_comes_through_trusted_proxies_only(settings):
    factory = RequestFactory()
    settings.NUANXIN_TRUSTED_PROXIES = ["127.0.0.1", "10.0.0.0/8"]
    behind = factory.get("/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.9, 10.0.0.5")
    assert client_ip(behind) == "203.0.113.9"
    # What the client wrote on the left is not believed past the first untrusted hop.
    forged = factory.get("/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="1.1.1.1, 198.51.100.7")
    assert client_ip(forged) == "198.51.100.7"
    garbled = factory.get("/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="<script>")
    assert client_ip(garbled) == "127.0.0.1"
    direct = factory.get("/", REMOTE_ADDR="198.51.100.7", HTTP_X_FORWARDED_FOR="1.1.1.1")
    assert client_ip(direct) == "198.51.100.7"
    settings.NUANXIN_TRUSTED_PROXIES = []
    assert client_ip(behind) == "127.0.0.1"


@pytest.mark.django_db
def test_sms_limits_are_per_client_behind_the_proxy(api, settings):
    """30 SMS requests from one address locked everyone out behind the proxy: now each client
    behind it has its own count."""
    settings.NUANXIN_TRUSTED_PROXIES = ["127.0.0.1"]
    for i in range(30):
        r = api.post("/api/v1/auth/otp", {"phone": f"1380000{i:04d}"}, REMOTE_ADDR="127.0.0.1",
                     HTTP_X_FORWARDED_FOR="203.0.113.9")
        assert r.status_code == 202, (i, r.content)
    over = api.post("/api/v1/auth/otp", {"phone": "13800009998"}, REMOTE_ADDR="127.0.0.1",
                    HTTP_X_FORWARDED_FOR="203.0.113.9")
    assert over.status_code == 429
    other = api.post("/api/v1/auth/otp", {"phone": "13800009998"}, REMOTE_ADDR="127.0.0.1",
                     HTTP_X_FORWARDED_FOR="198.51.100.7")
    assert other.status_code == 202
