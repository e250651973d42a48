"""The geocoder and the GCJ-02 maths: Amap's adapter against a real local HTTP server (its
answers, its failures), the landmark list, and which point wins for a workplace."""

import json
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from hypothesis import given
from hypothesis import strategies as st

from nuanxin.core import geo, geocoding
from nuanxin.core.towns import TOWN_CENTRES, Town, in_kunshan

SERVICE_CENTER = (31.3712, 120.9745)  # 崂山路9号, WGS-84


# --- GCJ-02 both ways ------------------------------------------------------------------------


@given(lat=st.floats(30.8, 31.8), lon=st.floats(120.5, 121.5))
def test_gcj02_to_wgs84_undoes_the_forward_shift(lat, lon):
    back = geo.gcj02_to_wgs84(*geo.wgs84_to_gcj02(lat, lon))
    assert geo.haversine_m(lat, lon, *back) < 0.01  # under a centimetre


def test_gcj02_to_wgs84_is_the_identity_outside_china():
    assert geo.gcj02_to_wgs84(51.5, -0.12) == (51.5, -0.12)


def test_amap_link_is_gcj02_longitude_first_with_the_name_encoded():
    url = geo.amap_marker_url(*SERVICE_CENTER, '千灯镇淞南社区暖"新"驿站 & 1号')
    query = urllib.parse.parse_qs(urllib.parse.urlsplit(url).query)
    lon, lat = (float(x) for x in query["position"][0].split(","))
    g_lat, g_lon = geo.wgs84_to_gcj02(*SERVICE_CENTER)
    assert abs(lat - g_lat) < 1e-6 and abs(lon - g_lon) < 1e-6
    assert query["name"] == ['千灯镇淞南社区暖"新"驿站 & 1号'] and query["coordinate"] == ["gaode"]


# --- landmarks -------------------------------------------------------------------------------


def test_every_town_has_its_centre_and_the_service_center_is_a_landmark():
    marks = geocoding.landmarks()
    assert len({lm.key for lm in marks}) == len(marks)
    for town in Town:
        centre = geocoding.landmark(f"{town.value}-centre")
        assert (centre.lat, centre.lon) == TOWN_CENTRES[town] and centre.town == town.value
    center = geocoding.landmark("service-center")
    assert "崂山路9号" in center.name and center.town == "yushan"
    assert (center.lat, center.lon) == SERVICE_CENTER
    assert all(in_kunshan(lm.lat, lm.lon) for lm in marks)
    assert [lm.town for lm in geocoding.landmarks("qiandeng")] == ["qiandeng", "qiandeng"]


# --- Amap's geocoding web service, faked by a real HTTP server on this machine -------------


class FakeAmap:
    """A local HTTP server that answers like restapi.amap.com/v3/geocode/geo; `answer` is
    the body to send (str or dict), `delay` seconds to wait before answering."""

    def __init__(self):
        self.answer: str | dict = {}
        self.delay = 0.0
        self.cut_short = False  # promise more bytes than are sent, then hang up
        self.queries: list[dict] = []
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                fake.queries.append({k: v[0] for k, v in urllib.parse.parse_qs(urllib.parse.urlsplit(self.path).query).items()})
                time.sleep(fake.delay)
                body = fake.answer if isinstance(fake.answer, str) else json.dumps(fake.answer, ensure_ascii=False)
                data = body.encode()
                try:
                    self.send_response(200)
                    self.send_header("Content-Type", "application/json;charset=UTF-8")
                    self.send_header("Content-Length", str(len(data) + (100 if fake.cut_short else 0)))
                    self.end_headers()
                    self.wfile.write(data)
                except OSError:
                    pass  # the client gave up (the timeout test)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/v3/geocode/geo"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def found(self, lat: float, lon: float, level: str = "门牌号", address: str = "江苏省苏州市昆山市崂山路9号"):
        """Amap's answer for a point given in WGS-84 (Amap itself answers in GCJ-02)."""
        g_lat, g_lon = geo.wgs84_to_gcj02(lat, lon)
        self.answer = {"status": "1", "info": "OK", "infocode": "10000", "count": "1", "geocodes": [
            {"formatted_address": address, "province": "江苏省", "city": "苏州市", "district": "昆山市",
             "adcode": "320583", "location": f"{g_lon:.6f},{g_lat:.6f}", "level": level}]}

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def amap():
    fake = FakeAmap()
    yield fake
    fake.close()


def test_amap_answer_is_shifted_back_to_wgs84_and_the_query_is_for_kunshan(amap):
    amap.found(*SERVICE_CENTER)
    point = geocoding.AmapGeocoder("k-123", amap.url, timeout=2).geocode("崂山路9号", "yushan")
    assert geo.haversine_m(*SERVICE_CENTER, point.lat, point.lon) < 0.5   # Amap rounds to 6 places
    assert (point.precision_m, point.source, point.label) == (300, "geocoder", "江苏省苏州市昆山市崂山路9号")
    q = amap.queries[-1]
    assert q["key"] == "k-123" and q["address"] == "昆山市玉山镇崂山路9号" and q["city"] == "昆山"


