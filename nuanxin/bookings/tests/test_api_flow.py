"""Bookings through the API, as a partner app would use them: FCFS, waitlist, cancellation,
lottery, consent for children, attendance, no-shows and appeals, bad input."""

import datetime

import pytest
from django.utils import timezone

from nuanxin.accounts import sms
from nuanxin.accounts.models import InboxMessage
from nuanxin.bookings import services
from nuanxin.bookings.models import Enrollment, Session
from nuanxin.bookings.tests.factories import HOUR
from nuanxin.conftest import kid_id
from nuanxin.core import lottery

pytestmark = pytest.mark.django_db


def enroll(client, session_id, **body):
    return client.post(f"/api/v1/sessions/{session_id}/enrollments", body)


def test_first_come_first_served_with_waitlist_and_promotion(session, worker, client_for,
                                                            django_capture_on_commit_callbacks):
    s = session(capacity=2)
    people = [worker() for _ in range(4)]
    clients = [client_for(p) for p in people]
    statuses = [enroll(c, s["id"]).json()["status"] for c in clients]
    assert statuses == ["confirmed", "confirmed", "waitlisted", "waitlisted"]
    assert enroll(clients[0], s["id"]).json()["error"]["code"] == "already_enrolled"

    listed = clients[2].get("/api/v1/me/enrollments").json()["items"][0]
    assert listed["waitlist_position"] == 1
    assert clients[3].get("/api/v1/me/enrollments").json()["items"][0]["waitlist_position"] == 2

    first = clients[0].get("/api/v1/me/enrollments").json()["items"][0]
    sms.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):  # the SMS leaves after the commit
        r = clients[0].delete(f"/api/v1/enrollments/{first['id']}")
    assert r.status_code == 200 and r.json()["status"] == "cancelled"
    # The first on the waiting list has the place, and is told by SMS and in the inbox.
    assert clients[2].get("/api/v1/me/enrollments").json()["items"][0]["status"] == "confirmed"
    assert clients[3].get("/api/v1/me/enrollments").json()["items"][0]["waitlist_position"] == 1
    assert [m["phone"] for m in sms.outbox] == [people[2].phone]
    inbox = clients[2].get("/api/v1/me/inbox").json()
    assert inbox["items"][0]["kind"] == "booking.promoted" and inbox["unread"] == 2
    detail = clients[0].get(f"/api/v1/sessions/{s['id']}").json()
    assert (detail["taken"], detail["places_left"], detail["waitlisted"]) == (2, 0, 1)
    # Cancelling twice, or someone else's booking: refused, nothing changes.
    assert clients[0].delete(f"/api/v1/enrollments/{first['id']}").json()["error"]["code"] == "not_cancellable"
    assert clients[1].delete(f"/api/v1/enrollments/{first['id']}").status_code == 404


def test_offerings_list_shows_places_left(session, worker, client_for, api):
    s = session(capacity=3, kind="first_aid")
    enroll(client_for(worker()), s["id"])
    body = api.get("/api/v1/offerings", {"kind": "first_aid"}).json()
    assert body["count"] == 1
    listed = body["items"][0]["sessions"][0]
    assert (listed["capacity"], listed["taken"], listed["places_left"], listed["mode"]) == (3, 1, 2, "fcfs")
    assert api.get("/api/v1/offerings", {"kind": "summer_care"}).json()["count"] == 0


def test_window_and_eligibility(session, worker, make_user, client_for):
    early = session(opened_ago=-HOUR)            # opens in an hour
    closed = session(opened_ago=3 * HOUR, open_for=HOUR)
    w = client_for(worker())
    r = enroll(w, early["id"])
    assert r.status_code == 409 and r.json()["error"]["code"] == "window_closed"
    assert enroll(w, closed["id"]).json()["error"]["code"] == "window_closed"
    open_one = session()
    unverified = client_for(make_user("worker"))
    r = enroll(unverified, open_one["id"])
    assert r.status_code == 403 and r.json()["error"]["code"] == "not_eligible"
    staff = client_for(make_user("advisor", username="adv-x"))
    assert enroll(staff, open_one["id"]).json()["error"]["code"] == "not_eligible"
    assert enroll(w, open_one["id"], child_id=1).status_code in (404, 422)
    assert Enrollment.objects.count() == 0
    assert enroll(w, 999999).status_code == 404


def test_one_place_per_person_per_offering(organiser, offering, worker, client_for):
    client, _u, _p = organiser
    from nuanxin.bookings.tests.factories import session_body

    o = offering()
    s1 = client.post(f"/api/v1/offerings/{o['id']}/sessions", session_body(label="A班")).json()
    s2 = client.post(f"/api/v1/offerings/{o['id']}/sessions", session_body(label="B班")).json()
    w = client_for(worker())
    assert enroll(w, s1["id"]).status_code == 201
    r = enroll(w, s2["id"])
    assert r.status_code == 409 and r.json()["error"]["code"] == "already_enrolled"


