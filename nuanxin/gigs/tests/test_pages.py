"""Gig pages through Django's test client: the worker and employer flows without JavaScript."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

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
            "lat": GIG_POINT[0], "lon": GIG_POINT[1], "pay_yuan": "24", "pay_unit": "hour", "skills": "仓管",
            "shift-TOTAL_FORMS": "3", "shift-INITIAL_FORMS": "0", "shift-MIN_NUM_FORMS": "0",
            "shift-MAX_NUM_FORMS": "10", "shift-0-date": day, "shift-0-start": "22:00", "shift-0-end": "06:00",
            "shift-0-headcount": "3"}
    r = client.post(reverse("gigs:post"), form)
    assert r.status_code == 200 and "押金" in r.content.decode() and not Gig.objects.exists()
    form["description"] = "夜班理货，无需押金。"
    r = client.post(reverse("gigs:post"), form)
    assert r.status_code == 302
    gig = Gig.objects.get()
    shift = gig.shifts.get()
    assert shift.end - shift.start == datetime.timedelta(hours=8)  # a night shift ends next day
    client.post(reverse("gigs:gig-action", args=[gig.pk, "publish"]))
    gig.refresh_from_db()
    assert gig.status == "open"


def test_employer_pages_are_theirs_only(client, posted, make_user):
    _boss, gig = posted
    client.force_login(make_user())
    assert client.get(reverse("gigs:manage", args=[gig["id"]])).status_code == 404
    client.post(reverse("gigs:gig-action", args=[gig["id"], "close"]))
    assert Gig.objects.get(pk=gig["id"]).status == "open"
