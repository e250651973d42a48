"""The bookings' timed work, run by `manage.py worker` (or by cron through `bookings_tick`):
thin, idempotent, safe to deliver twice. A lottery draws at the second its window closes (a task
scheduled with that eta when the session is made); the minute sweep catches anything missed."""

import datetime
import logging

from django.db import transaction
from django.utils import timezone
from huey.contrib.djhuey import db_task

from nuanxin.bookings import services
from nuanxin.bookings.choices import Mode
from nuanxin.bookings.models import Offering, Session
from nuanxin.core.timed import every_minute

logger = logging.getLogger("huey")


def run_timed_work(*, now: datetime.datetime | None = None) -> dict[str, int]:
    """Health-check slots for the next 14 days, lotteries whose window has closed, unconfirmed
    offers passed down the list, the day-before reminders."""
    slots = sum(services.slots_generate(offering=o, now=now)
                for o in Offering.objects.filter(published=True, weekly_slots__isnull=False).distinct())
    return {"slots": slots, "drawn": services.draw_due(now=now), "expired": services.expire_offers(now=now),
            "reminded": services.send_reminders(now=now)}


@every_minute("bookings.timed_work")
def timed_work():
    return run_timed_work()


@db_task()
def draw_at_close(session_id: int):
    """Draw one session if it is due and not drawn: nothing if it was drawn already (by the sweep,
    another worker, an organiser closing early), cancelled, or its close was moved later."""
    if services.draw_due(session_id=session_id):
        logger.info("bookings: session %s drawn at its close", session_id)


def draw_schedule(session: Session) -> None:
    """After the session's transaction commits, queue its draw for the second its window closes."""
    if session.offering.mode != Mode.LOTTERY or session.closes_at <= timezone.now():
        return  # a window already closed is the minute sweep's
    transaction.on_commit(lambda: draw_at_close.schedule(args=(session.pk,), eta=session.closes_at))