def test_summer_care_child_needs_guardian_consent_under_14(session, worker, client_for, make_user):
    s = session(kind="summer_care", offering_extra={"title": "暑托班 非遗手工"})
    parent = worker()
    p = client_for(parent)
    young = p.post("/api/v1/me/children", {"name": "李小雨", "birth_date": "2017-05-01", "grade": "g3",
                                            "id_number": kid_id("2017-05-01")}).json()
    assert enroll(p, s["id"]).status_code == 422                      # which child?
    r = enroll(p, s["id"], child_id=young["id"])
    assert r.status_code == 403 and r.json()["error"]["code"] == "not_eligible"
    assert "child_id" in r.json()["error"]["fields"]
    assert not Enrollment.objects.exists()
    # Another parent cannot consent for, or enrol, this child (no IDOR).
    other = client_for(worker())
    assert other.post(f"/api/v1/me/children/{young['id']}/consent", {"agree": True}).status_code == 404
    assert enroll(other, s["id"], child_id=young["id"]).status_code == 404
    assert p.post(f"/api/v1/me/children/{young['id']}/consent", {"agree": False}).status_code == 422
    assert p.post(f"/api/v1/me/children/{young['id']}/consent", {"agree": True}).status_code == 201
    r = enroll(p, s["id"], child_id=young["id"])
    assert r.status_code == 201 and r.json()["child_id"] == young["id"]
    # Withdrawn consent stops new enrolments.
    p.delete(f"/api/v1/me/children/{young['id']}/consent")
    twin = p.post("/api/v1/me/children", {"name": "李小风", "birth_date": "2017-05-01", "grade": "g3",
                                           "id_number": kid_id("2017-05-01", 2)}).json()
    assert enroll(p, s["id"], child_id=twin["id"]).json()["error"]["code"] == "not_eligible"
    too_young = p.post("/api/v1/me/children", {"name": "李小宝", "birth_date": "2023-01-01",
                                               "grade": "preschool", "id_number": kid_id("2023-01-01")}).json()
    p.post(f"/api/v1/me/children/{too_young['id']}/consent", {"agree": True})
    r = enroll(p, s["id"], child_id=too_young["id"])
    assert r.json()["error"]["code"] == "not_eligible" and "6" in r.json()["error"]["message"]


def test_lottery_commitment_draw_confirm_and_pass_down(session, worker, client_for, organiser, api):
    org_client, _u, _p = organiser
    s = session(mode="lottery", capacity=3, offering_extra={"confirm_hours": 12})
    assert len(s["seed_hash"]) == 64 and s["seed"] is None
    people = [worker() for _ in range(8)]
    clients = [client_for(p) for p in people]
    tickets = [enroll(c, s["id"]).json() for c in clients]
    assert {t["status"] for t in tickets} == {"registered"}
    assert [t["ticket"] for t in tickets] == list(range(1, 9))  # numbers in the session, not ids
    assert api.get(f"/api/v1/sessions/{s['id']}/draw").json()["seed"] is None
    # Only the organiser draws, and only once registration has closed or with a reason to close it early.
    assert clients[0].post(f"/api/v1/sessions/{s['id']}/draw").status_code == 403
    early = org_client.post(f"/api/v1/sessions/{s['id']}/draw")
    assert early.status_code == 409 and early.json()["error"]["code"] == "window_open"
    r = org_client.post(f"/api/v1/sessions/{s['id']}/draw", {"close_early_reason": "老师临时出差，提前抽签"})
    assert r.status_code == 200, r.content
    draw = r.json()
    assert lottery.commitment(draw["seed"]) == s["seed_hash"]      # the hash published before
    assert len(draw["winners"]) == 3 and sorted(draw["ranking"]) == sorted(t["ticket"] for t in tickets)
    assert draw["closed_early_reason"] == "老师临时出差，提前抽签" and draw["planned_closes_at"]
    assert lottery.verify(api.get(f"/api/v1/sessions/{s['id']}/draw").json()) == []
    assert org_client.post(f"/api/v1/sessions/{s['id']}/draw").json() == draw   # idempotent
    assert enroll(client_for(worker()), s["id"]).json()["error"]["code"] == "window_closed"

    by_ticket = {t["ticket"]: (t["id"], c) for t, c in zip(tickets, clients, strict=True)}
    (winner, winner_client), (loser, loser_client) = by_ticket[draw["winners"][0]], by_ticket[draw["ranking"][3]]
    mine = winner_client.get("/api/v1/me/enrollments").json()["items"][0]
    assert mine["status"] == "offered" and mine["offer_expires_at"] and mine["ticket"] == draw["winners"][0]
    assert winner_client.post(f"/api/v1/enrollments/{winner}/confirm").json()["status"] == "confirmed"
    assert loser_client.get("/api/v1/me/enrollments").json()["items"][0]["waitlist_position"] == 1
    assert loser_client.post(f"/api/v1/enrollments/{loser}/confirm").json()["error"]["code"] == "not_offered"

    # The second winner never confirms: after the deadline the place passes to rank 4.
    drawn = Enrollment.objects.filter(session_id=s["id"])
    later = timezone.now() + datetime.timedelta(hours=13)
    assert services.expire_offers(now=later) == 2
    assert drawn.get(ticket=draw["winners"][1]).status == "expired"
    promoted = drawn.filter(status="offered").order_by("rank")
    assert [e.ticket for e in promoted] == draw["ranking"][3:5]
    assert Session.objects.get(pk=s["id"]).taken == 3
    # Losers get a higher weight next time in the same kind; winners do not.
    lost = drawn.get(ticket=draw["ranking"][-1])
    assert services.priority(lost.offering, user=lost.user, person=lost.person, now=later)["weight"] == 15
    won = Enrollment.objects.get(pk=winner)
    assert services.priority(won.offering, user=won.user, person=won.person, now=later)["weight"] == 10


