"""The timed work: health-check slots from a weekly plan, reminders once, the tick command."""

import datetime
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.utils import timezone

from nuanxin.accounts.models import InboxMessage
from nuanxin.bookings import services
from nuanxin.bookings.models import Offering, PlanException, Session, WeeklySlot

pytestmark = pytest.mark.django_db
CST = ZoneInfo("Asia/Shanghai")


@pytest.fixture
def health_check(make_place):
    hospital = make_place(kind="hospital", name="昆山市第三人民医院")
    o = Offering.objects.create(kind="health_check", title="免费体检（幽门螺杆菌检测）", place=hospital)
    # Tuesdays and Thursdays 08:00–11:00 in 30-minute slots of 6.
    for day in (1, 3):
        WeeklySlot.objects.create(offering=o, weekday=day, start=datetime.time(8), end=datetime.time(11),
                                  slot_minutes=30, capacity=6)
    return o


def test_slots_follow_the_weekly_plan_and_its_exceptions(health_check):
    monday = datetime.datetime(2026, 12, 7, 12, 0, tzinfo=CST)
    PlanException.objects.create(offering=health_check, date=datetime.date(2026, 12, 10), note="院内培训")
    made = services.slots_generate(offering=health_check, days=14, now=monday)
    # Two weeks: Tue 8th, (Thu 10th closed), Tue 15th, Thu 17th → 3 days × 6 slots.
    assert made == 18
    starts = sorted(timezone.localtime(s.start, CST) for s in Session.objects.all())
    assert starts[0] == datetime.datetime(2026, 12, 8, 8, 0, tzinfo=CST)
    assert starts[-1] == datetime.datetime(2026, 12, 17, 10, 30, tzinfo=CST)
    assert {s.date() for s in starts} == {datetime.date(2026, 12, d) for d in (8, 15, 17)}
    first = Session.objects.order_by("start").first()
    assert timezone.localtime(first.opens_at, CST) == datetime.datetime(2026, 12, 1, 8, 0, tzinfo=CST)
    assert first.capacity == 6 and first.end - first.start == datetime.timedelta(minutes=30)
    assert services.slots_generate(offering=health_check, days=14, now=monday) == 0  # idempotent


def test_reminder_the_day_before_is_sent_once(health_check, make_user, django_capture_on_commit_callbacks):
    from nuanxin.accounts import sms
    from nuanxin.bookings.tests.factories import verify_worker

    now = timezone.now()
    services.slots_generate(offering=health_check, days=14, now=now - datetime.timedelta(days=7))
    services.slots_generate(offering=health_check, days=14, now=now)
    tomorrow = timezone.localdate(now, CST) + datetime.timedelta(days=1)
    slot = next((s for s in Session.objects.order_by("start")
                 if timezone.localdate(s.start, CST) == tomorrow and s.opens_at <= now < s.closes_at), None)
    if slot is None:  # tomorrow has no clinic in the plan: add one slot for tomorrow
        start = datetime.datetime.combine(tomorrow, datetime.time(9), CST)
        slot = Session.objects.create(offering=health_check, start=start, end=start + datetime.timedelta(minutes=30),
                                      capacity=6, opens_at=now - datetime.timedelta(days=1),
                                      closes_at=start - datetime.timedelta(hours=1), label="加号")
    w = verify_worker(make_user("worker"))
    services.enroll(session_id=slot.pk, user=w, now=now)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.send_reminders(now=now) == 1
    assert services.send_reminders(now=now) == 0
    assert InboxMessage.objects.filter(user=w, kind="booking.reminder").count() == 1
    assert any("明天" in m["text"] or "tomorrow" in m["text"] for m in sms.outbox)


def test_tick_command_runs_every_step(health_check):
    out = StringIO()
    call_command("bookings_tick", stdout=out)
    assert "slots created" in out.getvalue()
    assert Session.objects.filter(offering=health_check).exists()
