"""Issue 11, item 6 and the draw of item 7: a draw waits for registration to close unless an
organiser closes it early with a reason every registrant is told; 现在抽签 and cancelling a
scarce place ask first; ticket numbers are 1, 2, 3… per session; open sign-up windows and
draw dates are shown; the roll speaks in words. Services, the API and the pages (no JS)."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from nuanxin.accounts.models import InboxMessage
from nuanxin.bookings import services
from nuanxin.bookings.models import Enrollment, Session
from nuanxin.bookings.tests.factories import HOUR
from nuanxin.core import lottery
from nuanxin.core.errors import Conflict, InvalidInput
from nuanxin.core.models import AuditEntry

pytestmark = pytest.mark.django_db


def text_of(response) -> str:
    """What a person reads: the page without its tags (attribute values are not text)."""
    html = response.content.decode()
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def registered(session_json, worker, n, *, now=None):
    people = [worker() for _ in range(n)]
    for p in people:
        services.enroll(session_id=session_json["id"], user=p, now=now)
    return people


# --- the draw: not before the close, unless closed early with a reason ------------------------


def test_draw_before_the_close_is_refused_without_a_reason(session, worker, organiser):
    _c, org, _p = organiser
    s = session(mode="lottery", capacity=2)
    registered(s, worker, 3)
    with pytest.raises(Conflict) as refused:
        services.session_draw(session_id=s["id"], by=org)
    assert refused.value.code == "window_open"
    with pytest.raises(Conflict):  # the timed task never draws early either
        services.session_draw(session_id=s["id"])
    with pytest.raises(InvalidInput) as short:
        services.session_draw(session_id=s["id"], by=org, close_early_reason=" 好 ")
    assert "close_early_reason" in short.value.fields
    session_obj = Session.objects.get(pk=s["id"])
    assert session_obj.drawn_at is None and session_obj.closes_at > timezone.now()
    assert not Enrollment.objects.exclude(status="registered").exists()


def test_closing_early_tells_every_registrant_why_and_keeps_the_draw_verifiable(session, worker, organiser):
    _c, org, _p = organiser
    s = session(mode="lottery", capacity=2)
    people = registered(s, worker, 4)
    before = Session.objects.get(pk=s["id"])
    planned, committed = before.closes_at, before.seed_hash
    now = timezone.now()
    drawn = services.session_draw(session_id=s["id"], by=org, now=now, close_early_reason="老师下周出差，提前抽签")
    assert drawn.drawn_at == now and drawn.closes_at == now and drawn.planned_closes_at == planned
    assert drawn.closed_early_reason == "老师下周出差，提前抽签"
    assert drawn.seed_hash == committed == lottery.commitment(drawn.seed)  # the seed committed at creation
    for p in people:
        told = InboxMessage.objects.get(user=p, kind="booking.lottery_result")
        assert "老师下周出差，提前抽签" in told.text and "提前截止" in told.text
    with pytest.raises(Conflict) as late:
        services.enroll(session_id=s["id"], user=worker(), now=now + datetime.timedelta(seconds=1))
    assert late.value.code == "window_closed"
    entry = AuditEntry.objects.get(action="bookings.draw")
    assert entry.detail["closed_early"] is True and entry.detail["reason"] == "老师下周出差，提前抽签"


def test_the_draw_runs_after_the_close_without_a_reason(session, worker, organiser):
    _c, org, _p = organiser
    s = session(mode="lottery", capacity=1, open_for=2 * HOUR)
    registered(s, worker, 3)
    later = timezone.now() + 3 * HOUR
    drawn = services.session_draw(session_id=s["id"], by=org, now=later)
    assert drawn.drawn_at == later and drawn.planned_closes_at is None and drawn.closed_early_reason == ""
    assert not InboxMessage.objects.filter(text__contains="提前截止").exists()


def test_draw_api_409_before_the_close_then_closes_early_with_a_reason(session, worker, organiser, api):
    org_client, _u, _p = organiser
    s = session(mode="lottery", capacity=1)
    registered(s, worker, 3)
    r = org_client.post(f"/api/v1/sessions/{s['id']}/draw")
    assert r.status_code == 409 and r.json()["error"]["code"] == "window_open" and r.json()["error"]["message"]
    r = org_client.post(f"/api/v1/sessions/{s['id']}/draw", {"close_early_reason": "x"})
    assert r.status_code == 422 and "close_early_reason" in r.json()["error"]["fields"]
    r = org_client.post(f"/api/v1/sessions/{s['id']}/draw", {"close_early_reason": "场地临时调整"})
    assert r.status_code == 200, r.content
    published = api.get(f"/api/v1/sessions/{s['id']}/draw").json()
    assert published["closed_early_reason"] == "场地临时调整" and published["planned_closes_at"]
    assert lottery.verify(published) == []
    assert sorted(e["ticket"] for e in published["entries"]) == [1, 2, 3]


def test_draw_api_after_the_close_needs_no_reason(session, worker, organiser):
    org_client, _u, _p = organiser
    s = session(mode="lottery", capacity=1, opened_ago=3 * HOUR, open_for=2 * HOUR)  # closed an hour ago
    registered(s, worker, 2, now=timezone.now() - 2 * HOUR)
    r = org_client.post(f"/api/v1/sessions/{s['id']}/draw")
    assert r.status_code == 200 and len(r.json()["winners"]) == 1 and r.json()["closed_early_reason"] == ""


# --- 现在抽签 on the roll page: a confirmation step, a reason before the close ---------------


def test_draw_now_after_the_close_asks_for_confirmation_first(client, session, worker, organiser):
    _c, org, _p = organiser
    s = session(mode="lottery", capacity=1, opened_ago=3 * HOUR, open_for=2 * HOUR)
    registered(s, worker, 2, now=timezone.now() - 2 * HOUR)
    client.force_login(org)
    url = reverse("bookings:roll-action", args=[s["id"], "draw"])
    asked = client.post(url)
    assert asked.status_code == 200
    text = text_of(asked)
    assert "现在抽签吗" in text and "2 人报名，1 个名额" in text and "确定抽签" in text and "不抽签" in text
    assert 'name="reason"' not in asked.content.decode()  # closed already: no reason needed
    assert Session.objects.get(pk=s["id"]).drawn_at is None  # the first button only asks
    done = client.post(url, {"sure": "yes"}, follow=True)
    assert Session.objects.get(pk=s["id"]).drawn_at is not None
    assert "已抽签" in text_of(done)


def test_draw_now_before_the_close_needs_a_reason_on_the_page(client, session, worker, organiser, make_user):
    _c, org, _p = organiser
    s = session(mode="lottery", capacity=1)
    people = registered(s, worker, 2)
    url = reverse("bookings:roll-action", args=[s["id"], "draw"])
    client.force_login(make_user("organiser", username="someone-else"))
    assert client.post(url).status_code == 404 and client.post(url, {"sure": "yes", "reason": "提前"}).status_code == 404
    client.force_login(org)
    asked = text_of(client.post(url))
    assert "报名还开放到" in asked and "截止报名并抽签" in asked
    no_reason = client.post(url, {"sure": "yes", "reason": ""})
    assert no_reason.status_code == 200 and 'aria-invalid="true"' in no_reason.content.decode()
    assert Session.objects.get(pk=s["id"]).drawn_at is None
    client.post(url, {"sure": "yes", "reason": "教室要装修，提前开课"})
    assert Session.objects.get(pk=s["id"]).drawn_at is not None
    assert all("教室要装修" in InboxMessage.objects.get(user=p, kind="booking.lottery_result").text for p in people)
    roll = text_of(client.get(reverse("bookings:roll", args=[s["id"]])))
    assert "报名已提前截止" in roll and "教室要装修，提前开课" in roll


# --- ticket numbers per session -------------------------------------------------------------


def test_ticket_numbers_count_1_2_3_in_each_session_and_are_shown(client, session, worker, organiser, client_for):
    registered(session(capacity=9, kind="health_check"), worker, 4)  # database ids run ahead of tickets
    a, b = session(mode="lottery", capacity=5), session(capacity=5, kind="first_aid")
    people = [worker() for _ in range(3)]
    for p in people:  # interleaved: each session counts on its own
        services.enroll(session_id=a["id"], user=p)
        services.enroll(session_id=b["id"], user=p)
    for sid in (a["id"], b["id"]):
        assert list(Enrollment.objects.filter(session_id=sid).order_by("pk").values_list("ticket", flat=True)) == [1, 2, 3]
    # A cancelled entry keeps its number; registering again takes the next one.
    first = Enrollment.objects.get(session_id=a["id"], user=people[0])
    services.enrollment_cancel(enrollment_id=first.pk, user=people[0])
    assert services.enroll(session_id=a["id"], user=people[0]).ticket == 4
    mine = client_for(people[1]).get("/api/v1/me/enrollments").json()["items"]
    assert sorted(e["ticket"] for e in mine) == [2, 2]
    ids = set(Enrollment.objects.filter(user=people[1]).values_list("pk", flat=True))
    assert min(ids) > 4  # so the page below can tell ids from tickets
    assert "签号 2" in InboxMessage.objects.filter(user=people[1], kind="booking.registered").first().text
    client.force_login(people[1])
    page = text_of(client.get(reverse("bookings:mine")))
    assert page.count("签号 2") == 2 and not any(f"签号 {pk}" in page for pk in ids)
    _c, org, _p = organiser
    client.force_login(org)
    roll = client.get(reverse("bookings:roll", args=[a["id"]])).content.decode()
    cells = re.findall(r'<td data-label="签号">(\d+)</td>', roll)
    assert sorted(map(int, cells)) == [2, 3, 4]


# --- what people see: open windows, the draw date, words instead of codes ------------------


def test_a_course_taking_sign_ups_shows_its_window_and_draw_date(client, session, worker):
    s = session(mode="lottery", capacity=20, starts_in=21 * 24 * HOUR)  # starts in three weeks
    page = text_of(client.get(reverse("bookings:list"), {"kind": "night_school"}))
    assert "本周没有可预约的场次" not in page
    closes = timezone.localtime(Session.objects.get(pk=s["id"]).closes_at)
    when = f"{closes.month}月{closes.day}日 {closes:%H:%M}"
    assert f"报名中，{when} 截止" in page and f"{when} 抽签" in page
    person = worker()
    client.force_login(person)
    client.post(reverse("bookings:enroll", args=[s["id"]]))
    mine = text_of(client.get(reverse("bookings:mine")))
    assert f"抽签时间：{when}" in mine


def test_roll_page_shows_statuses_in_words_and_no_developer_text(client, session, worker, organiser):
    _c, org, _p = organiser
    s = session(mode="lottery", capacity=1, opened_ago=3 * HOUR, open_for=2 * HOUR)
    registered(s, worker, 2, now=timezone.now() - 2 * HOUR)
    client.force_login(org)
    before = text_of(client.get(reverse("bookings:roll", args=[s["id"]])))
    assert "已报名抽签" in before and "registered" not in before
    services.session_draw(session_id=s["id"], by=org)
    after = client.get(reverse("bookings:roll", args=[s["id"]]))
    text = text_of(after)
    assert "已中签，请确认" in text and "候补中" in text
    for code in ("offered", "waitlisted", "registered", "python -m", "GET /api", "/api/v1/"):
        assert code not in text, code
    html = after.content.decode()
    assert reverse("bookings:draws-explained") in html and f'/api/v1/sessions/{s["id"]}/draw"' in html
    assert client.get(reverse("bookings:draws-explained")).status_code == 200


# --- cancelling a scarce place asks first --------------------------------------------------


def test_cancelling_a_won_place_asks_first_and_a_plain_seat_does_not(client, session, worker, organiser):
    _c, org, _p = organiser
    lottery_s = session(mode="lottery", capacity=1, opened_ago=3 * HOUR, open_for=2 * HOUR)
    winner, _loser = registered(lottery_s, worker, 2, now=timezone.now() - 2 * HOUR)
    services.session_draw(session_id=lottery_s["id"], by=org)
    won = Enrollment.objects.get(session_id=lottery_s["id"], status="offered")
    client.force_login(won.user)
    url = reverse("bookings:enrollment-action", args=[won.pk, "cancel"])
    asked = client.post(url)
    text = text_of(asked)
    assert asked.status_code == 200 and "确定取消这个名额吗" in text and "确定取消" in text and "不取消" in text
    assert f'href="{reverse("bookings:mine")}"' in asked.content.decode()  # 不取消 goes back
    assert Enrollment.objects.get(pk=won.pk).status == "offered"
    client.post(url, {"sure": "yes"})
    assert Enrollment.objects.get(pk=won.pk).status == "cancelled"
    # A first-come seat with places left is cancelled at once.
    plain = session(capacity=5, kind="first_aid")
    person = worker()
    e = services.enroll(session_id=plain["id"], user=person)
    client.force_login(person)
    r = client.post(reverse("bookings:enrollment-action", args=[e.pk, "cancel"]))
    assert r.status_code == 302 and Enrollment.objects.get(pk=e.pk).status == "cancelled"
    # Someone else's booking: nothing to confirm, nothing cancelled.
    other = services.enroll(session_id=plain["id"], user=worker())
    client.post(reverse("bookings:enrollment-action", args=[other.pk, "cancel"]), {"sure": "yes"})
    assert Enrollment.objects.get(pk=other.pk).status == "confirmed"
