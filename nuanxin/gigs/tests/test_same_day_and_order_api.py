"""日结 kept by the platform (a wage not confirmed by midnight is paid then, not after 48 h), and
the JSON API's order and fields matching the gig list page (API.md GET /gigs)."""

import datetime

import pytest

from nuanxin.core.dates import local_tz
from nuanxin.gigs import services
from nuanxin.gigs.models import Application, Shift
from nuanxin.gigs.tests.factories import GIG_POINT, gig_payload
from nuanxin.wages.choices import AccountKind
from nuanxin.wages.selectors import balance, ledger_problems

pytestmark = pytest.mark.django_db

MIN = datetime.timedelta(minutes=1)


def worked(boss, worker, client_for, *, same_day_pay: bool) -> tuple[int, Shift]:
    gig = boss.post("/api/v1/gigs", gig_payload(same_day_pay=same_day_pay)).json()
    assert gig["same_day_pay"] is same_day_pay
    assert boss.post(f"/api/v1/gigs/{gig['id']}/publish").status_code == 200
    shift = Shift.objects.get(pk=gig["shifts"][0]["id"])
    app_id = client_for(worker).post(f"/api/v1/shifts/{shift.pk}/applications").json()["id"]
    assert boss.post(f"/api/v1/applications/{app_id}/accept").status_code == 200
    services.check_in(application_id=app_id, worker=worker, lat=GIG_POINT[0], lon=GIG_POINT[1], now=shift.start)
    services.check_out(application_id=app_id, worker=worker, lat=GIG_POINT[0], lon=GIG_POINT[1], now=shift.end)
    return app_id, shift


def test_same_day_wages_are_paid_at_midnight_and_others_after_48_hours(employer, make_user, client_for):
    boss, _user, _org = employer
    same_day_worker, other_worker = make_user(), make_user()
    same_day, shift = worked(boss, same_day_worker, client_for, same_day_pay=True)
    other, _shift = worked(boss, other_worker, client_for, same_day_pay=False)
    checked_out = shift.end.astimezone(local_tz())
    midnight = datetime.datetime.combine(checked_out.date() + datetime.timedelta(days=1), datetime.time(0),
                                         tzinfo=local_tz())
    assert services.release_due_wages(now=midnight - MIN) == 0  # the employer has the whole day
    assert services.release_due_wages(now=midnight + MIN) == 1
    app = Application.objects.get(pk=same_day)
    assert app.status == "completed" and app.wage_fen == 12000
    assert "午夜" in app.timesheet_note or "midnight" in app.timesheet_note
    assert balance(AccountKind.WORKER_AVAILABLE, same_day_worker) == 12000
    assert Application.objects.get(pk=other).status == "checked_out"  # not a 日结 gig: 48 hours
    assert services.release_due_wages(now=shift.end + datetime.timedelta(hours=48) + MIN) == 1
    assert balance(AccountKind.WORKER_AVAILABLE, other_worker) == 12000
    assert ledger_problems() == []


def test_a_disputed_same_day_wage_is_not_paid_at_midnight(employer, make_user, client_for):
    boss, _user, _org = employer
    worker = make_user()
    app_id, shift = worked(boss, worker, client_for, same_day_pay=True)
    assert client_for(worker).post(f"/api/v1/applications/{app_id}/dispute", {"text": "工时算少了"}).status_code == 201
    assert services.release_due_wages(now=shift.end + datetime.timedelta(days=3)) == 0
    assert Application.objects.get(pk=app_id).status == "disputed"


def _post(boss, **overrides):
    gig = boss.post("/api/v1/gigs", gig_payload(**overrides)).json()
    assert boss.post(f"/api/v1/gigs/{gig['id']}/publish").status_code == 200, gig
    return gig


def test_api_orders_like_the_page_and_says_what_can_be_booked(employer, make_user, api, client_for):
    boss, _user, _org = employer
    start = datetime.datetime.fromisoformat(gig_payload()["shifts"][0]["start"])
    full = _post(boss, pay_fen=9000, instant=True,
                 shifts=[{"start": start.isoformat(), "end": (start + 4 * 60 * MIN).isoformat(), "headcount": 1}])
    client_for(make_user()).post(f"/api/v1/shifts/{full['shifts'][0]['id']}/applications")
    cheap = _post(boss, pay_fen=2500)
    rich = _post(boss, pay_fen=2000, pay_unit="day", same_day_pay=True)  # 20 yuan a day: the lowest rate …
    rich8 = _post(boss, pay_fen=5000)                                     # … 50 an hour × 4 h = 200 yuan
    body = api.get("/api/v1/gigs", {"sort": "pay"}).json()
    assert [g["id"] for g in body["items"]] == [rich8["id"], cheap["id"], rich["id"], full["id"]]
    by_id = {g["id"]: g for g in body["items"]}
    assert by_id[rich8["id"]]["shift_pay_fen"] == 20000 and by_id[rich["id"]]["shift_pay_fen"] == 2000
    assert by_id[full["id"]]["bookable"] is False and by_id[cheap["id"]]["bookable"] is True
    assert by_id[rich["id"]]["same_day_pay"] is True and by_id[cheap["id"]]["same_day_pay"] is False
    near = api.get("/api/v1/gigs", {"sort": "distance", "near": f"{GIG_POINT[0]},{GIG_POINT[1]}"}).json()
    assert near["items"][-1]["id"] == full["id"] and near["count"] == 4
    # offset pages through the same order, and limit/offset keep API.md's conventions
    paged = [api.get("/api/v1/gigs", {"sort": "pay", "limit": 1, "offset": i}).json()["items"][0]["id"]
             for i in range(4)]
    assert paged == [g["id"] for g in body["items"]]


def test_api_refuses_an_unknown_order_in_the_error_shape(api):
    r = api.get("/api/v1/gigs", {"sort": "cheapest"})
    assert r.status_code == 422 and "sort" in r.json()["error"]["fields"]


def test_an_employer_offers_same_day_pay_on_the_posting_page(client, employer):
    from django.urls import reverse
    from django.utils import timezone

    from nuanxin.gigs.models import Gig

    _c, user, _org = employer
    client.force_login(user)
    page = client.get(reverse("gigs:post")).content.decode()
    assert 'name="same_day_pay"' in page and "平台在午夜自动付款" in page
    day = (timezone.localdate() + datetime.timedelta(days=2)).isoformat()
    client.post(reverse("gigs:post"), {
        "title": "宴会服务员", "category": "catering", "description": "晚宴服务。", "address": "花桥镇1号",
        "town": "huaqiao", "landmark": "huaqiao-centre", "pay_yuan": "180", "pay_unit": "day", "same_day_pay": "on",
        "shift-TOTAL_FORMS": "3", "shift-INITIAL_FORMS": "0", "shift-MIN_NUM_FORMS": "0", "shift-MAX_NUM_FORMS": "10",
        "shift-0-date": day, "shift-0-start": "17:00", "shift-0-end": "22:00", "shift-0-headcount": "4"})
    gig = Gig.objects.get()
    assert gig.same_day_pay is True and " 日结 " in gig.search_doc
    client.post(reverse("gigs:gig-action", args=[gig.pk, "publish"]))
    assert " · 日结</p>" in client.get(reverse("gigs:gig-detail", args=[gig.pk])).content.decode()
    assert "宴会服务员" in client.get(reverse("gigs:list"), {"q": "当天结算"}).content.decode()