def test_timed_draw_runs_once_when_the_window_closes(session, worker, client_for):
    s = session(mode="lottery", capacity=1, open_for=2 * HOUR)
    for _ in range(3):
        enroll(client_for(worker()), s["id"])
    assert services.draw_due() == 0
    later = timezone.now() + 3 * HOUR
    assert services.draw_due(now=later) == 1
    assert services.draw_due(now=later) == 0
    assert Enrollment.objects.filter(status="offered").count() == 1
    assert InboxMessage.objects.filter(kind="booking.lottery_result").count() == 3


def test_attendance_no_show_lowers_priority_and_appeal_restores_it(session, worker, client_for, organiser):
    org_client, _u, _p = organiser
    s = session(capacity=5, starts_in=2 * HOUR, open_for=2 * HOUR)
    a, b = worker(), worker()
    ea = enroll(client_for(a), s["id"]).json()
    eb = enroll(client_for(b), s["id"]).json()
    roll = org_client.get(f"/api/v1/sessions/{s['id']}/roll").json()
    assert roll["count"] == 2 and len(roll["checkin_code"]) == 6
    # a scans the QR code at the door (check-in opens an hour before the start).
    start = Session.objects.get(pk=s["id"]).start
    services.check_in(enrollment_id=ea["id"], user=a, code=roll["checkin_code"], now=start)
    with pytest.raises(services.InvalidInput):
        services.check_in(enrollment_id=eb["id"], user=b, code="000000" if roll["checkin_code"] != "000000"
                          else "111111", now=start)
    assert services.roll_close(session_id=s["id"], by=_u, now=start + 3 * HOUR) == 1
    assert Enrollment.objects.get(pk=ea["id"]).status == "attended"
    assert Enrollment.objects.get(pk=eb["id"]).status == "no_show"
    off = Enrollment.objects.get(pk=eb["id"]).offering
    assert services.priority(off, user=b, person=f"u{b.pk}", now=start)["weight"] == 5
    bc = client_for(b)
    assert bc.post(f"/api/v1/enrollments/{eb['id']}/appeal", {"text": "孩子发烧去医院了"}).json()["appeal_status"] == "pending"
    assert bc.post(f"/api/v1/enrollments/{eb['id']}/appeal", {"text": "again"}).status_code == 409
    assert bc.post(f"/api/v1/enrollments/{eb['id']}/appeal/decide", {"accept": True}).status_code == 403
    r = org_client.post(f"/api/v1/enrollments/{eb['id']}/appeal/decide", {"accept": True})
    assert r.status_code == 200 and r.json()["appeal_status"] == "accepted"
    assert services.priority(off, user=b, person=f"u{b.pk}", now=start)["weight"] == 10


def test_other_organisers_cannot_touch_a_session(session, make_user, client_for, worker):
    s = session()
    stranger = client_for(make_user("organiser", username="other-org"))
    assert stranger.get(f"/api/v1/sessions/{s['id']}/roll").status_code == 403
    assert stranger.post(f"/api/v1/sessions/{s['id']}/roll/close").status_code == 403
    assert client_for(worker()).get(f"/api/v1/sessions/{s['id']}/roll").status_code == 403


def test_bad_session_input_is_refused(organiser, offering):
    client, _u, _p = organiser
    o = offering()
    from nuanxin.bookings.tests.factories import session_body

    backwards = session_body()
    backwards["end"] = backwards["start"]
    r = client.post(f"/api/v1/offerings/{o['id']}/sessions", backwards)
    assert r.status_code == 422 and "end" in r.json()["error"]["fields"]
    late = session_body(open_for=100 * HOUR)
    assert "closes_at" in client.post(f"/api/v1/offerings/{o['id']}/sessions", late).json()["error"]["fields"]
    naive = session_body()
    naive["start"] = naive["start"][:19]
    assert client.post(f"/api/v1/offerings/{o['id']}/sessions", naive).status_code == 422
    assert client.post(f"/api/v1/offerings/{o['id']}/sessions", session_body(capacity=0)).status_code == 422
    assert Session.objects.count() == 0


def test_volunteer_register_and_hours(organiser, client_for, make_user):
    client, _u, _p = organiser
    r = client.post("/api/v1/volunteers", {"phone": "13912345678", "name": "刘老师", "subjects": "书法"})
    assert r.status_code == 201
    assert client.get("/api/v1/volunteers").json()["items"][0]["hours_served"] == 0
    assert client_for(make_user("worker")).get("/api/v1/volunteers").status_code == 403


