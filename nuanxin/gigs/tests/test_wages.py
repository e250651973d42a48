"""The wage guarantee in the gig market: escrow before publishing, pay on confirmation or
after 48 hours, refunds of unworked places, late-cancel fees and dispute splits from escrow."""

import datetime

import pytest
from django.utils import timezone

from nuanxin.gigs import services
from nuanxin.gigs.models import Application, Shift
from nuanxin.gigs.tests.factories import GIG_POINT, fund, gig_payload
from nuanxin.wages.choices import AccountKind
from nuanxin.wages.selectors import balance, ledger_problems

pytestmark = pytest.mark.django_db

PER_PLACE = 3000 * 4  # 30 yuan an hour for 4 hours


def worked(boss, worker, shift_id):
    app_id = worker.post(f"/api/v1/shifts/{shift_id}/applications").json()["id"]
    boss.post(f"/api/v1/applications/{app_id}/accept")
    worker.post(f"/api/v1/applications/{app_id}/check-in", {"lat": GIG_POINT[0], "lon": GIG_POINT[1]})
    worker.post(f"/api/v1/applications/{app_id}/check-out", {"lat": GIG_POINT[0], "lon": GIG_POINT[1]})
    return app_id


def test_publishing_needs_the_wages_in_escrow(make_user, client_for):
    from nuanxin.accounts.models import Employer

    user = make_user("employer")
    org = Employer.objects.create(name="小店", uscc="91110000600037341L", contact_name="王", contact_phone="13900000005",
                                  status="verified")
    org.contacts.add(user)
    c = client_for(user)
    gig = c.post("/api/v1/gigs", gig_payload()).json()
    r = c.post(f"/api/v1/gigs/{gig['id']}/publish")
    assert r.status_code == 409 and r.json()["error"]["code"] == "escrow_insufficient"
    assert balance(AccountKind.EMPLOYER_ESCROW, org) == 0
    fund(org, user, 2 * PER_PLACE)
    assert c.post(f"/api/v1/gigs/{gig['id']}/publish").json()["status"] == "open"
    assert balance(AccountKind.EMPLOYER_ESCROW, org) == 2 * PER_PLACE
    assert balance(AccountKind.EMPLOYER_AVAILABLE, org) == 0
    assert c.post(f"/api/v1/gigs/{gig['id']}/publish").status_code == 200  # again: nothing held twice
    assert balance(AccountKind.EMPLOYER_ESCROW, org) == 2 * PER_PLACE


def test_confirmation_pays_the_confirmed_hours_and_returns_the_rest(employer, make_user, client_for):
    boss, _user, org = employer
    gig = boss.post("/api/v1/gigs", gig_payload()).json()
    boss.post(f"/api/v1/gigs/{gig['id']}/publish")
    before = balance(AccountKind.EMPLOYER_AVAILABLE, org)
    worker_user = make_user()
    app_id = worked(boss, client_for(worker_user), gig["shifts"][0]["id"])
    r = boss.post(f"/api/v1/applications/{app_id}/confirm", {"hours": 3})
    assert r.json()["wage_fen"] == 9000
    assert balance(AccountKind.WORKER_AVAILABLE, worker_user) == 9000
    assert balance(AccountKind.EMPLOYER_AVAILABLE, org) == before + PER_PLACE - 9000
    assert Shift.objects.get(pk=gig["shifts"][0]["id"]).escrow_fen == PER_PLACE  # the other place
    assert client_for(worker_user).get("/api/v1/wallet").json()["available_fen"] == 9000
    assert ledger_problems() == []


