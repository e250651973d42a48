"""Timed work of the employment service, run every minute by the worker (core.timed). Each
part adds its idempotent services to run_timed_work's result."""

from nuanxin.core.timed import every_minute
from nuanxin.jobs import services


def run_timed_work() -> dict:
    done = {}
    # A: vacancies past their validity are closed (the lists hide them already).
    done["vacancies_closed"] = services.vacancies_expire()
    return done


@every_minute("jobs.timed_work")
def timed_work():
    return run_timed_work()
