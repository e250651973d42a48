"""Benchmark: the city's dashboard.

1. Refreshing its stored figures (what the worker does every 10 minutes: this week, month and
   year, each with its months before) on the demo data, optionally with `--workers N` people
   and a year of their activity from `manage.py generate`.
2. Serving the page and the API with the figures stored (the cache warm): median and 95th
   percentile over repeated requests to a gunicorn server, against its /api/v1/health on the
   same server in the same run (the baseline), as a ratio.

Runs on a throw-away SQLite file, or on BENCH_DATABASE_URL (a PostgreSQL database that may be
emptied). The scale run of issue 15, one million workers on PostgreSQL:

    BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/nuanxin_bench \\
        .venv/bin/python bench/dashboard.py --workers 1000000

Prints figures and ratios; nothing here is a pass/fail test.
"""

import argparse
import http.client
import statistics
import tempfile
import time
import urllib.parse

from common import gunicorn, setup_env


def timed_get(port: int, path: str, headers: dict, n: int) -> list[float]:
    """Wall times (ms) of n sequential GETs on fresh connections, as a phone's would be."""
    times = []
    for _ in range(n):
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        began = time.perf_counter()
        conn.request("GET", path, headers=headers)
        resp = conn.getresponse()
        resp.read()
        times.append((time.perf_counter() - began) * 1000)
        conn.close()
        if resp.status != 200:
            raise RuntimeError(f"{path} -> {resp.status}")
    return times


def summary(times: list[float]) -> str:
    times = sorted(times)
    return f"median {statistics.median(times):7.1f} ms, p95 {times[int(0.95 * (len(times) - 1))]:7.1f} ms"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--workers", type=int, default=0, help="people to generate (manage.py generate)")
    parser.add_argument("--requests", type=int, default=30)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        env = setup_env(tmp)
        import django

        django.setup()
        from django.core.management import call_command
        from django.db import connection

        from nuanxin.accounts import services as accounts
        from nuanxin.accounts.models import User
        from nuanxin.dashboard import services

        if connection.vendor == "postgresql":
            # A throw-away database: the audit log's triggers forbid emptying it, so they go
            # first (migrate puts them back, after every run).
            with connection.cursor() as cursor:
                cursor.execute("DROP TRIGGER IF EXISTS core_auditentry_append_only ON core_auditentry")
                cursor.execute("DROP TRIGGER IF EXISTS core_auditentry_no_truncate ON core_auditentry")
            call_command("flush", interactive=False, verbosity=0)
        call_command("migrate", verbosity=0)
        began = time.perf_counter()
        call_command("load_demo", verbosity=0)
        print(f"demo data loaded in {time.perf_counter() - began:.1f} s ({connection.vendor})")
        if args.workers:
            began = time.perf_counter()
            call_command("generate", workers=args.workers, verbosity=1)
            print(f"generate --workers {args.workers}: {time.perf_counter() - began:.1f} s")
        print(f"people: {User.objects.count():,}")

        began = time.perf_counter()
        done = services.refresh_current()
        print(f"refresh (week, month, year with their series): {time.perf_counter() - began:.2f} s "
              f"({', '.join(f'{k} {v:.2f} s' for k, v in done.items())})")

        official = User.objects.get(username="official")
        token = accounts.token_issue(user=official)
        from django.test import Client

        client = Client()
        client.force_login(official)
        session = client.cookies["sessionid"].value
        with gunicorn(env, workers=2) as port:
            bearer = {"Authorization": f"Bearer {token}"}
            cookie = {"Cookie": f"sessionid={session}"}
            for path, headers in (("/dashboard/?period=month", cookie), ("/api/v1/dashboard/measures", bearer)):
                timed_get(port, path, headers, 3)  # warm the server processes
            health = timed_get(port, "/api/v1/health", {}, args.requests)
            print(f"baseline GET /api/v1/health: {summary(health)}")
            base = statistics.median(health)
            for label, path, headers in (
                ("page /dashboard/ (this month)", "/dashboard/?period=month", cookie),
                ("page /dashboard/ (this year, one town)", "/dashboard/?" + urllib.parse.urlencode(
                    {"period": "year", "town": "yushan"}), cookie),
                ("API /dashboard/measures", "/api/v1/dashboard/measures?period=month", bearer),
                ("API /dashboard/measures.xlsx", "/api/v1/dashboard/measures.xlsx?period=month", bearer),
            ):
                times = timed_get(port, path, headers, args.requests)
                print(f"{label}: {summary(times)} = {statistics.median(times) / base:.1f}x the baseline")


if __name__ == "__main__":
    main()
