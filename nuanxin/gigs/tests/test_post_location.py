"""Posting a gig without coordinates (issue 11, item 5), the gig map and the 导航 button, through
Django's test client: town + landmark, a pin dropped on the map, the address through the
geocoder (a local fake of Amap's web service), and friendly errors for bad input."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from nuanxin.core import geo
from nuanxin.core.tests.test_geocoding import FakeAmap
from nuanxin.gigs.models import Gig

pytestmark = pytest.mark.django_db

SERVICE_CENTER = (31.3712, 120.9745)


def posting(**overrides) -> dict:
    day = (timezone.localdate() + datetime.timedelta(days=2)).isoformat()
    form = {"title": "仓库理货员", "category": "warehouse", "description": "夜班理货，无需押金。",
            "address": "崂山路9号", "town": "yushan", "landmark": "", "pin_lat": "", "pin_lon": "",
            "pay_yuan": "24", "pay_unit": "hour", "skills": "",
            "shift-TOTAL_FORMS": "3", "shift-INITIAL_FORMS": "0", "shift-MIN_NUM_FORMS": "0",
            "shift-MAX_NUM_FORMS": "10", "shift-0-date": day, "shift-0-start": "09:00", "shift-0-end": "13:00",
            "shift-0-headcount": "2"}
    form.update(overrides)
    return form


@pytest.fixture
def boss(client, employer):
    _c, user, _org = employer
    client.force_login(user)
    return client


def error_of(html: str, field: str) -> str:
    m = re.search(rf'<p class="error" id="id_{field}-error">([^<]*)</p>', html)
    return m.group(1) if m else ""


def test_the_posting_form_asks_for_no_coordinates(boss):
    html = boss.get(reverse("gigs:post")).content.decode()
    assert not re.search(r'name="(lat|lon)"', html)
    assert "纬度" not in html and "经度" not in html
    assert 'type="hidden" name="pin_lat"' in html and 'type="hidden" name="pin_lon"' in html
    assert 'name="town"' in html and '<optgroup label="千灯镇">' in html and "崂山路9号" in html
    assert "<script>" not in html  # the map code is a static file (map.js), no inline script


def test_town_and_landmark_place_the_gig(boss):
    r = boss.post(reverse("gigs:post"), posting(landmark="service-center"))
    assert r.status_code == 302, error_of(r.content.decode(), "landmark")
    gig = Gig.objects.get()
    assert (gig.lat, gig.lon, gig.geofence_m, gig.address) == (*SERVICE_CENTER, 500, "崂山路9号")


def test_a_town_centre_is_rough_so_the_check_in_radius_widens(boss):
    assert boss.post(reverse("gigs:post"), posting(town="bacheng", landmark="bacheng-centre")).status_code == 302
    assert Gig.objects.get().geofence_m == 3000


def test_a_pin_on_gcj02_tiles_is_stored_as_wgs84(boss, settings):
    settings.NUANXIN_MAP_TILES_GCJ02 = True
    g_lat, g_lon = geo.wgs84_to_gcj02(31.3000, 121.0000)  # what map.js sends: the tiles' datum
    r = boss.post(reverse("gigs:post"), posting(landmark="yushan-centre", pin_lat=f"{g_lat:.6f}",
                                                pin_lon=f"{g_lon:.6f}"))
    assert r.status_code == 302
    gig = Gig.objects.get()
    assert geo.haversine_m(31.3, 121.0, gig.lat, gig.lon) < 0.2  # the pin wins over the landmark
    assert gig.geofence_m == 300


def test_a_pin_on_wgs84_tiles_is_stored_as_it_is(boss, settings):
    settings.NUANXIN_MAP_TILES_GCJ02 = False
    assert boss.post(reverse("gigs:post"), posting(pin_lat="31.3", pin_lon="121.0")).status_code == 302
    gig = Gig.objects.get()
    assert (gig.lat, gig.lon) == (31.3, 121.0)


@pytest.mark.parametrize(("change", "words"), [
    ({}, "在地图上找不到这个地址"),                                           # nothing to place it by
    ({"town": "bacheng", "landmark": "service-center"}, "这个地标在玉山镇"),      # landmark in another town
    ({"landmark": "no-such-place"}, "有效的选项"),                           # a forged choice
    ({"pin_lat": "39.9", "pin_lon": "116.4"}, "昆山以外"),                    # a pin in Beijing
    ({"pin_lat": "abc", "pin_lon": "121"}, "没能读取地图上的标记"),              # a broken pin
    ({"pin_lat": "31.3", "pin_lon": ""}, "在地图上找不到这个地址"),             # half a pin is no pin
])
def test_bad_places_get_a_friendly_message_beside_the_landmark(boss, change, words):
    r = boss.post(reverse("gigs:post"), posting(**change))
    html = r.content.decode()
    assert r.status_code == 200 and not Gig.objects.exists()
    assert words in error_of(html, "landmark")
    assert re.search(r'<select name="landmark"[^>]*aria-invalid="true"', html)
    assert 'aria-describedby="id_landmark-hint id_landmark-error"' in html


def test_no_town_is_asked_for(boss):
    r = boss.post(reverse("gigs:post"), posting(town="", landmark="service-center"))
    assert r.status_code == 200 and not Gig.objects.exists() and error_of(r.content.decode(), "town")


def test_with_an_amap_key_the_address_alone_is_enough(boss, settings):
    amap = FakeAmap()
    try:
        settings.NUANXIN_AMAP_KEY, settings.NUANXIN_AMAP_GEOCODE_URL = "test-key", amap.url
        amap.found(31.3600, 121.0100)
        r = boss.post(reverse("gigs:post"), posting(address="前进东路1号", town="ketd"))
        assert r.status_code == 302
        gig = Gig.objects.get()
        assert geo.haversine_m(31.36, 121.01, gig.lat, gig.lon) < 0.5 and gig.geofence_m == 300
        assert amap.queries[-1]["address"] == "昆山开发区前进东路1号"  # the town's name says 昆山 already
        # The service is down: the landmark still works, and without one the page says what to do.
        amap.answer = "<html>502</html>"
        r = boss.post(reverse("gigs:post"), posting(address="前进东路2号", town="ketd"))
        assert r.status_code == 200 and "找不到这个地址" in error_of(r.content.decode(), "landmark")
        r = boss.post(reverse("gigs:post"), posting(address="前进东路2号", town="ketd", landmark="third-hospital"))
        assert r.status_code == 302 and Gig.objects.count() == 2
    finally:
        amap.close()


def test_gig_page_has_a_navigate_button_in_gcj02(client, posted):
    _boss, gig = posted
    html = client.get(reverse("gigs:gig-detail", args=[gig["id"]])).content.decode()
    m = re.search(r'id="navigate" href="https://uri\.amap\.com/marker\?position=([\d.]+),([\d.]+)&amp;name=([^&]*)&amp;', html)
    g_lat, g_lon = geo.wgs84_to_gcj02(gig["lat"], gig["lon"])
    assert abs(float(m.group(2)) - g_lat) < 1e-6 and abs(float(m.group(1)) - g_lon) < 1e-6
    assert m.group(3)  # the address, URL-encoded


def test_manage_page_says_where_workers_check_in(boss, posted):
    _c, gig = posted
    html = boss.get(reverse("gigs:manage", args=[gig["id"]])).content.decode()
    assert "300 米内打卡" in html and "uri.amap.com/marker" in html


def test_gig_map_lists_the_pins_with_links_and_distances(client, posted):
    _boss, gig = posted
    html = client.get(reverse("gigs:map"), {"town": "yushan", "q": "保洁"}).content.decode()
    pins = re.findall(r'<li class="card pin-row" data-gig-id="(\d+)" data-lat="([\d.]+)" data-lon="([\d.]+)"', html)
    assert pins == [(str(gig["id"]), f"{gig['lat']:.6f}", f"{gig['lon']:.6f}")]  # WGS-84, as stored
    assert reverse("gigs:gig-detail", args=[gig["id"]]) in html and "约" in html
    assert f'href="{reverse("gigs:list")}?town=yushan&amp;q=' in html  # back to the same list
    list_html = client.get(reverse("gigs:list"), {"town": "yushan"}).content.decode()
    assert f'href="{reverse("gigs:map")}?town=yushan"' in list_html


def test_gig_map_survives_bad_input(client, posted):
    r = client.get(reverse("gigs:map"), {"lat": "abc", "lon": "999", "date": "soon", "min_pay_yuan": "-1"})
    assert r.status_code == 200
