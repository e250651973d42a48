"""An application's history through the API (API.md: GET /applications/{id} carries
"history", oldest first): a row for every move, who made it as the viewer may read it, and
nobody else's application to be read at all."""

import datetime

import pytest
from django.utils import timezone

from nuanxin.gigs import services
from nuanxin.gigs.models import Application, ApplicationHistory
from nuanxin.gigs.tests.factories import GIG_POINT, gig_payload

pytestmark = pytest.mark.django_db
HERE = {"lat": GIG_POINT[0], "lon": GIG_POINT[1]}


def history(client, app_id: int) -> list[tuple[str, str]]:
    r = client.get(f"/api/v1/applications/{app_id}")
    assert r.status_code == 200, r.content
    rows = r.json()["history"]
    ats = [datetime.datetime.fromisoformat(h["at"]) for h in rows]
    assert ats == sorted(ats)  # oldest first
    return [(h["status"], h["by"]) for h in rows]


def test_every_move_from_apply_to_confirm_is_in_the_history(posted, make_user, client_for):
    boss, gig = posted
    worker_user = make_user("worker", name="李娜", phone="13812345678")
    worker = client_for(worker_user)
    app_id = worker.post(f"/api/v1/shifts/{gig['shifts'][0]['id']}/applications").json()["id"]
    assert history(worker, app_id) == [("pending", "you")]
    assert history(boss, app_id) == [("pending", "worker")]

    assert boss.post(f"/api/v1/applications/{app_id}/accept").status_code == 200
    assert history(worker, app_id) == [("pending", "you"), ("accepted", "employer")]
    assert worker.post(f"/api/v1/applications/{app_id}/check-in", HERE).status_code == 200
    assert history(worker, app_id)[-1] == ("checked_in", "you")
    assert worker.post(f"/api/v1/applications/{app_id}/check-out", HERE).status_code == 200
    assert history(worker, app_id)[-1] == ("checked_out", "you")
    assert boss.post(f"/api/v1/applications/{app_id}/confirm", {"hours": 4}).status_code == 200

    assert history(worker, app_id) == [("pending", "you"), ("accepted", "employer"), ("checked_in", "you"),
                                       ("checked_out", "you"), ("completed", "employer")]
    assert history(boss, app_id) == [("pending", "worker"), ("accepted", "you"), ("checked_in", "worker"),
                                     ("checked_out", "worker"), ("completed", "you")]
    rows = list(ApplicationHistory.objects.filter(application_id=app_id))
    assert [(r.from_status, r.to_status) for r in rows] == [
        ("", "pending"), ("pending", "accepted"), ("accepted", "checked_in"), ("checked_in", "checked_out"),
        ("checked_out", "completed")]
    # The worker's phone and name appear nowhere in the history the employer reads, nor the reverse.
    body = boss.get(f"/api/v1/applications/{app_id}").json()["history"]
    assert "13812345678" not in str(body) and "李娜" not in str(body)
    assert set(body[0]) == {"status", "at", "by", "note"}


def test_strangers_do_not_find_an_application(posted, make_user, client_for):
    _boss, gig = posted
    app_id = client_for(make_user("worker")).post(f"/api/v1/shifts/{gig['shifts'][0]['id']}/applications").json()["id"]
    for stranger in (make_user("worker"), make_user("employer"), make_user("advisor", username="adv-h")):
        r = client_for(stranger).get(f"/api/v1/applications/{app_id}")
        assert r.status_code == 404 and r.json()["error"]["code"] == "not_found"
    assert client_for(make_user("worker")).get("/api/v1/applications/999999").status_code == 404


def test_timed_release_is_the_system_and_cancels_are_kept(posted, make_user, client_for):
    boss, gig = posted
    shift_id = gig["shifts"][0]["id"]
    worker = client_for(make_user("worker"))
    app_id = worker.post(f"/api/v1/shifts/{shift_id}/applications").json()["id"]
    boss.post(f"/api/v1/applications/{app_id}/accept")
    worker.post(f"/api/v1/applications/{app_id}/check-in", HERE)
    worker.post(f"/api/v1/applications/{app_id}/check-out", HERE)
    assert services.release_due_wages(now=timezone.now() + datetime.timedelta(hours=49)) == 1
    last = worker.get(f"/api/v1/applications/{app_id}").json()["history"][-1]
    assert (last["status"], last["by"]) == ("completed", "system") and last["note"]

    # The worker withdraws a pending application; an instant gig books at once.
    other = client_for(make_user("worker"))
    pending = other.post(f"/api/v1/shifts/{shift_id}/applications").json()["id"]
    assert other.post(f"/api/v1/applications/{pending}/cancel", {"reason": ""}).status_code == 200
    assert history(other, pending) == [("pending", "you"), ("cancelled", "you")]
    instant = boss.post("/api/v1/gigs", gig_payload(instant=True)).json()
    boss.post(f"/api/v1/gigs/{instant['id']}/publish")
    booked = other.post(f"/api/v1/shifts/{instant['shifts'][0]['id']}/applications").json()
    assert booked["status"] == "accepted" and history(other, booked["id"]) == [("accepted", "you")]


def test_an_employer_cancelling_a_worked_shift_checks_the_worker_out(posted, make_user, client_for):
    boss, gig = posted
    worker = client_for(make_user("worker"))
    app_id = worker.post(f"/api/v1/shifts/{gig['shifts'][0]['id']}/applications").json()["id"]
    boss.post(f"/api/v1/applications/{app_id}/accept")
    worker.post(f"/api/v1/applications/{app_id}/check-in", HERE)
    assert boss.post(f"/api/v1/shifts/{gig['shifts'][0]['id']}/cancel").status_code == 200
    rows = worker.get(f"/api/v1/applications/{app_id}").json()["history"]
    assert [(h["status"], h["by"]) for h in rows][-1] == ("checked_out", "employer") and rows[-1]["note"]
    assert Application.objects.get(pk=app_id).status == "checked_out"


def test_the_admin_shows_the_history_read_only(posted, make_user, client_for):
    from django.test import Client

    _boss, gig = posted
    app_id = client_for(make_user("worker")).post(f"/api/v1/shifts/{gig['shifts'][0]['id']}/applications").json()["id"]
    admin = make_user("admin", username="admin-h")
    admin.is_superuser = True
    admin.save(update_fields=["is_superuser"])
    browser = Client()
    browser.force_login(admin)
    page = browser.get(f"/admin/gigs/application/{app_id}/change/")
    assert page.status_code == 200
    assert page.content.decode().count('<td class="field-to_status">') == 1