def test_auto_release_after_48_hours_runs_once_and_skips_disputes(employer, make_user, client_for):
    boss, _user, _org = employer
    gig = boss.post("/api/v1/gigs", gig_payload()).json()
    boss.post(f"/api/v1/gigs/{gig['id']}/publish")
    quiet, angry = make_user(), make_user()
    quiet_app = worked(boss, client_for(quiet), gig["shifts"][0]["id"])
    angry_app = worked(boss, client_for(angry), gig["shifts"][0]["id"])
    client_for(angry).post(f"/api/v1/applications/{angry_app}/dispute", {"text": "时间算错了"})
    Application.objects.filter(pk=quiet_app).update(worked_minutes=240)
    later = timezone.now() + datetime.timedelta(hours=49)
    assert services.release_due_wages(now=later) == 1
    assert services.release_due_wages(now=later) == 0
    assert balance(AccountKind.WORKER_AVAILABLE, quiet) == PER_PLACE
    assert balance(AccountKind.WORKER_AVAILABLE, angry) == 0
    assert Application.objects.get(pk=angry_app).status == "disputed"
    # Legal staff split the frozen wage.
    lawyer = client_for(make_user("legal", username="law"))
    r = lawyer.post(f"/api/v1/applications/{angry_app}/dispute-settle", {"worker_fen": 10000})
    assert r.status_code == 200 and r.json()["wage_fen"] == 10000
    assert balance(AccountKind.WORKER_AVAILABLE, angry) == 10000
    assert lawyer.post(f"/api/v1/applications/{angry_app}/dispute-settle", {"worker_fen": 1}).status_code == 409
    assert ledger_problems() == []


def test_unworked_places_come_back_when_the_shift_ends(employer, make_user, client_for):
    boss, _user, org = employer
    gig = boss.post("/api/v1/gigs", gig_payload()).json()
    boss.post(f"/api/v1/gigs/{gig['id']}/publish")
    start_available = balance(AccountKind.EMPLOYER_AVAILABLE, org)
    app_id = worked(boss, client_for(make_user()), gig["shifts"][0]["id"])
    after_end = timezone.now() + datetime.timedelta(hours=6)
    assert services.refund_ended_shifts(now=after_end) == 1
    assert services.refund_ended_shifts(now=after_end) == 0
    assert balance(AccountKind.EMPLOYER_AVAILABLE, org) == start_available + PER_PLACE  # one empty place back
    boss.post(f"/api/v1/applications/{app_id}/confirm", {"hours": 4})
    assert Shift.objects.get(pk=gig["shifts"][0]["id"]).escrow_fen == 0
    assert ledger_problems() == []


def test_late_cancellation_pays_the_fee_from_escrow(employer, make_user, client_for):
    boss, _user, org = employer
    gig = boss.post("/api/v1/gigs", gig_payload()).json()
    boss.post(f"/api/v1/gigs/{gig['id']}/publish")
    before = balance(AccountKind.EMPLOYER_AVAILABLE, org)
    worker = make_user()
    app_id = client_for(worker).post(f"/api/v1/shifts/{gig['shifts'][0]['id']}/applications").json()["id"]
    boss.post(f"/api/v1/applications/{app_id}/accept")
    boss.post(f"/api/v1/shifts/{gig['shifts'][0]['id']}/cancel")
    fee = max(2000, PER_PLACE // 5)
    assert balance(AccountKind.WORKER_AVAILABLE, worker) == fee
    assert balance(AccountKind.EMPLOYER_AVAILABLE, org) == before + 2 * PER_PLACE - fee
    assert balance(AccountKind.EMPLOYER_ESCROW, org) == 0
    assert ledger_problems() == []


def test_my_shifts_shows_each_wage_with_its_gig(client, employer, make_user, client_for):
    boss, _user, _org = employer
    gig = boss.post("/api/v1/gigs", gig_payload()).json()
    boss.post(f"/api/v1/gigs/{gig['id']}/publish")
    worker = make_user()
    app_id = worked(boss, client_for(worker), gig["shifts"][0]["id"])
    boss.post(f"/api/v1/applications/{app_id}/confirm", {"hours": 4})
    client.force_login(worker)
    page = client.get("/gigs/mine/").content.decode()
    assert "家庭保洁" in page and "已发工资：¥120.00" in page
