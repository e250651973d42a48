"""An enrolment's history through the API (API.md: GET /enrollments/{id} carries "history",
oldest first): enrol, cancel, the waiting list, the draw (by the organiser or at the close),
offers confirmed and expired, the roll; the person and the offering's organisers read it,
nobody else finds it."""

import datetime

import pytest
from django.utils import timezone

from nuanxin.bookings import services
from nuanxin.bookings.models import EnrollmentHistory, Session
from nuanxin.bookings.tests.factories import HOUR

pytestmark = pytest.mark.django_db


def enroll(client, session_id):
    r = client.post(f"/api/v1/sessions/{session_id}/enrollments", {})
    assert r.status_code == 201, r.content
    return r.json()["id"]


def history(client, enrollment_id: int) -> list[tuple[str, str]]:
    r = client.get(f"/api/v1/enrollments/{enrollment_id}")
    assert r.status_code == 200, r.content
    rows = r.json()["history"]
    ats = [datetime.datetime.fromisoformat(h["at"]) for h in rows]
    assert ats == sorted(ats)  # oldest first
    return [(h["status"], h["by"]) for h in rows]


def test_enrol_cancel_and_the_waiting_list_promotion(session, worker, client_for, organiser, make_user):
    org_client, _u, _p = organiser
    s = session(capacity=1)
    a, b = client_for(worker()), client_for(worker())
    ea, eb = enroll(a, s["id"]), enroll(b, s["id"])
    assert history(a, ea) == [("confirmed", "you")]
    assert history(b, eb) == [("waitlisted", "you")]
    assert a.delete(f"/api/v1/enrollments/{ea}").status_code == 200
    assert history(a, ea) == [("confirmed", "you"), ("cancelled", "you")]
    # The seat passed down the waiting list by itself: the system moved it, not the canceller.
    assert history(b, eb) == [("waitlisted", "you"), ("confirmed", "system")]
    assert history(org_client, ea) == [("confirmed", "worker"), ("cancelled", "worker")]
    detail = b.get(f"/api/v1/enrollments/{eb}").json()
    assert detail["status"] == "confirmed" and detail["session_id"] == s["id"]
    assert set(detail["history"][0]) == {"status", "at", "by", "note"}
    # Nobody else: another worker, another organiser, staff of another kind; and no such id.
    for stranger in (worker(), make_user("organiser", username="org-h"), make_user("advisor", username="adv-h")):
        r = client_for(stranger).get(f"/api/v1/enrollments/{ea}")
        assert r.status_code == 404 and r.json()["error"]["code"] == "not_found"
    assert a.get("/api/v1/enrollments/999999").status_code == 404


def test_lottery_draw_by_the_organiser_and_the_confirmation(session, worker, client_for, organiser):
    org_client, _u, _p = organiser
    s = session(mode="lottery", capacity=1)
    clients = [client_for(worker()) for _ in range(3)]
    ids = [enroll(c, s["id"]) for c in clients]
    assert all(history(c, e) == [("registered", "you")] for c, e in zip(clients, ids, strict=True))
    draw = org_client.post(f"/api/v1/sessions/{s['id']}/draw", {"close_early_reason": "老师临时出差，提前抽签"}).json()
    by_ticket = dict(zip(range(1, 4), zip(clients, ids, strict=True), strict=True))
    winner_client, winner = by_ticket[draw["winners"][0]]
    loser_client, loser = by_ticket[draw["ranking"][1]]
    assert history(winner_client, winner) == [("registered", "you"), ("offered", "organiser")]
    assert history(loser_client, loser) == [("registered", "you"), ("waitlisted", "organiser")]
    note = winner_client.get(f"/api/v1/enrollments/{winner}").json()["history"][-1]["note"]
    assert note == "老师临时出差，提前抽签"
    assert winner_client.post(f"/api/v1/enrollments/{winner}/confirm").status_code == 200
    assert history(winner_client, winner)[-1] == ("confirmed", "you")
    assert history(org_client, winner) == [("registered", "worker"), ("offered", "you"), ("confirmed", "worker")]


def test_timed_draw_expiry_and_pass_down_are_the_system(session, worker, client_for):
    s = session(mode="lottery", capacity=1, open_for=2 * HOUR, offering_extra={"confirm_hours": 12})
    clients = [client_for(worker()) for _ in range(2)]
    ids = [enroll(c, s["id"]) for c in clients]
    later = timezone.now() + 3 * HOUR
    assert services.draw_due(now=later) == 1
    session_row = Session.objects.get(pk=s["id"])
    first, second = (i - 1 for i in session_row.draw_ranking)  # tickets 1 and 2 are clients 0 and 1
    (wc, w), (lc, loser) = (clients[first], ids[first]), (clients[second], ids[second])
    assert history(wc, w) == [("registered", "you"), ("offered", "system")]
    assert services.expire_offers(now=later + 13 * HOUR) == 1
    assert history(wc, w) == [("registered", "you"), ("offered", "system"), ("expired", "system")]
    assert history(lc, loser) == [("registered", "you"), ("waitlisted", "system"), ("offered", "system")]
    assert [(r.from_status, r.to_status) for r in EnrollmentHistory.objects.filter(enrollment_id=loser)] == [
        ("", "registered"), ("registered", "waitlisted"), ("waitlisted", "offered")]


def test_check_in_and_the_closed_roll(session, worker, client_for, organiser):
    org_client, org_user, _p = organiser
    s = session(capacity=5, starts_in=2 * HOUR, open_for=2 * HOUR)
    a, b = worker(), worker()
    ea, eb = enroll(client_for(a), s["id"]), enroll(client_for(b), s["id"])
    code = org_client.get(f"/api/v1/sessions/{s['id']}/roll").json()["checkin_code"]
    start = Session.objects.get(pk=s["id"]).start
    services.check_in(enrollment_id=ea, user=a, code=code, now=start)
    assert services.roll_close(session_id=s["id"], by=org_user, now=start + 3 * HOUR) == 1
    assert history(client_for(a), ea) == [("confirmed", "you"), ("attended", "you")]
    assert history(client_for(b), eb) == [("confirmed", "you"), ("no_show", "organiser")]
    assert history(org_client, eb) == [("confirmed", "worker"), ("no_show", "you")]


def test_the_admin_shows_the_history_read_only(session, worker, client_for, organiser):
    _c, org_user, _p = organiser
    s = session(capacity=1)
    a = client_for(worker())
    ea = enroll(a, s["id"])
    a.delete(f"/api/v1/enrollments/{ea}")
    from django.test import Client

    browser = Client()
    browser.force_login(org_user)
    page = browser.get(f"/admin/bookings/enrollment/{ea}/change/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "enrollmenthistory_set" not in html and "history-TOTAL_FORMS" in html
    assert html.count('<td class="field-to_status">') == 2
    assert 'name="history-0-note"' not in html  # shown, not editable
