"""The wage guarantee holds for the worker too (issue 10, holes 1–3): an employer cannot cancel
away, confirm away or under-confirm what was earned, and a worker cannot over-claim. Each test
goes through the API (and the pages where a person would act) and ends with the ledger audit."""

import datetime

import pytest
from django.utils import timezone

from nuanxin.cases.models import Case
from nuanxin.core.errors import Conflict
from nuanxin.gigs import services
from nuanxin.gigs.models import Application, Shift
from nuanxin.gigs.tests.factories import GIG_POINT, fund, gig_payload
from nuanxin.wages.choices import AccountKind
from nuanxin.wages.selectors import balance, ledger_problems

pytestmark = pytest.mark.django_db

RATE = 3000             # 30 yuan an hour (gig_payload)
BOOKED = RATE * 4       # a 4-hour shift
MIN = datetime.timedelta(minutes=1)


@pytest.fixture
def shift(employer):
    """A published 4-hour shift for 2 people: (employer client, org, Shift)."""
    boss, user, org = employer
    boss.user = user  # the employer's contact, for the page tests and direct service calls
    gig = boss.post("/api/v1/gigs", gig_payload()).json()
    assert boss.post(f"/api/v1/gigs/{gig['id']}/publish").status_code == 200
    return boss, org, Shift.objects.get(pk=gig["shifts"][0]["id"])


def hired(boss, worker_client, shift) -> int:
    app_id = worker_client.post(f"/api/v1/shifts/{shift.pk}/applications").json()["id"]
    assert boss.post(f"/api/v1/applications/{app_id}/accept").status_code == 200
    return app_id


def check_in(app_id, worker, at):
    services.check_in(application_id=app_id, worker=worker, lat=GIG_POINT[0], lon=GIG_POINT[1], now=at)


def check_out(app_id, worker, at):
    services.check_out(application_id=app_id, worker=worker, lat=GIG_POINT[0], lon=GIG_POINT[1], now=at)


def worked_whole_shift(boss, worker, client_for, shift) -> int:
    app_id = hired(boss, client_for(worker), shift)
    check_in(app_id, worker, shift.start)
    check_out(app_id, worker, shift.end)
    return app_id


# --- hole 1: cancel after work ------------------------------------------------------------------


def test_cancelling_after_check_in_pays_the_whole_booked_shift(shift, make_user, client_for):
    boss, org, s = shift
    worker = make_user()
    app_id = hired(boss, client_for(worker), s)
    check_in(app_id, worker, s.start + 30 * MIN)
    available_before = balance(AccountKind.EMPLOYER_AVAILABLE, org)

    r = boss.post(f"/api/v1/shifts/{s.pk}/cancel")
    assert r.status_code == 200
    app = client_for(worker).get(f"/api/v1/applications/{app_id}").json()
    assert app["status"] == "checked_out"       # not cancelled: ended early, to be paid
    assert app["recorded_minutes"] == 240 and app["worked_minutes"] == 240
    # Only the empty place went back; the worker's place stays in escrow.
    assert balance(AccountKind.EMPLOYER_AVAILABLE, org) == available_before + BOOKED
    assert Shift.objects.get(pk=s.pk).escrow_fen == BOOKED
    # Confirming less than the booked shift needs a reason of its own, and the rest stays held.
    assert boss.post(f"/api/v1/applications/{app_id}/confirm", {"hours": 1}).status_code == 422
    confirmed = boss.post(f"/api/v1/applications/{app_id}/confirm", {"hours": 1, "reason": "只干了一小时"}).json()
    assert (confirmed["wage_fen"], confirmed["contested_fen"]) == (RATE, BOOKED - RATE)
    # The worker can dispute it (today: 409 not_disputable, and the escrow already returned).
    assert client_for(worker).post(f"/api/v1/applications/{app_id}/dispute", {"text": "x"}).status_code == 201
    assert ledger_problems() == []


def test_cancelled_after_check_in_the_normal_release_pays_the_booked_wage(shift, make_user, client_for):
    boss, _org, s = shift
    worker = make_user()
    app_id = hired(boss, client_for(worker), s)
    check_in(app_id, worker, s.start)
    boss.post(f"/api/v1/shifts/{s.pk}/cancel")
    assert services.release_due_wages(now=timezone.now() + datetime.timedelta(hours=49)) == 1
    assert balance(AccountKind.WORKER_AVAILABLE, worker) == BOOKED
    assert Application.objects.get(pk=app_id).status == "completed"
    assert ledger_problems() == []


