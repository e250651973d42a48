"""Booking pages through Django's test client: every flow works as plain form posts (no JS)."""

import pytest
from django.urls import reverse
from django.utils import timezone

from nuanxin.accounts.models import Child, GuardianConsent, InboxMessage
from nuanxin.bookings.models import Enrollment, Session
from nuanxin.bookings.tests.factories import HOUR
from nuanxin.conftest import kid_id
from nuanxin.core.models import AuditEntry as CoreAudit

pytestmark = pytest.mark.django_db


def test_list_shows_places_left_and_books_without_js(client, session, worker):
    s = session(capacity=1, kind="first_aid")
    html = client.get(reverse("bookings:list"), {"kind": "first_aid"}).content.decode()
    assert f'data-session-id="{s["id"]}"' in html and "剩余 1 个名额" in html
    first, second = worker(), worker()
    client.force_login(first)
    r = client.post(reverse("bookings:enroll", args=[s["id"]]), follow=True)
    assert "预约成功" in r.content.decode()
    assert Enrollment.objects.get(user=first).status == "confirmed"
    client.force_login(second)
    html = client.get(reverse("bookings:offering", args=[s["offering_id"]])).content.decode()
    assert "排队候补" in html  # full: the button says what will happen
    client.post(reverse("bookings:enroll", args=[s["id"]]))
    mine = client.get(reverse("bookings:mine")).content.decode()
    assert "候补第 1 位" in mine
    # The first person cancels from My bookings (a full session: asked first, then done); the
    # second is promoted and finds a message.
    client.force_login(first)
    e = Enrollment.objects.get(user=first)
    asked = client.post(reverse("bookings:enrollment-action", args=[e.pk, "cancel"]))
    assert asked.status_code == 200 and "确定取消这个名额吗" in asked.content.decode()
    assert Enrollment.objects.get(user=first).status == "confirmed"
    client.post(reverse("bookings:enrollment-action", args=[e.pk, "cancel"]), {"sure": "yes"})
    assert Enrollment.objects.get(user=first).status == "cancelled"
    assert Enrollment.objects.get(user=second).status == "confirmed"
    client.force_login(second)
    inbox = client.get(reverse("accounts:inbox")).content.decode()
    assert "有名额空出" in inbox
    assert not InboxMessage.objects.filter(user=second, read_at__isnull=True).exists()


def test_refusals_are_friendly_messages(client, session, make_user):
    s = session()
    unverified = make_user("worker")
    client.force_login(unverified)
    r = client.post(reverse("bookings:enroll", args=[s["id"]]), follow=True)
    assert r.status_code == 200 and "身份证号" in r.content.decode()
    assert not Enrollment.objects.exists()
    assert client.post(reverse("bookings:enroll", args=[999999])).status_code == 302
    assert client.post(reverse("bookings:enrollment-action", args=[1, "explode"])).status_code == 404


def test_children_page_records_consent_and_summer_care_enrolment(client, session, worker):
    s = session(kind="summer_care", offering_extra={"title": "暑托班 书法"})
    parent = worker()
    client.force_login(parent)
    client.post(reverse("bookings:children"), {"name": "王小明", "birth_date": "2016-03-01", "grade": "g4",
                                                  "id_number": kid_id("2016-03-01")})
    child = Child.objects.get(parent=parent)
    assert not GuardianConsent.objects.exists()
    page = client.get(reverse("bookings:children")).content.decode()
    assert "王**" in page and "王小明" not in page  # masked on screen
    r = client.post(reverse("bookings:enroll", args=[s["id"]]), {"child_id": child.pk}, follow=True)
    assert "监护人" in r.content.decode() and not Enrollment.objects.exists()
    client.post(reverse("bookings:consent", args=[child.pk, "give"]))
    client.post(reverse("bookings:enroll", args=[s["id"]]), {"child_id": child.pk})
    assert Enrollment.objects.get().child == child


