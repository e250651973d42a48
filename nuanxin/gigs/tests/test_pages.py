"""Gig pages through Django's test client: the worker and employer flows without JavaScript."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from nuanxin.core.geo import haversine_m
from nuanxin.gigs.models import Application, Gig, Shift
from nuanxin.gigs.tests.factories import GIG_POINT

pytestmark = pytest.mark.django_db


def test_search_page_finds_by_pinyin_and_apply_button_works(client, posted, make_user):
    _boss, gig = posted
    html = client.get(reverse("gigs:list"), {"q": "bj", "town": "yushan"}).content.decode()
    assert "家庭保洁" in html and "¥30.00/小时" in html.replace(" ", "")
    worker = make_user()
    client.force_login(worker)
    r = client.post(reverse("gigs:apply", args=[gig["shifts"][0]["id"]]), follow=True)
    assert Application.objects.filter(worker=worker).count() == 1
    html = r.content.decode()
    assert "报名成功" in html and "待确认" in html  # the message, and the shift now shows the status


def test_my_shifts_check_in_by_location_then_code(client, posted, make_user, client_for):
    boss, gig = posted
    worker = make_user()
    app_id = client_for(worker).post(f"/api/v1/shifts/{gig['shifts'][0]['id']}/applications").json()["id"]
    boss.post(f"/api/v1/applications/{app_id}/accept")
    client.force_login(worker)
    page = client.get(reverse("gigs:mine")).content.decode()
    assert 'name="code"' in page and "签到" in page
    far = client.post(reverse("gigs:presence", args=[app_id, "in"]), {"lat": 31.0, "lon": 120.0}, follow=True)
    assert Application.objects.get(pk=app_id).status == "accepted"
    assert "米" in far.content.decode()  # the refusal says how far away
    code = Shift.objects.get(pk=gig["shifts"][0]["id"]).checkin_code
    client.post(reverse("gigs:presence", args=[app_id, "in"]), {"code": code})
    assert Application.objects.get(pk=app_id).status == "checked_in"


def test_employer_posts_a_gig_from_the_page_and_sees_refusals(client, employer):
    _c, user, _org = employer
    client.force_login(user)
    day = (timezone.localdate() + datetime.timedelta(days=2)).isoformat()
    form = {"title": "仓库理货员", "category": "warehouse", "description": "需交押金100元", "address": "开发区1号",
            "town": "yushan", "landmark": "service-center", "pay_yuan": "24", "pay_unit": "hour", "skills": "仓管",
            "shift-TOTAL_FORMS": "3", "shift-INITIAL_FORMS": "0", "shift-MIN_NUM_FORMS": "0",
            "shift-MAX_NUM_FORMS": "10", "shift-0-date": day, "shift-0-start": "22:00", "shift-0-end": "06:00",
            "shift-0-headcount": "3"}
    r = client.post(reverse("gigs:post"), form)
    assert r.status_code == 200 and "押金" in r.content.decode() and not Gig.objects.exists()
    form["description"] = "夜班理货，无需押金。"
    r = client.post(reverse("gigs:post"), form)
    assert r.status_code == 302
    gig = Gig.objects.get()
    assert (gig.lat, gig.lon) == GIG_POINT  # the service center, picked as the landmark
    shift = gig.shifts.get()
    assert shift.end - shift.start == datetime.timedelta(hours=8)  # a night shift ends next day
    published = client.post(reverse("gigs:gig-action", args=[gig.pk, "publish"]), follow=True).content.decode()
    gig.refresh_from_db()
    assert gig.status == "open"
    assert "¥576.00" in published and "3 个名额" in published  # 24 yuan × 8 hours × 3 places, said
    filled = client.post(reverse("gigs:gig-action", args=[gig.pk, "autofill"]), follow=True).content.decode()
    assert "自动匹配暂时没有找到合适的人" in filled  # nobody applied or is available: said, not "done"


def test_employer_pages_are_theirs_only(client, posted, make_user):
    _boss, gig = posted
    client.force_login(make_user())
    assert client.get(reverse("gigs:manage", args=[gig["id"]])).status_code == 404
    client.post(reverse("gigs:gig-action", args=[gig["id"], "close"]))
    assert Gig.objects.get(pk=gig["id"]).status == "open"


def test_a_signed_out_worker_who_taps_apply_signs_in_and_comes_back_to_the_gig(client, posted, make_user):
    """Issue 11, journey 1: the button's POST-only address must not be where sign-in returns to."""
    import re

    from nuanxin.accounts import sms

    _boss, gig = posted
    gig_url = reverse("gigs:gig-detail", args=[gig["id"]])
    r = client.post(reverse("gigs:apply", args=[gig["shifts"][0]["id"]]), HTTP_REFERER=f"http://testserver{gig_url}")
    assert r.status_code == 302 and r["Location"].startswith("/accounts/login/")
    login_page = client.get(r["Location"])
    assert f'value="{gig_url}"' in login_page.content.decode()
    worker = make_user()
    client.post("/accounts/login/", {"step": "phone", "phone": worker.phone, "next": gig_url})
    code = re.search(r"\d{6}", sms.outbox[-1]["text"]).group(0)
    done = client.post("/accounts/login/", {"step": "code", "phone": worker.phone, "code": code, "next": gig_url})
    assert done.status_code == 302 and done["Location"] == gig_url
    assert client.get(gig_url).status_code == 200
    # The header's sign-in link also brings people back to the page they were reading.
    client.logout()
    assert f'/accounts/login/?next={gig_url}"' in client.get(gig_url).content.decode()


def test_instant_booking_says_one_thing_and_a_failed_check_in_says_why(client, employer, make_user, client_for):
    """Issue 11, journey 8: no "the employer will decide" beside "you are hired"; a refused
    check-in names the reason instead of "some fields are not valid"."""
    from nuanxin.gigs.tests.factories import gig_payload

    boss, _user, _org = employer
    gig = boss.post("/api/v1/gigs", gig_payload(instant=True)).json()
    boss.post(f"/api/v1/gigs/{gig['id']}/publish")
    worker = make_user()
    client.force_login(worker)
    page = client.post(reverse("gigs:apply", args=[gig["shifts"][0]["id"]]), follow=True).content.decode()
    assert "您已被录用" in page and "用工方决定后" not in page
    app_id = worker.gig_applications.get().pk
    no_location = client.post(reverse("gigs:presence", args=[app_id, "in"]), {}, follow=True).content.decode()
    assert "有几项填写得不对" not in no_location and "请发送您的位置，或输入用工方出示的签到码" in no_location
    shift = Shift.objects.get(pk=gig["shifts"][0]["id"])
    far_lat = shift.gig.lat + 850.5 / 111_195  # about 850 m due north of the site
    metres = int(haversine_m(far_lat, shift.gig.lon, shift.gig.lat, shift.gig.lon))
    far = client.post(reverse("gigs:presence", args=[app_id, "in"]),
                      {"lat": far_lat, "lon": shift.gig.lon, "accuracy_m": 0}, follow=True).content.decode()
    assert metres == 850 and "850 米" in far and f"{shift.gig.geofence_m} 米" in far, far
    wrong = client.post(reverse("gigs:presence", args=[app_id, "in"]), {"code": "000000" if shift.checkin_code != "000000" else "111111"},
                        follow=True).content.decode()
    assert "签到码不对" in wrong
    garbled = client.post(reverse("gigs:presence", args=[app_id, "in"]), {"lat": "north"}, follow=True).content.decode()
    assert "输入一个数字" in garbled
    assert Application.objects.get(pk=app_id).status == "accepted"
