"""Timed work, one way for every app: a huey periodic task that runs every minute (or on another
schedule) on whichever worker's scheduler fires, under a lock so that two workers never run the
same job at once.
The job itself must stay idempotent (a conditional UPDATE or a locked row per item): a lock
only saves work, and a queue may deliver a task twice."""

import functools
import logging

from huey import crontab
from huey.contrib.djhuey import HUEY, db_periodic_task

# Longer than any run of a job; a lock left by a killed worker frees itself after this.
LOCK_TTL_SECONDS = 15 * 60

logger = logging.getLogger("huey")


def every_minute(name: str):
    """Register fn as the periodic job `name`; if another worker holds its lock, this run is
    skipped (huey logs "not run, unable to acquire lock") and the next minute tries again."""
    return periodic(name, crontab())


def periodic(name: str, schedule):
    """Register fn as the periodic job `name` on `schedule`, a huey crontab read in UTC
    (settings.HUEY "utc"), under its lock like every_minute."""

    def decorator(fn):
        @functools.wraps(fn)
        def job():
            with HUEY.lock_task(name, ttl=LOCK_TTL_SECONDS):
                done = fn()
            if done and any(done.values()):  # say what happened, not every empty minute
                logger.info("%s: %s", name, ", ".join(f"{v} {k}" for k, v in done.items() if v))
            return done

        return db_periodic_task(schedule)(job)

    return decorator