def test_a_paid_application_keeps_its_status_and_wage_when_the_shift_is_cancelled(shift, make_user, client_for):
    boss, _org, s = shift
    worker = make_user()
    app_id = worked_whole_shift(boss, worker, client_for, s)
    assert boss.post(f"/api/v1/applications/{app_id}/confirm", {}).json()["wage_fen"] == BOOKED
    boss.post(f"/api/v1/shifts/{s.pk}/cancel")
    app = Application.objects.get(pk=app_id)
    assert app.status == "completed" and app.wage_fen == BOOKED
    assert balance(AccountKind.WORKER_AVAILABLE, worker) == BOOKED
    assert ledger_problems() == []


def test_a_disputed_wage_stays_held_whatever_the_employer_does(shift, make_user, client_for):
    boss, _org, s = shift
    worker = make_user()
    app_id = worked_whole_shift(boss, worker, client_for, s)
    assert client_for(worker).post(f"/api/v1/applications/{app_id}/dispute", {"text": "少算了"}).status_code == 201
    boss.post(f"/api/v1/shifts/{s.pk}/cancel")
    services.refund_ended_shifts(now=s.end + datetime.timedelta(hours=1))
    assert Application.objects.get(pk=app_id).status == "disputed"
    assert Shift.objects.get(pk=s.pk).escrow_fen == BOOKED
    lawyer = client_for(make_user("legal", username="lawyer"))
    r = lawyer.post(f"/api/v1/applications/{app_id}/dispute-settle", {"worker_fen": BOOKED})
    assert r.status_code == 200 and balance(AccountKind.WORKER_AVAILABLE, worker) == BOOKED
    assert ledger_problems() == []


def test_confirming_short_then_cancelling_still_pays_the_booked_shift(shift, make_user, client_for):
    """Found by the money state machine: the employer confirms a checked-in worker for no time
    at all during the shift, then cancels it. Everyone who checked in is owed the booked shift,
    so the cancel pays the difference from the employer's money (escrow_settle refuses, and the
    whole cancel with it, when the money is not there)."""
    boss, org, s = shift
    worker = make_user()
    app_id = hired(boss, client_for(worker), s)
    check_in(app_id, worker, s.start)
    services.application_confirm(application_id=app_id, by=boss.user, minutes=0, reason="少干了", now=s.start)
    assert Application.objects.get(pk=app_id).wage_fen == 0
    services.shift_cancel(shift_id=s.pk, by=boss.user, now=s.start + MIN)
    app = Application.objects.get(pk=app_id)
    assert app.status == "completed" and app.wage_fen == BOOKED
    assert balance(AccountKind.WORKER_AVAILABLE, worker) == BOOKED
    assert ledger_problems() == []


def test_an_ended_shift_cannot_be_cancelled(shift):
    boss, _org, s = shift
    with pytest.raises(Conflict) as exc:
        services.shift_cancel(shift_id=s.pk, by=boss.user, now=s.end + MIN)
    assert exc.value.code == "shift_ended"


# --- hole 2: confirm fewer hours, with recourse ----------------------------------------------------


