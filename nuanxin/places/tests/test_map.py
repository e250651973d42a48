"""The places map page (issue 11, item 4) without JavaScript: an ordered list of pins with
distances and links, the same search as the 附近 list, linked both ways."""

import re

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_map_page_is_a_numbered_list_nearest_first_with_links(client, make_place):
    far = make_place(name="远处驿站", lat=31.40, lon=120.99, town="qiandeng")
    near = make_place(name="近处驿站", lat=31.271, lon=120.996, town="qiandeng")
    make_place(name="千灯食堂", kind="canteen", lat=31.27, lon=120.995, town="qiandeng")
    html = client.get(reverse("places:map"), {"town": "qiandeng", "kind": "warm_station"}).content.decode()
    rows = re.findall(r'<li class="card pin-row" data-place-id="(\d+)" data-lat="([\d.]+)" data-lon="([\d.]+)" '
                      r'data-distance-m="(\d+)">', html)
    assert [int(r[0]) for r in rows] == [near.pk, far.pk]           # the filter holds, nearest first
    assert rows[0][1:3] == ("31.271000", "120.996000")               # WGS-84 as stored: map.js shifts
    assert int(rows[0][3]) < int(rows[1][3])
    assert reverse("places:place-detail", args=[near.pk]) in html and "约" in html and "米" in html
    assert '<ol class="list pins" id="pins">' in html
    assert re.search(r'<div id="map" class="map" hidden[^>]*data-tiles="[^"]+"[^>]*data-gcj02="1"', html)
    assert "/static/vendor/leaflet/leaflet.js" in html and "/static/nuanxin/map.js" in html
    assert "<script>" not in html                                     # no inline script
    assert 'href="/places/?town=qiandeng&amp;kind=warm_station"' in html  # back to the same list


def test_nearby_list_links_to_its_map(client, make_place):
    make_place()
    html = client.get(reverse("places:nearby"), {"kind": "warm_station"}).content.decode()
    assert f'href="{reverse("places:map")}?kind=warm_station"' in html


def test_map_page_survives_bad_input_and_no_results(client, make_place):
    r = client.get(reverse("places:map"), {"lat": "abc", "lon": "999", "kind": "castle", "amenity": "x"})
    assert r.status_code == 200
    assert client.get(reverse("places:map"), {"town": "zhouzhuang"}).status_code == 200


def test_tile_settings_reach_the_page(client, make_place, settings):
    settings.NUANXIN_MAP_TILES = "https://tiles.example.org/{z}/{x}/{y}.png?a=1&b=2"
    settings.NUANXIN_MAP_TILES_GCJ02 = False
    settings.NUANXIN_MAP_ATTRIBUTION = '© OpenStreetMap <b>"x"</b>'
    html = client.get(reverse("places:map")).content.decode()
    assert 'data-tiles="https://tiles.example.org/{z}/{x}/{y}.png?a=1&amp;b=2"' in html
    assert 'data-gcj02="0"' in html
    assert 'data-attribution="© OpenStreetMap &lt;b&gt;&quot;x&quot;&lt;/b&gt;"' in html
