"""Chromium at 360×640 in Chinese, by clicking (issue 11, items 4 and 5): an employer posts a
gig by town and landmark (no coordinates), publishes it (escrow funded) and confirms a
timesheet; a worker finds a warm station from the map; a pin dropped on the map is stored
as WGS-84; map.js and geo.py shift points alike. Tiles cannot load in tests (their URL
answers 404, and every request off this machine is refused), so the list fallback is what
is seen, and Leaflet must still have started. The map page's weight is measured and kept."""

import datetime
import gzip
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from nuanxin.tests.browser import axe_violations, small_controls, smallest_font_px
from nuanxin.tests.test_browser_gigs import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SONGNAN = '千灯镇淞南社区暖"新"驿站'
MANAGE_PAGE = re.compile(r"/gigs/employer/\d+/$")  # where saving a draft leads


def local_only(page, live_server) -> None:
    """Refuse every request that would leave this machine (tiles from a real server, say)."""
    page.route("**/*", lambda route: route.continue_() if route.request.url.startswith(live_server.url)
               else route.abort())


def no_sideways_scroll(page, width: int = 360) -> bool:
    return page.evaluate(f"document.documentElement.scrollWidth <= {width}")


@pytest.fixture
def stations(make_place):
    return [
        make_place(name=SONGNAN, lat=31.2612, lon=120.9893, town="qiandeng", is_24h=True,
                   amenities=["charging", "drinking_water", "wifi", "heating"]),
        make_place(name="千灯商圈驿站", lat=31.2700, lon=120.9950, town="qiandeng", is_24h=True),
        make_place(name="张浦物业驿站", lat=31.2750, lon=120.9350, town="zhangpu", is_24h=True),
        make_place(name="千灯社区食堂", kind="canteen", lat=31.2650, lon=120.9900, town="qiandeng", is_24h=True),
    ]


def test_employer_posts_by_town_and_landmark_publishes_and_confirms_a_timesheet(
        live_server, page_factory, journey, employer, make_user):
    from nuanxin.accounts import services as accounts
    from nuanxin.gigs import services
    from nuanxin.gigs.models import Application, Gig

    _api, boss, _org = employer                       # verified, with 100,000 yuan deposited
    page = page_factory()
    local_only(page, live_server)
    j = journey(page)
    sign_in(page, live_server, boss)
    page.get_by_role("link", name="我的", exact=True).click()
    page.get_by_role("link", name="我发布的零工").click()
    page.get_by_role("link", name="发布零工").click()
    page.wait_for_selector("#pin-map[data-ready='1']")  # Leaflet started, tiles or not
    j.step("post-form")
    assert page.locator("input[name=lat], input[name=lon], input[name=pin_lat]:visible").count() == 0
    assert no_sideways_scroll(page), "the posting page scrolls sideways at 360 px"
    assert axe_violations(page) == []

    day = timezone.localdate() + datetime.timedelta(days=1)
    page.get_by_label("标题").fill("超市夜班理货")
    page.get_by_label("工作类型").select_option("warehouse")
    page.get_by_label("地址").fill("崂山路9号 人力资源市场一楼")
    page.get_by_label("镇/区").select_option(label="玉山镇")
    page.get_by_label("工作地点附近的地标").select_option(label="昆山人力资源市场劳动者服务中心（崂山路9号）")
    page.get_by_label("工资（元）").fill("25")
    page.locator("#id_shift-0-date").fill(day.isoformat())
    page.locator("#id_shift-0-start").fill("09:00")
    page.locator("#id_shift-0-end").fill("13:00")
    page.locator("#id_shift-0-headcount").fill("1")
    j.step("filled")
    # After a full-page screenshot, Chromium scrolls back on the next focus change, between the
    # press and the release of a click, which then lands elsewhere: focus the button first.
    page.get_by_role("button", name="保存草稿").focus()
    page.get_by_role("button", name="保存草稿").click()
    page.wait_for_url(MANAGE_PAGE)
    assert page.get_by_text("已保存为草稿").is_visible()
    gig = Gig.objects.get()
    assert (gig.lat, gig.lon, gig.geofence_m) == (31.3712, 120.9745, 500)  # the landmark's point
    assert page.get_by_text("500 米内打卡").is_visible()
    j.step("draft")

    page.get_by_role("button", name="发布", exact=True).click()
    page.wait_for_load_state()
    shift = gig.shifts.get()
    assert shift.escrow_fen == 25 * 100 * 4                          # the wage is in escrow
    assert page.get_by_text(f"已发布：工资 ¥{shift.escrow_fen // 100}.00 已存入托管，共 1 个名额。").is_visible()
    j.step("published")
    assert axe_violations(page) == []

    # A worker takes the shift and works it (through the services: check-in is their journey).
    worker = make_user("worker", name="李娜")
    accounts.profile_update(user=worker, data={"name": "李娜", "id_number": "320583199001011232"})
    app = services.application_apply(shift_id=shift.pk, worker=worker)
    services.application_accept(application_id=app.pk, by=boss)
    near = {"lat": 31.3715, "lon": 120.9750}   # a phone at the workplace, 60 m from the landmark point
    services.check_in(application_id=app.pk, worker=worker, now=shift.start, **near)
    services.check_out(application_id=app.pk, worker=worker, now=shift.end, **near)

    page.reload()
    row = page.locator(f"li.app-row[data-application-id='{app.pk}']")
    j.step("worked")
    row.get_by_role("button", name="确认工时").click()
    page.wait_for_load_state()
    assert page.get_by_text("已确认，工资已发放。").is_visible()
    app = Application.objects.get(pk=app.pk)
    assert app.status == "completed" and app.wage_fen == 10_000
    j.step("confirmed")
    assert axe_violations(page) == []


