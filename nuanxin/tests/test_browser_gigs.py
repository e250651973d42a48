"""Chromium: find a gig by pinyin, apply, and the gig pages pass axe (WCAG 2.2 AA tags)."""

import pytest

from nuanxin.tests.browser import axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def gig(employer):
    from nuanxin.gigs.tests.factories import gig_payload

    boss, _user, _org = employer
    body = boss.post("/api/v1/gigs", gig_payload()).json()
    return boss.post(f"/api/v1/gigs/{body['id']}/publish").json()


def sign_in(page, live_server, user):
    """Sign in through the page with the SMS code from the locmem backend."""
    import re

    from nuanxin.accounts import sms

    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("手机号").fill(user.phone)
    page.get_by_role("button", name="获取验证码").click()
    code = re.search(r"\d{6}", sms.outbox[-1]["text"]).group(0)
    page.get_by_label("短信验证码").fill(code)
    page.get_by_role("button", name="登录").first.click()
    page.wait_for_load_state()


def test_find_by_pinyin_and_apply(live_server, page_factory, gig, make_user):
    worker = make_user("worker")
    page = page_factory()
    sign_in(page, live_server, worker)
    page.goto(f"{live_server.url}/gigs/")
    page.get_by_label("找什么活").fill("bj")
    page.get_by_role("button", name="搜索").click()
    page.get_by_role("link", name="家庭保洁 4小时").click()
    assert axe_violations(page) == []
    page.get_by_role("button", name="报名").first.click()
    assert page.get_by_text("报名成功").is_visible()
    page.goto(f"{live_server.url}/gigs/mine/")
    assert page.locator("li.app-row").count() == 1
    assert axe_violations(page) == []


@pytest.mark.parametrize("path", ["/gigs/", "/gigs/?q=baojie&town=yushan"])
def test_gig_list_pages_have_no_axe_violations(live_server, page_factory, gig, path):
    page = page_factory()
    page.goto(f"{live_server.url}{path}")
    assert page.locator("li.gig-row").count() >= 1
    assert axe_violations(page) == []


def test_employer_pages_have_no_axe_violations(live_server, page_factory, employer, gig):
    _boss, user, _org = employer
    page = page_factory()
    sign_in(page, live_server, user)
    for path in ["/gigs/employer/", "/gigs/employer/new/", f"/gigs/employer/{gig['id']}/"]:
        page.goto(f"{live_server.url}{path}")
        assert axe_violations(page) == [], path


def test_help_pages_have_no_axe_violations(live_server, page_factory, make_user):
    from nuanxin.cases import services

    worker = make_user("worker")
    officer = make_user("rescue", username="rescue-officer")
    officer.set_password("a-long-demo-password")
    officer.save()
    case = services.case_open(type="emergency", summary="没钱回家", by=worker)
    page = page_factory()
    sign_in(page, live_server, worker)
    for path in ["/help/", "/help/mine/", f"/help/{case.pk}/"]:
        page.goto(f"{live_server.url}{path}")
        assert axe_violations(page) == [], path
    staff = page_factory()
    staff.goto(f"{live_server.url}/accounts/login/")
    staff.get_by_text("工作人员用账号密码登录").click()
    staff.get_by_label("用户名").fill("rescue-officer")
    staff.get_by_label("密码").fill("a-long-demo-password")
    staff.get_by_role("button", name="登录").last.click()
    staff.wait_for_load_state()
    for path in ["/help/queue/", f"/help/{case.pk}/"]:
        staff.goto(f"{live_server.url}{path}")
        assert "没钱回家" in staff.content() or path.endswith("queue/")
        assert axe_violations(staff) == [], path
