"""Chromium: 附近 in distance order, opening a station, elder mode, accessibility (axe)."""

import pytest

from nuanxin.tests.browser import axe_violations, small_controls, smallest_font_px

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

QIANDENG_STATION = (31.2612, 120.9893)


@pytest.fixture
def stations(make_place, make_user):
    places = [
        make_place(name='千灯镇淞南社区暖"新"驿站', lat=31.2612, lon=120.9893, town="qiandeng",
                   amenities=["charging", "drinking_water", "wifi", "reading_corner", "first_aid_kit"],
                   is_24h=True, phone="0512-57000000"),
        make_place(name="千灯商圈驿站", lat=31.2700, lon=120.9950, town="qiandeng", amenities=["charging"],
                   hours=[(d, "08:00", "20:00") for d in range(7)]),
        make_place(name="张浦物业驿站", lat=31.2750, lon=120.9350, town="zhangpu", amenities=["wifi"],
                   hours=[(d, "18:00", "02:00") for d in range(7)]),
        make_place(name="玉山同心驿站", lat=31.3850, lon=120.9580, town="yushan", is_24h=True),
    ]
    return places


def distances(page) -> list[int]:
    return [int(x) for x in page.locator("li.place-row").evaluate_all(
        "els => els.map(e => e.dataset.distanceM)")]


def test_nearby_uses_my_location_lists_nearest_first_and_opens_one(live_server, page_factory, stations):
    page = page_factory(geolocation={"latitude": 31.262, "longitude": 120.990},
                        permissions=["geolocation"])
    page.goto(f"{live_server.url}/places/")
    page.get_by_role("button", name="用我现在的位置").click()
    page.wait_for_url("**lat=**")
    d = distances(page)
    assert len(d) == 4 and d == sorted(d)
    first = page.locator("li.place-row a.place-link").first
    assert "淞南" in first.inner_text()
    first.click()
    assert page.get_by_role("heading", level=1).inner_text() == '千灯镇淞南社区暖"新"驿站'
    assert page.locator("tr[aria-current=date]").count() == 1
    assert page.locator("a#navigate").get_attribute("href").startswith("https://uri.amap.com/marker?position=")


def test_without_javascript_the_town_picker_works(live_server, page_factory, stations):
    page = page_factory(java_script_enabled=False)
    page.goto(f"{live_server.url}/places/")
    assert not page.get_by_role("button", name="用我现在的位置").is_visible()
    page.select_option("select[name=town]", "zhangpu")
    page.get_by_role("button", name="查找").click()
    names = page.locator("li.place-row a.place-link").all_inner_texts()
    assert names[0] == "张浦物业驿站"
    assert distances(page) == sorted(distances(page))


@pytest.mark.parametrize("path", ["/", "/places/", "/places/?town=qiandeng", "/accounts/login/", "/settings/",
                                  "/help/"])
def test_pages_have_no_axe_violations(live_server, page_factory, stations, path):
    page = page_factory()
    page.goto(f"{live_server.url}{path}")
    assert axe_violations(page) == []


def test_place_page_has_no_axe_violations(live_server, page_factory, stations):
    page = page_factory()
    page.goto(f"{live_server.url}/places/{stations[0].pk}/")
    assert axe_violations(page) == []


def test_elder_mode_text_and_controls(live_server, page_factory, stations):
    page = page_factory()
    page.goto(f"{live_server.url}/")
    page.get_by_role("button", name="长辈版").first.click()
    page.wait_for_load_state()
    for path in ["/", "/places/?town=qiandeng", f"/places/{stations[0].pk}/"]:
        page.goto(f"{live_server.url}{path}")
        assert page.locator("body.elder").count() == 1
        smallest = smallest_font_px(page)
        assert smallest >= 18, (path, smallest)
        small = small_controls(page, "main button, main .button, main .tile, main select, "
                                     "main input[type=text], .top a")
        assert small == 0, path
        assert axe_violations(page) == []


def test_no_horizontal_scroll_at_320px_and_zoom_is_allowed(live_server, page_factory, stations):
    page = page_factory(viewport={"width": 320, "height": 640})
    for path in ["/", "/places/?town=qiandeng", f"/places/{stations[0].pk}/", "/accounts/login/"]:
        page.goto(f"{live_server.url}{path}")
        assert page.evaluate("document.documentElement.scrollWidth <= 320"), path
        viewport = page.locator("meta[name=viewport]").get_attribute("content")
        assert "user-scalable=no" not in viewport and "maximum-scale" not in viewport
