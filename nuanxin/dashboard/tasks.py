"""The dashboard's timed work, run by `manage.py worker` (or by cron through `dashboard_refresh`
and `dashboard_report`): thin, idempotent, each under its lock (core/timed.py)."""

import time

from huey import crontab
from huey.contrib.djhuey import db_task

from nuanxin.core.timed import periodic
from nuanxin.dashboard import periods, services


def run_refresh() -> dict:
    """The current week, month and year computed again, and any of the last 12 months without
    figures computed once, so that pages present stored figures and never wait."""
    began = time.perf_counter()
    services.refresh_current()
    months = services.ensure_months()
    return {"seconds": round(time.perf_counter() - began, 2), "months computed": months}


# Every 10 minutes: the page's "as of" is at most that old (services.FRESH_FOR, 15 minutes, is
# when a page would compute them itself). Computing takes seconds, so not every minute.
@periodic("dashboard.refresh", crontab(minute="*/10"))
def refresh():
    return run_refresh()


def run_report() -> dict:
    made = services.report_due()
    return {"report made": made.month if made else ""}


# Every hour, at 5 past (off the refresh's minutes), rather than once a day at 01:00: report_due
# does nothing until last month has settled (a day after its end) and then makes its report
# once, so an hourly check costs one query, and a worker that was down at the chosen minute, or
# restarted on the 2nd, still makes the report within the hour instead of a day later.
@periodic("dashboard.monthly_report", crontab(minute="5"))
def monthly_report():
    return run_report()


@db_task()
def refresh_period(key: str):
    """Asked for by a page that showed stale figures (services.snapshot_for)."""
    services.refresh(periods.parse(key))

