"""Chromium at 360×640 (issue 11, "lists that stop"): a worker finds the nearest open warm station
by town, by clicking only — home page, town, 现在开放, page 2, a station — with a screenshot per
step; and the gig list pages stay small, pass axe and read well in 长辈版 and in English."""

import datetime
import re

import pytest

from nuanxin.tests.browser import axe_violations, small_controls, smallest_font_px

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

QIANDENG = (31.2700, 120.9950)  # the town centre the picker sorts from (core.towns)


@pytest.fixture
def warm_stations(make_place):
    """23 open warm stations going north from 千灯镇's centre, a nearer one that is closed today,
    and a canteen nearer still (not a warm station)."""
    open_ones = [make_place(name=f"千灯暖新驿站{i + 1:02d}号", lat=QIANDENG[0] + 0.003 * (i + 1), lon=QIANDENG[1],
                            town="qiandeng", is_24h=True, amenities=["charging", "drinking_water"])
                 for i in range(23)]
    make_place(name="千灯装修中驿站", lat=QIANDENG[0] + 0.001, lon=QIANDENG[1], town="qiandeng")  # no hours
    make_place(name="千灯定点食堂", kind="canteen", lat=QIANDENG[0], lon=QIANDENG[1], town="qiandeng", is_24h=True)
    return open_ones


def distances(page) -> list[int]:
    return [int(x) for x in page.locator("li.place-row").evaluate_all("els => els.map(e => e.dataset.distanceM)")]


def test_a_worker_finds_the_nearest_open_warm_station_by_town(live_server, page_factory, journey, warm_stations):
    page = page_factory(java_script_enabled=True)
    steps = journey(page)
    page.goto(f"{live_server.url}/")
    steps.step("home")
    page.get_by_role("link", name="附近的暖新驿站").click()
    page.wait_for_load_state()
    assert "按所在镇排列，同一镇内按名称排列。" in page.locator("#order").inner_text()
    steps.step("warm-stations-by-town-then-name")
    page.get_by_label("镇/区").select_option(label="千灯镇")
    page.get_by_text("更多条件").click()
    page.get_by_label("现在开放").check()
    steps.step("town-and-open-now-chosen")
    page.get_by_role("button", name="查找").click()
    page.wait_for_url("**town=qiandeng**")
    assert page.locator("#count").inner_text() == "共 23 个地点，第 1/2 页"
    assert "按离千灯镇由近到远排列" in page.locator("#order").inner_text()
    names = page.locator("li.place-row a.place-link").all_inner_texts()
    assert names[0] == "千灯暖新驿站01号" and len(names) == 20
    assert "千灯装修中驿站" not in names and "千灯定点食堂" not in names
    first_page = distances(page)
    assert first_page == sorted(first_page)
    assert axe_violations(page) == []
    steps.step("page-1-nearest-first")
    page.get_by_role("link", name="下一页").click()
    page.wait_for_url("**page=2**")
    assert page.locator("#count").inner_text() == "共 23 个地点，第 2/2 页"
    second_page = distances(page)
    assert len(second_page) == 3 and min(second_page) >= max(first_page) and second_page == sorted(second_page)
    assert page.locator("nav.pager a[aria-current=page]").inner_text() == "2"
    assert page.get_by_label("镇/区").input_value() == "qiandeng"  # the filters came along
    assert page.get_by_label("现在开放").is_checked()
    assert axe_violations(page) == []
    steps.step("page-2")
    page.get_by_role("link", name="千灯暖新驿站21号").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", level=1).inner_text() == "千灯暖新驿站21号"
    steps.step("station")


@pytest.fixture
def many_gigs(employer, make_user):
    """25 open gigs with every label, one full gig that would otherwise be the best paid."""
    from django.utils import timezone

    from nuanxin.gigs import services
    from nuanxin.gigs.tests.factories import GIG_POINT, gig_payload

    _c, user, _org = employer
    start = timezone.now() + datetime.timedelta(days=1)

    def post(i, **extra):
        s = start + datetime.timedelta(hours=i)
        data = {**gig_payload(), "title": f"钟点工：做饭加打扫 {i + 1}号", "lat": GIG_POINT[0], "lon": GIG_POINT[1],
                "shifts": [{"start": s, "end": s + datetime.timedelta(hours=4), "headcount": 2}],
                "same_day_pay": i % 2 == 0, "instant": i % 3 == 0, **extra}
        gig = services.gig_create(by=user, data=data)
        services.gig_publish(gig_id=gig.pk, by=user)
        return gig

    for i in range(25):
        post(i)
    full = post(30, title="满员的高薪保洁", pay_fen=9000, instant=True,
                shifts=[{"start": start, "end": start + datetime.timedelta(hours=4), "headcount": 1}])
    services.application_apply(shift_id=full.shifts.get().pk, worker=make_user())
    return full


def test_gig_list_pages_are_small_accessible_and_work_in_elder_mode_and_english(
        live_server, page_factory, journey, many_gigs):
    page = page_factory()
    steps = journey(page)
    page.goto(f"{live_server.url}/")
    page.get_by_role("link", name="找零工").first.click()
    page.wait_for_load_state()
    page.get_by_label("附近").select_option(label="玉山镇")
    page.get_by_role("button", name="搜索").click()
    page.wait_for_url("**town=yushan**")
    page.get_by_role("link", name="一个班次工资最高").click()
    page.wait_for_url("**sort=pay**")
    rows = page.locator("li.gig-row")
    assert rows.first.get_attribute("data-state") == "open"
    assert "满员的高薪保洁" not in page.locator("#gigs").inner_text()  # full: on the last page, not first
    assert "日结" in rows.first.inner_text() or "日结" in rows.nth(1).inner_text()
    assert axe_violations(page) == []
    steps.step("gigs-best-paid-first")
    page.get_by_role("link", name="下一页").click()
    page.wait_for_url("**page=2**")
    assert page.locator("li.gig-row").last.get_attribute("data-state") == "full"
    assert "已满" in page.locator("li.gig-row").last.inner_text()
    assert axe_violations(page) == []
    steps.step("gigs-page-2-full-last")
    sizes = {path: size for path, size in steps.sizes.items() if path.startswith("/gigs/")}
    assert sizes and max(sizes.values()) < 30_000, sizes
    # 长辈版: the switch on the page, then the same list with big text and big page links.
    page.get_by_role("button", name="长辈版（大字）").click()
    page.wait_for_load_state()
    assert page.locator("body.elder").count() == 1
    assert smallest_font_px(page) >= 18
    assert small_controls(page, "nav.pager a, nav.sorts a, main button, main select") == 0
    assert page.evaluate("document.documentElement.scrollWidth <= 360")
    assert axe_violations(page) == []
    steps.step("gigs-elder-mode")
    english = page_factory(locale="en-US", extra_http_headers={"Accept-Language": "en"})
    english.goto(f"{live_server.url}/gigs/?town=yushan&sort=pay&page=2")
    text = english.locator("main").inner_text()
    assert re.search(r"26 gigs, page 2 of 2", text) and "Previous page" in text and "Full" in text
    assert "for the shift" in text and "Verified employer" in text
    assert axe_violations(english) == []
    english.screenshot(path=str(steps.folder / f"{steps.n + 1:02d}-gigs-english.png"), full_page=True)