@pytest.mark.parametrize(("level", "precision"), [("兴趣点", 300), ("道路", 1500), ("乡镇", 3000), ("区县", None),
                                                  ("未知", None)])
def test_amap_precision_follows_its_level_and_vague_answers_are_refused(amap, level, precision):
    amap.found(*SERVICE_CENTER, level=level)
    point = geocoding.AmapGeocoder("k", amap.url).geocode("崂山路")
    assert (point.precision_m if point else None) == precision


@pytest.mark.parametrize("answer", [
    "<html>502 Bad Gateway</html>",                                  # not JSON
    '{"status": "1", "geocodes": [{"location": "abc", "level": "门牌号"}]}',  # a broken location
    '{"status": "1", "geocodes": [{"level": "门牌号"}]}',             # no location at all
    '["status", "1"]',                                              # JSON, but not the shape
    {"status": "0", "info": "INVALID_USER_KEY", "infocode": "10001"},  # Amap's refusal
    {"status": "1", "info": "OK", "count": "0", "geocodes": []},     # nothing found
    {"status": "1", "geocodes": {"location": "120.98,31.38"}},        # not a list
])
def test_amap_bad_answers_are_not_found(amap, answer):
    amap.answer = answer
    assert geocoding.AmapGeocoder("k", amap.url).geocode("崂山路9号") is None


def test_amap_answer_cut_short_is_not_found(amap):
    amap.found(*SERVICE_CENTER)
    amap.cut_short = True
    assert geocoding.AmapGeocoder("k", amap.url, timeout=2).geocode("崂山路9号") is None


def test_amap_answer_too_large_is_not_read(amap):
    amap.found(*SERVICE_CENTER)
    amap.answer["padding"] = "x" * 70_000  # a good answer, but over the 64 KiB we read
    assert geocoding.AmapGeocoder("k", amap.url).geocode("崂山路9号") is None
    del amap.answer["padding"]
    assert geocoding.AmapGeocoder("k", amap.url).geocode("崂山路9号") is not None


def test_amap_answer_outside_kunshan_is_refused(amap):
    amap.found(31.2304, 121.4737)  # central Shanghai: a road of the same name elsewhere
    assert geocoding.AmapGeocoder("k", amap.url).geocode("人民路1号") is None


def test_amap_timeout_gives_up_quickly(amap):
    amap.found(*SERVICE_CENTER)
    amap.delay = 2.0
    started = time.monotonic()
    assert geocoding.AmapGeocoder("k", amap.url, timeout=0.3).geocode("崂山路9号") is None
    assert time.monotonic() - started < 1.5


def test_amap_down_is_not_found():
    fake = FakeAmap()
    url = fake.url
    fake.close()  # nothing listens on that port any more
    assert geocoding.AmapGeocoder("k", url, timeout=1).geocode("崂山路9号") is None


def test_only_http_urls_are_accepted():
    with pytest.raises(ValueError):
        geocoding.AmapGeocoder("k", "file:///etc/passwd")


# --- which point a workplace gets ----------------------------------------------------------------


def test_without_a_key_there_is_no_geocoder(settings):
    settings.NUANXIN_AMAP_KEY = ""
    assert isinstance(geocoding.geocoder(), geocoding.NoGeocoder)
    assert geocoding.locate_workplace(address="崂山路9号", town="yushan") is None
    chosen = geocoding.locate_workplace(address="崂山路9号", town="yushan", landmark_key="service-center")
    assert (chosen.lat, chosen.lon, chosen.source, chosen.precision_m) == (*SERVICE_CENTER, "landmark", 500)
    pinned = geocoding.locate_workplace(address="崂山路9号", landmark_key="service-center", pin=(31.30, 121.00))
    assert (pinned.lat, pinned.lon, pinned.source) == (31.30, 121.00, "pin")
    assert geocoding.locate_workplace(address="x", landmark_key="no-such-place") is None


def test_with_a_key_a_precise_address_beats_a_landmark_and_a_vague_one_does_not(settings, amap):
    settings.NUANXIN_AMAP_KEY, settings.NUANXIN_AMAP_GEOCODE_URL = "k", amap.url
    amap.found(31.3500, 121.0000)
    point = geocoding.locate_workplace(address="前进东路1号", town="ketd", landmark_key="third-hospital")
    assert point.source == "geocoder" and geo.haversine_m(31.35, 121.0, point.lat, point.lon) < 0.5
    amap.found(31.3500, 121.0000, level="道路")
    assert geocoding.locate_workplace(address="前进东路", landmark_key="third-hospital").source == "landmark"
    assert geocoding.locate_workplace(address="前进东路").precision_m == 1500  # better than nothing
    amap.answer = "not json"
    assert geocoding.locate_workplace(address="前进东路1号", landmark_key="third-hospital").source == "landmark"
    assert geocoding.locate_workplace(address="前进东路1号") is None