def test_a_pin_dropped_on_the_map_is_stored_as_wgs84(live_server, page_factory, employer):
    from nuanxin.core import geo
    from nuanxin.gigs.models import Gig

    _api, boss, _org = employer
    page = page_factory()
    local_only(page, live_server)
    sign_in(page, live_server, boss)
    page.goto(f"{live_server.url}/gigs/employer/new/")
    page.get_by_label("镇/区").select_option("qiandeng")             # the map moves to the town
    page.wait_for_selector("#pin-map[data-ready='1']")
    assert not page.locator("#clear-pin").is_visible()
    page.locator("#pin-map").click(position={"x": 150, "y": 120})
    assert page.get_by_text("标记已放好").is_visible() and page.locator("#clear-pin").is_visible()
    pin = page.evaluate("[+document.getElementById('id_pin_lat').value, +document.getElementById('id_pin_lon').value]")
    page.get_by_label("标题").fill("社区保洁")
    page.get_by_label("地址").fill("淞南社区")
    page.get_by_label("工资（元）").fill("30")
    page.locator("#id_shift-0-date").fill((timezone.localdate() + datetime.timedelta(days=2)).isoformat())
    page.locator("#id_shift-0-start").fill("08:00")
    page.locator("#id_shift-0-end").fill("12:00")
    page.locator("#id_shift-0-headcount").fill("2")
    page.get_by_role("button", name="保存草稿").click()
    page.wait_for_url(MANAGE_PAGE)
    gig = Gig.objects.get()
    lat, lon = geo.gcj02_to_wgs84(*pin)                              # the tiles are GCJ-02
    assert geo.haversine_m(lat, lon, gig.lat, gig.lon) < 0.2 and gig.geofence_m == 300
    town = (31.2700, 120.9950)                                        # 千灯镇's centre, where the map was
    assert geo.haversine_m(*town, gig.lat, gig.lon) < 3000


def test_use_my_location_puts_the_pin_where_the_phone_is(live_server, page_factory, employer):
    """locate.js asks the phone, map.js places the pin: the pin is stored in the tiles' datum."""
    from nuanxin.core import geo

    _api, boss, _org = employer
    phone = (31.2612, 120.9893)
    page = page_factory(geolocation={"latitude": phone[0], "longitude": phone[1]}, permissions=["geolocation"])
    local_only(page, live_server)
    sign_in(page, live_server, boss)
    page.goto(f"{live_server.url}/gigs/employer/new/")
    page.wait_for_selector("#pin-map[data-ready='1']")
    page.get_by_role("button", name="用我现在的位置（请在工作地点操作）").click()
    expect(page.locator("#id_pin_lat")).not_to_have_value("")
    assert page.locator("#clear-pin").is_visible()
    pin = page.evaluate("[+document.getElementById('id_pin_lat').value, +document.getElementById('id_pin_lon').value]")
    assert geo.haversine_m(*geo.gcj02_to_wgs84(*pin), *phone) < 0.5


