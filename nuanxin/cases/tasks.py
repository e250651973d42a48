"""Timed work of the cases app, run by `manage.py worker` (or by cron through `escalate_cases`):
thin, idempotent, safe to deliver twice."""

from nuanxin.cases.services import escalate_overdue
from nuanxin.core.timed import every_minute


def run_timed_work() -> dict[str, int]:
    """Escalate open cases past their first-response or resolve deadline, each once."""
    return {"escalated": escalate_overdue()}


@every_minute("cases.timed_work")
def timed_work():
    return run_timed_work()
