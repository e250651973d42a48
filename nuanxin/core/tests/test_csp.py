"""Issue 16, finding 7: a Content-Security-Policy that allows no inline script or style, HSTS
and an HTTPS redirect when HTTPS is on, and `check --deploy` clean with production settings."""

import re
from pathlib import Path

import pytest

from nuanxin.core.tests.test_configuration import _python

ROOT = Path(__file__).resolve().parents[2]
INLINE = [
    (re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.I), "an inline <script>"),
    (re.compile(r"<style\b", re.I), "a <style> element"),
    (re.compile(r"\sstyle\s*=", re.I), "a style attribute"),
    (re.compile(r"\son[a-z]+\s*=", re.I), "an event handler attribute"),
    (re.compile(r"javascript:", re.I), "a javascript: URL"),
]


def test_no_template_holds_inline_script_or_style():
    found = []
    for template in sorted(ROOT.rglob("templates/**/*.html")):
        text = template.read_text(encoding="utf-8")
        for pattern, what in INLINE:
            for m in pattern.finditer(text):
                line = text.count("\n", 0, m.start()) + 1
                found.append(f"{template.relative_to(ROOT)}:{line}: {what}")
    assert not found, "\n".join(found)


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/", "/gigs/", "/places/", "/accounts/login/", "/api/v1/health", "/admin/login/"])
def test_every_response_carries_the_policy(client, path):
    r = client.get(path)
    policy = r.headers.get("Content-Security-Policy", "")
    directives = dict(d.strip().split(" ", 1) for d in policy.split(";") if " " in d.strip())
    assert directives.get("script-src") == "'self'" and directives.get("style-src") == "'self'", policy
    assert directives.get("object-src") == "'none'" and directives.get("frame-ancestors") == "'none'"
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert r.headers.get("X-Content-Type-Options") == "nosniff" and r.headers.get("X-Frame-Options") == "DENY"


PRODUCTION = {"SECRET_KEY": "p" * 20 + "Q9-x" * 10, "NUANXIN_HTTPS": "1", "ALLOWED_HOSTS": "nuanxin.ks.gov.cn",
              "NUANXIN_SMS_BACKEND": "nuanxin.accounts.sms.AliyunSmsBackend"}


def test_check_deploy_is_clean_with_production_settings(tmp_path):
    got = _python("import sys; from django.core.management import execute_from_command_line; "
                  "execute_from_command_line(['manage.py', 'check', '--deploy', '--fail-level', 'WARNING'])",
                  tmp_path, **PRODUCTION)
    assert got.returncode == 0, got.stdout + got.stderr


HEADERS = """
import django
django.setup()
from django.test import Client
c = Client()
plain = c.get("/places/")
print(plain.status_code, plain.headers.get("Location"))
secure = c.get("/api/v1/health", secure=True)
print(secure.status_code, secure.headers.get("Strict-Transport-Security"))
print(c.get("/api/v1/health").status_code)
"""


def test_https_brings_hsts_and_the_redirect(tmp_path):
    got = _python(HEADERS, tmp_path, **(PRODUCTION | {"ALLOWED_HOSTS": "testserver"}))
    assert got.returncode == 0, got.stderr
    plain, secure, health = got.stdout.splitlines()[-3:]
    assert plain == "301 https://testserver/places/"
    assert secure.startswith("200 max-age=31536000") and "includeSubDomains" in secure and "preload" in secure
    assert health == "200"  # the proxy's health check over HTTP is not redirected