def test_confirming_fewer_hours_pays_the_rest_later_or_on_dispute(shift, make_user, client_for):
    boss, org, s = shift
    worker = make_user()
    wc = client_for(worker)
    app_id = worked_whole_shift(boss, worker, client_for, s)

    no_reason = boss.post(f"/api/v1/applications/{app_id}/confirm", {"hours": 0})
    assert no_reason.status_code == 422 and "reason" in no_reason.json()["error"]["fields"]
    assert Application.objects.get(pk=app_id).status == "checked_out"

    r = boss.post(f"/api/v1/applications/{app_id}/confirm", {"hours": 2, "reason": "中午离岗两小时"})
    assert r.status_code == 200
    body = wc.get(f"/api/v1/applications/{app_id}").json()
    assert body["status"] == "completed" and body["wage_fen"] == RATE * 2
    assert body["recorded_minutes"] == 240 and body["worked_minutes"] == 120
    assert body["contested_fen"] == RATE * 2 and body["timesheet_note"] == "中午离岗两小时"
    assert balance(AccountKind.WORKER_AVAILABLE, worker) == RATE * 2
    assert Shift.objects.get(pk=s.pk).escrow_fen == BOOKED + RATE * 2  # the other place + the held part

    # A completed shift can now be disputed (today: 409 not_disputable); the held part stays held.
    d = wc.post(f"/api/v1/applications/{app_id}/dispute", {"text": "我全程在岗，有打卡记录"})
    assert d.status_code == 201 and d.json()["type"] == "rights"
    assert wc.post(f"/api/v1/applications/{app_id}/dispute", {"text": "again"}).json()["error"]["code"] == \
        "already_disputed"
    assert services.release_contested_wages(now=timezone.now() + datetime.timedelta(hours=80)) == 0
    lawyer = client_for(make_user("legal", username="lawyer"))
    too_much = lawyer.post(f"/api/v1/applications/{app_id}/dispute-settle", {"worker_fen": RATE * 2 + 1})
    assert too_much.status_code == 422
    settled = lawyer.post(f"/api/v1/applications/{app_id}/dispute-settle", {"worker_fen": RATE * 2})
    assert settled.status_code == 200 and settled.json()["wage_fen"] == BOOKED
    assert balance(AccountKind.WORKER_AVAILABLE, worker) == BOOKED
    assert Shift.objects.get(pk=s.pk).escrow_fen == BOOKED  # only the other, unfilled place
    assert org.pk and ledger_problems() == []


def test_held_hours_go_to_the_worker_after_72_hours_unless_they_agree(shift, make_user, client_for):
    boss, org, s = shift
    silent, agreeing = make_user(), make_user()
    silent_app = worked_whole_shift(boss, silent, client_for, s)
    agreeing_app = worked_whole_shift(boss, agreeing, client_for, s)
    available = balance(AccountKind.EMPLOYER_AVAILABLE, org)
    for app_id in (silent_app, agreeing_app):
        boss.post(f"/api/v1/applications/{app_id}/confirm", {"hours": 3, "reason": "提前走了"})
    r = client_for(agreeing).post(f"/api/v1/applications/{agreeing_app}/accept-hours")
    assert r.status_code == 200 and r.json()["contested_fen"] == 0
    assert client_for(silent).post(f"/api/v1/applications/{agreeing_app}/accept-hours").status_code == 404

    assert services.release_contested_wages(now=timezone.now() + datetime.timedelta(hours=71)) == 0
    later = timezone.now() + datetime.timedelta(hours=73)
    assert services.release_contested_wages(now=later) == 1
    assert services.release_contested_wages(now=later) == 0
    assert balance(AccountKind.WORKER_AVAILABLE, silent) == BOOKED
    assert balance(AccountKind.WORKER_AVAILABLE, agreeing) == RATE * 3
    assert balance(AccountKind.EMPLOYER_AVAILABLE, org) == available + RATE  # what the agreeing worker gave up
    assert Shift.objects.get(pk=s.pk).escrow_fen == 0
    assert ledger_problems() == []


def test_a_completed_shift_can_be_disputed_for_seven_days_only(shift, make_user, client_for):
    boss, _org, s = shift
    worker = make_user()
    app_id = worked_whole_shift(boss, worker, client_for, s)
    boss.post(f"/api/v1/applications/{app_id}/confirm", {})
    with pytest.raises(Conflict) as exc:
        services.application_dispute(application_id=app_id, by=worker, now=timezone.now() + datetime.timedelta(days=8))
    assert exc.value.code == "not_disputable"
    assert client_for(worker).post(f"/api/v1/applications/{app_id}/dispute", {"text": "工资不对"}).status_code == 201


def test_the_worker_sees_why_and_disputes_from_my_shifts(client, shift, make_user, client_for):
    boss, _org, s = shift
    worker = make_user(name="李娜")
    app_id = worked_whole_shift(boss, worker, client_for, s)
    boss.post(f"/api/v1/applications/{app_id}/confirm", {"hours": 2.5, "reason": "迟到一个半小时"})
    client.force_login(worker)
    page = client.get("/gigs/mine/").content.decode()
    assert "迟到一个半小时" in page                             # the reason
    assert f"{s.start.astimezone(timezone.get_current_timezone()):%H:%M}" in page  # the recorded times
    assert "¥45.00" in page                                      # the held part (1.5 h)
    assert f"/gigs/mine/{app_id}/dispute/" in page
    assert "退回用工单位" in page                                 # what agreeing costs, said before the button
    empty = client.post(f"/gigs/mine/{app_id}/dispute/", {"text": " "}, follow=True)
    assert empty.status_code == 200 and Application.objects.get(pk=app_id).status == "completed"
    r = client.post(f"/gigs/mine/{app_id}/dispute/", {"text": "我准时到的，有打卡记录"}, follow=True)
    assert r.status_code == 200
    assert Application.objects.get(pk=app_id).status == "disputed"
    assert Case.objects.filter(source=f"gigs.application:{app_id}", type="rights").count() == 1
    after = client.get("/gigs/mine/").content.decode()
    assert "已冻结" in after and f"/gigs/mine/{app_id}/accept-hours/" not in after  # no contradicting offers


