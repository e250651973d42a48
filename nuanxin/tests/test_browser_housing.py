"""Chromium: a newcomer finds a bed on the list, applies, gets a bed at once and sees the
check-in QR and code on My stay; the residence's manager checks them in by the code. Every
housing page passes axe (WCAG 2.2 AA tags); elder mode holds on My stay at 360 px."""

import re

import pytest

from nuanxin.tests.browser import axe_violations, small_controls, smallest_font_px
from nuanxin.tests.test_browser_gigs import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_newcomer_finds_a_bed_and_the_manager_checks_them_in(live_server, page_factory, journey, make_residence,
                                                             newcomer, make_user):
    manager = make_user("station_manager")
    home = make_residence(managers=[manager], town="yushan", lat=31.385, lon=120.958)
    make_residence(town="bacheng", lat=31.445, lon=120.875)
    guest = newcomer()

    page = page_factory()
    steps = journey(page)
    sign_in(page, live_server, guest)
    page.goto(f"{live_server.url}/housing/")
    page.get_by_label("在哪个镇/区附近？").select_option("yushan")
    page.get_by_role("button", name="查找").click()
    page.wait_for_load_state()
    row = page.locator("li.residence-row").first
    assert row.get_attribute("data-residence-id") == str(home.pk)  # the nearest first
    assert "今晚空床" in row.inner_text() and "米" in row.inner_text()
    assert axe_violations(page) == []
    steps.step("find-a-bed")

    row.get_by_role("link", name="申请").click()
    page.wait_for_load_state()
    assert page.locator("#free-week tbody tr").count() == 7
    assert axe_violations(page) == []
    steps.step("residence")  # (a full-page screenshot between filling and the click can lose the click)
    assert page.get_by_label("第一晚").input_value()  # today, filled in
    page.get_by_label("住几晚？").fill("3")
    page.get_by_label("只有我：男生房间的一张床").check()
    page.get_by_label("我正在昆山找工作").check()
    page.get_by_role("button", name="提交申请").click()
    page.wait_for_url("**/housing/mine/#stay")
    assert page.get_by_text("床位已为您保留").first.is_visible()
    code = page.locator("#code-digits").inner_text()
    assert re.fullmatch(r"\d{6}", code)
    assert page.locator("#check-in-code svg").is_visible()
    assert page.locator("#gigs-near").is_visible()
    assert axe_violations(page) == []
    steps.step("my-stay")

    # 长辈版 holds on My stay: larger text, big controls, no sideways scrolling at 360 px.
    page.get_by_role("button", name="长辈版").first.click()
    page.wait_for_load_state()
    page.goto(f"{live_server.url}/housing/mine/")
    assert page.locator("body.elder").count() == 1
    assert page.evaluate("document.documentElement.scrollWidth <= 360")
    assert smallest_font_px(page) >= 18
    assert small_controls(page, "main button, main .button") == 0
    assert axe_violations(page) == []
    steps.step("my-stay-elder")

    staff = page_factory()
    staff_steps = journey(staff, "manager-checks-in-by-code")
    sign_in(staff, live_server, manager)
    staff.goto(f"{live_server.url}/housing/staff/")
    assert axe_violations(staff) == []
    staff.get_by_role("link", name=home.place.name).first.click()
    staff.wait_for_load_state()
    assert code not in staff.content()  # staff never see the guest's code
    assert axe_violations(staff) == []
    staff_steps.step("day-sheet")
    staff.get_by_label("住客的 6 位入住码").fill(code)
    staff.locator("#code-check-in").get_by_role("button", name="办理入住").click()
    staff.wait_for_load_state()
    assert staff.get_by_text("已办理入住").first.is_visible()
    assert staff.locator("#staying li[data-application-id]").count() == 1
    staff_steps.step("checked-in")
    for path in (f"/housing/staff/{home.pk}/calendar/", f"/housing/staff/{home.pk}/queue/"):
        staff.goto(f"{live_server.url}{path}")
        assert axe_violations(staff) == [], path

    page.goto(f"{live_server.url}/housing/mine/")
    assert page.locator("#stay-status").inner_text() == "入住中"


def test_housing_pages_pass_axe_signed_out_and_without_javascript(live_server, page_factory, make_residence):
    home = make_residence()
    page = page_factory()
    for path in ("/housing/", f"/housing/{home.pk}/"):
        page.goto(f"{live_server.url}{path}")
        assert axe_violations(page) == [], path
    # Without JavaScript the town picker and the sign-in link still work.
    bare = page_factory(java_script_enabled=False)
    bare.goto(f"{live_server.url}/housing/")
    assert bare.locator("#use-location").is_hidden()
    bare.get_by_label("在哪个镇/区附近？").select_option("yushan")
    bare.get_by_role("button", name="查找").click()
    bare.wait_for_load_state()
    bare.get_by_role("link", name="申请").first.click()
    bare.wait_for_load_state()
    bare.get_by_role("link", name="登录后申请").click()
    bare.wait_for_load_state()
    assert "/accounts/login/" in bare.url and f"housing%2F{home.pk}" in bare.url.replace("/", "%2F")
