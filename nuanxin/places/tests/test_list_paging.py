"""The 附近 list pages through every place (issue 11: "88 stations show 20"), keeps its filters
in plain links, says what it is ordered by, and answers any page number without an error."""

import re

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def ids(html: str) -> list[int]:
    return [int(pk) for pk in re.findall(r'data-place-id="(\d+)"', html)]


@pytest.fixture
def stations(make_place):
    """25 warm stations spread north of 千灯镇's centre, and 3 canteens that the filter leaves out."""
    made = [make_place(name=f"驿站{i:02d}", lat=31.2700 + i * 0.002, lon=120.9950, town="qiandeng" if i < 12
                       else "zhangpu", is_24h=True) for i in range(25)]
    for i in range(3):
        make_place(name=f"食堂{i}", kind="canteen", lat=31.27, lon=120.995, town="qiandeng")
    return made


def test_pages_by_town_nearest_first_with_links_that_keep_the_filters(client, stations):
    first = client.get(reverse("places:nearby"), {"town": "qiandeng", "kind": "warm_station", "open_now": "on"})
    html = first.content.decode()
    assert "共 25 个地点，第 1/2 页" in html and "按离千灯镇由近到远排列。" in html
    assert ids(html) == [p.pk for p in stations[:20]]
    assert 'rel="next" href="?town=qiandeng&amp;kind=warm_station&amp;open_now=on&amp;page=2">下一页</a>' in html
    second = client.get(reverse("places:nearby"), {"town": "qiandeng", "kind": "warm_station", "open_now": "on",
                                                   "page": "2"}).content.decode()
    assert "共 25 个地点，第 2/2 页" in second and ids(second) == [p.pk for p in stations[20:]]
    assert 'rel="prev"' in second and 'rel="next"' not in second


def test_without_a_place_the_list_says_it_is_by_town_then_name(client, stations):
    html = client.get(reverse("places:nearby"), {"kind": "warm_station"}).content.decode()
    assert "按所在镇排列，同一镇内按名称排列。" in html
    towns = re.findall(r'<p class="meta">(千灯镇|张浦镇) ', html)
    assert towns == sorted(towns, key=["千灯镇", "张浦镇"].index)  # qiandeng < zhangpu: grouped by town
    english = client.get(reverse("places:nearby"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Listed by town, then by name." in english and "28 places, page 1 of 2" in english


@pytest.mark.parametrize("raw, page_no", [("x", 1), ("0", 1), ("-1", 1), ("2", 2), ("3", 2), ("1" * 30, 2)])
def test_any_page_number_answers_with_a_page(client, stations, raw, page_no):
    r = client.get(reverse("places:nearby"), {"kind": "warm_station", "page": raw})
    assert r.status_code == 200
    html = r.content.decode()
    assert f"第 {page_no}/2 页" in html
    assert ("这是最后一页" in html) == (raw in ("3", "1" * 30))