def test_roll_page_draw_and_attendance_for_the_organiser_only(client, session, worker, organiser):
    _c, org_user, _p = organiser
    s = session(mode="lottery", capacity=1)
    people = [worker() for _ in range(3)]
    for p in people:
        client.force_login(p)
        client.post(reverse("bookings:enroll", args=[s["id"]]))
    client.force_login(people[0])
    assert client.get(reverse("bookings:roll", args=[s["id"]])).status_code == 404
    client.force_login(org_user)
    page = client.get(reverse("bookings:roll", args=[s["id"]])).content.decode()
    session_obj = Session.objects.get(pk=s["id"])
    assert session_obj.seed_hash in page and session_obj.seed not in page  # committed, not revealed
    assert "<svg" in page and session_obj.checkin_code in page
    # 现在抽签 while registration is open: asked first, and a reason is needed to close it early.
    asked = client.post(reverse("bookings:roll-action", args=[s["id"], "draw"])).content.decode()
    assert "截止报名并抽签" in asked and 'name="reason"' in asked
    client.post(reverse("bookings:roll-action", args=[s["id"], "draw"]), {"sure": "yes", "reason": "提前开课"})
    page = client.get(reverse("bookings:roll", args=[s["id"]])).content.decode()
    assert session_obj.seed in page
    assert Enrollment.objects.filter(session_id=s["id"], status="offered").count() == 1
    winner = Enrollment.objects.get(status="offered")
    client.force_login(winner.user)
    client.post(reverse("bookings:enrollment-action", args=[winner.pk, "confirm"]))
    assert Enrollment.objects.get(pk=winner.pk).status == "confirmed"
    client.force_login(org_user)
    client.post(reverse("bookings:roll-action", args=[s["id"], "present"]), {"enrollment_id": winner.pk})
    assert Enrollment.objects.get(pk=winner.pk).status == "attended"
    assert client.get(reverse("bookings:organise")).status_code == 200


def test_roll_with_children_is_audited(client, session, worker, organiser):
    _c, org_user, _p = organiser
    s = session(kind="summer_care")
    parent = worker()
    from nuanxin.accounts import services as accounts

    born = timezone.localdate().replace(year=2016)
    child = accounts.child_add(parent=parent, name="赵小花", birth_date=born, grade="g4", id_number=kid_id(born))
    accounts.consent_give(parent=parent, child_id=child.pk, purpose="summer_care")
    client.force_login(parent)
    client.post(reverse("bookings:enroll", args=[s["id"]]), {"child_id": child.pk})
    client.force_login(org_user)
    page = client.get(reverse("bookings:roll", args=[s["id"]])).content.decode()
    assert "赵**" in page and "赵小花" not in page
    assert CoreAudit.objects.filter(action="bookings.roll_read", actor=org_user).count() == 1


def test_volunteer_sees_hours_served(client, organiser, make_user):
    from datetime import timedelta

    from nuanxin.bookings.models import Offering, Volunteer

    _c, _org, place = organiser
    teacher = make_user("teacher")
    v = Volunteer.objects.create(user=teacher, subjects="书法")
    o = Offering.objects.create(kind="summer_care", title="暑托班 书法", place=place, for_children=True)
    now = timezone.now()
    for hours, weeks_ago in ((12, 10), (None, 3)):
        start = now - timedelta(weeks=weeks_ago)
        Session.objects.create(offering=o, label=f"{weeks_ago}", start=start, end=start + timedelta(hours=2),
                               capacity=10, opens_at=start - timedelta(days=5), closes_at=start - timedelta(days=1),
                               teacher=v, teaching_hours=hours)
    client.force_login(teacher)
    page = client.get(reverse("bookings:organise")).content.decode()
    assert "已授课 2 场，共 14.0 小时" in page


def test_my_bookings_offers_cancel_exactly_when_the_service_would(client, session, worker):
    """A seated booking inside the cancel deadline shows why instead of a Cancel button the
    service would refuse; before the deadline the button is there and works."""
    from nuanxin.bookings import services

    s = session(capacity=5, kind="first_aid", offering_extra={"cancel_hours": 24}, starts_in=HOUR * 12,
                open_for=HOUR * 6)
    person = worker()
    client.force_login(person)
    client.post(reverse("bookings:enroll", args=[s["id"]]))
    e = Enrollment.objects.get(user=person)
    assert e.status == "confirmed"
    assert services.cancel_refusal(e, timezone.now()).code == "cancel_closed"
    mine = client.get(reverse("bookings:mine")).content.decode()
    assert "开始前 24 小时已停止取消" in mine
    assert reverse("bookings:enrollment-action", args=[e.pk, "cancel"]) not in mine
    Session.objects.filter(pk=s["id"]).update(start=timezone.now() + HOUR * 30, end=timezone.now() + HOUR * 32)
    mine = client.get(reverse("bookings:mine")).content.decode()
    assert reverse("bookings:enrollment-action", args=[e.pk, "cancel"]) in mine
    client.post(reverse("bookings:enrollment-action", args=[e.pk, "cancel"]), {"sure": "yes"})
    assert Enrollment.objects.get(pk=e.pk).status == "cancelled"


def test_an_odd_child_id_is_a_message_not_a_500(client, session, worker):
    """Issue 16: child_id=² passed isdigit() and then failed int() with a 500."""
    s = session(kind="summer_care", offering_extra={"title": "暑托班 书法"})
    client.force_login(worker())
    for raw in ("²", "١٢", "1.5", "-3", "9" * 40):
        r = client.post(reverse("bookings:enroll", args=[s["id"]]), {"child_id": raw}, follow=True)
        assert r.status_code == 200, raw
    assert not Enrollment.objects.exists()