def test_worker_finds_a_warm_station_from_the_map(live_server, page_factory, journey, stations):
    page = page_factory()
    local_only(page, live_server)
    j = journey(page)
    weights: dict[str, tuple[str, int, int]] = {}

    def weigh(request):
        if "/no-tiles/" in request.url:
            return  # the tiles (which fail here) are not counted: "before tiles"
        try:
            body = request.response().body()
            sizes = request.sizes()
        except Exception:  # noqa: BLE001 - a request torn down by navigation
            return
        weights[request.url] = (request.resource_type, sizes["responseBodySize"] + sizes["responseHeadersSize"],
                                len(gzip.compress(body, 9)) + sizes["responseHeadersSize"])

    page.goto(f"{live_server.url}/")
    page.get_by_role("link", name="附近的暖新驿站").click()
    page.get_by_label("镇/区").select_option("qiandeng")
    page.get_by_role("button", name="查找").click()
    page.wait_for_load_state()
    j.step("list")
    page.on("requestfinished", weigh)
    page.get_by_role("link", name="地图").click()
    page.wait_for_selector("#map[data-ready='1']")
    assert page.evaluate("window.L && L.version") == "1.9.4"
    # Tiles cannot load: the page says so, and the numbered list below is the way in.
    expect(page.locator("#map-status")).not_to_be_empty()
    assert "地图底图暂时加载不出来" in page.locator("#map-status").inner_text()
    rows = page.locator("ol#pins > li.pin-row")
    names = rows.locator("a.place-link").all_inner_texts()
    # Warm stations only, nearest to 千灯镇's centre first (the canteen is left out).
    assert names == ["千灯商圈驿站", SONGNAN, "张浦物业驿站"]
    distances = [int(d) for d in rows.evaluate_all("els => els.map(e => e.dataset.distanceM)")]
    assert distances == sorted(distances) and rows.first.locator(".distance").is_visible()
    pins = page.locator("#map .leaflet-marker-icon.pin")
    assert pins.count() == 3 and pins.nth(1).get_attribute("title") == f"2. {SONGNAN}"  # numbered like the list
    assert no_sideways_scroll(page)
    j.step("map")
    assert axe_violations(page) == []

    pins.nth(1).click()                                               # 淞南's pin
    popup = page.locator(".leaflet-popup")
    expect(page.locator(".leaflet-popup")).to_have_css("opacity", "1")
    assert popup.get_by_text("约").is_visible()
    j.step("pin-opened")
    assert axe_violations(page) == []
    popup.get_by_role("link", name=SONGNAN).click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", level=1).inner_text() == SONGNAN
    assert page.locator("a#navigate").get_attribute("href").startswith("https://uri.amap.com/marker?position=")
    j.step("station")

    # The weight of the map page before tiles: what the test server sent (uncompressed), and
    # the same bodies gzip-compressed, as whitenoise sends static files in production.
    on_map = {u: w for u, w in weights.items() if "/places/" not in u or "/places/map/" in u}
    raw = sum(w[1] for w in on_map.values())
    packed = sum(w[2] for w in on_map.values())
    js = sum(w[2] for w in on_map.values() if w[0] == "script")
    lines = [f"{w[1]:>8} {w[2]:>8} {w[0]:<10} {u.replace(live_server.url, '')}" for u, w in sorted(on_map.items())]
    lines += [f"{raw:>8} {packed:>8} total (raw as the test server sent it; gzip -9 as whitenoise serves static)"]
    (j.folder / "map-weight.txt").write_text("\n".join(lines) + "\n")
    assert any("/places/map/?" in u and "town=qiandeng" in u for u in on_map), on_map.keys()
    assert packed < 150_000 and js <= 50_000, lines


def test_map_js_shifts_points_exactly_like_geo_py(live_server, page_factory, stations):
    from nuanxin.core import geo

    page = page_factory()
    local_only(page, live_server)
    errors = []
    page.on("pageerror", lambda e: errors.append(e))
    page.goto(f"{live_server.url}/places/map/")
    page.wait_for_selector("#map[data-ready='1']")
    points = [(30.8 + i * 0.037, 120.5 + i * 0.041) for i in range(30)]                  # around Kunshan
    points += [(18.0 + i * 1.1, 75.0 + i * 1.9) for i in range(30)]                      # across China
    points += [(51.5, -0.12), (1.29, 103.85), (53.6, 122.0)]                             # outside: unchanged
    in_js = page.evaluate("pts => pts.map(p => window.nuanxinGeo.wgs84ToGcj02(p[0], p[1]))", points)
    for (lat, lon), (js_lat, js_lon) in zip(points, in_js, strict=True):
        py_lat, py_lon = geo.wgs84_to_gcj02(lat, lon)
        assert abs(js_lat - py_lat) < 1e-9 and abs(js_lon - py_lon) < 1e-9, (lat, lon)
    # The pins are drawn at the shifted point (the tiles are GCJ-02), not at the stored one.
    drawn = page.evaluate("""() => { const out = [];
        window.nuanxinGeo.maps[0].eachLayer(l => { if (l.getLatLng) out.push([l.getLatLng().lat, l.getLatLng().lng]); });
        return out; }""")
    assert errors == []
    shifted = sorted(geo.wgs84_to_gcj02(p.lat, p.lon) for p in stations)
    assert len(drawn) == len(shifted) == 4
    for (d_lat, d_lon), (s_lat, s_lon) in zip(sorted(drawn), shifted, strict=True):
        assert abs(d_lat - s_lat) < 1e-9 and abs(d_lon - s_lon) < 1e-9


def test_map_pages_in_elder_mode_and_at_320px(live_server, page_factory, stations, employer):
    page = page_factory(viewport={"width": 320, "height": 640})
    local_only(page, live_server)
    page.goto(f"{live_server.url}/")
    page.get_by_role("button", name="长辈版").first.click()
    page.wait_for_load_state()
    for path in ["/places/map/?town=qiandeng", "/gigs/map/"]:
        page.goto(f"{live_server.url}{path}")
        page.wait_for_selector("#map[data-ready='1']")
        assert no_sideways_scroll(page, 320), path
        assert smallest_font_px(page) >= 18, path
        assert small_controls(page, "main .button, .top a, .leaflet-control-zoom a") == 0, path
        assert axe_violations(page) == [], path
    _api, boss, _org = employer
    sign_in(page, live_server, boss)
    page.goto(f"{live_server.url}/gigs/employer/new/")
    page.wait_for_selector("#pin-map[data-ready='1']")
    assert no_sideways_scroll(page, 320)
    assert axe_violations(page) == []