def test_the_employer_confirms_fewer_hours_on_the_page_with_a_reason(client, shift, make_user, client_for):
    boss, _org, s = shift
    worker = make_user()
    app_id = worked_whole_shift(boss, worker, client_for, s)
    client.force_login(boss.user)
    url = f"/gigs/employer/applications/{app_id}/confirm/"
    r = client.post(url, {"hours": "1.01"}, follow=True)   # not whole minutes
    assert Application.objects.get(pk=app_id).status == "checked_out" and r.status_code == 200
    client.post(url, {"hours": "3", "reason": "提前一小时离开"}, follow=True)
    app = Application.objects.get(pk=app_id)
    assert (app.status, app.wage_fen, app.contested_fen) == ("completed", RATE * 3, RATE)
    assert ledger_problems() == []


# --- hole 3: over-claiming -----------------------------------------------------------------------------


def test_early_check_in_and_late_check_out_pay_the_booked_shift_only(shift, make_user, client_for):
    boss, org, s = shift
    worker = make_user()
    app_id = hired(boss, client_for(worker), s)
    check_in(app_id, worker, s.start - 29 * MIN)
    check_out(app_id, worker, s.end + 4 * 60 * MIN)   # today: 387 minutes paid on a 240-minute shift
    available = balance(AccountKind.EMPLOYER_AVAILABLE, org)
    assert services.release_due_wages(now=s.end + datetime.timedelta(hours=53)) == 1
    app = Application.objects.get(pk=app_id)
    assert app.worked_minutes == 240 and app.wage_fen == BOOKED
    assert balance(AccountKind.EMPLOYER_AVAILABLE, org) == available  # nothing taken beyond the escrow
    assert ledger_problems() == []


def test_extra_time_needs_approval_and_is_funded_first(shift, make_user, client_for):
    boss, org, s = shift
    worker = make_user()
    app_id = worked_whole_shift(boss, worker, client_for, s)
    over = boss.post(f"/api/v1/applications/{app_id}/confirm", {"hours": 5})
    assert over.status_code == 422 and Application.objects.get(pk=app_id).status == "checked_out"
    odd = boss.post(f"/api/v1/applications/{app_id}/confirm", {"hours": 4.01})
    assert odd.status_code == 422

    # With approval but no money beyond the escrow: refused, nothing moves.
    from nuanxin.wages import services as wages

    wages.escrow_hold(employer=org, amount_fen=balance(AccountKind.EMPLOYER_AVAILABLE, org), key="drain")
    poor = boss.post(f"/api/v1/applications/{app_id}/confirm", {"hours": 5, "approve_extra": True})
    assert poor.status_code == 409 and poor.json()["error"]["code"] == "escrow_insufficient"
    assert Application.objects.get(pk=app_id).status == "checked_out"
    assert balance(AccountKind.WORKER_AVAILABLE, worker) == 0

    fund(org, boss.user, RATE, key="extra")
    ok = boss.post(f"/api/v1/applications/{app_id}/confirm", {"hours": 5, "approve_extra": True})
    assert ok.status_code == 200 and ok.json()["wage_fen"] == RATE * 5 and ok.json()["extra_fen"] == RATE
    assert balance(AccountKind.WORKER_AVAILABLE, worker) == RATE * 5
    assert ledger_problems() == []


def test_minutes_pay_in_integer_fen():
    from nuanxin.core.money import fen_for_minutes

    assert fen_for_minutes(3000, 387) == 19350
    assert fen_for_minutes(1999, 1) == 33     # 33.316… rounds down
    assert fen_for_minutes(2000, 1) == 33     # 33.33…
    assert fen_for_minutes(2010, 1) == 34     # 33.5 rounds half up
    assert fen_for_minutes(10_000_000, 24 * 60) == 240_000_000
