"""The dashboard's pages through Django's client: officials see the API's numbers, a station
manager their own station's, everyone else nothing; the open data is public and hides small
numbers."""

import datetime
import io
import json
import re

import pytest
from django.test import Client
from django.utils import timezone

from nuanxin.dashboard.measures import FIGURES
from nuanxin.places.models import Visit

pytestmark = pytest.mark.django_db


def mid_last_month() -> tuple[datetime.datetime, str]:
    """Noon on the 15th of last month (Kunshan time) and that month's key: hours before it stay
    in one day and one period whenever the test runs."""
    first = timezone.localtime(timezone.now()).date().replace(day=1)
    day = (first - datetime.timedelta(days=1)).replace(day=15)
    noon = timezone.make_aware(datetime.datetime.combine(day, datetime.time(12, 30)))
    return noon, f"{day:%Y-%m}"


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def shown_figures(html: str) -> dict[str, str]:
    return dict(re.findall(r'data-figure="([a-z_]+)">([^<]+)<', html))


def test_the_page_shows_the_apis_numbers(make_user, client_for, make_place):
    official = make_user("official")
    place = make_place(town="bacheng")
    Visit.objects.bulk_create([Visit(place=place, user=official, at=timezone.now() - datetime.timedelta(minutes=i))
                               for i in range(12)])
    body = client_for(official).get("/api/v1/dashboard/measures").json()
    html = signed_in(official).get("/dashboard/").content.decode()
    shown = shown_figures(html)
    for item in body["items"]:
        want = item["actual"] if isinstance(item["actual"], str) else f"{item['actual']:,}"
        assert shown[item["code"]] == want, item["code"]
    assert shown["station_visits"] == "12"
    assert 'id="chart-data"' in html and "echarts.simple.min.js" in html  # charts from our static files
    assert "<th scope=\"row\">" in html  # every chart's numbers are in a table too


def test_who_sees_what(make_user, make_place):
    assert Client().get("/dashboard/").status_code == 302  # to sign in
    for role in ("worker", "advisor", "employer"):
        assert signed_in(make_user(role)).get("/dashboard/").status_code == 404, role
        assert signed_in(make_user(role)).get("/dashboard/export.xlsx").status_code == 404, role
    manager = make_user("station_manager")
    mine, other = make_place(name="我的驿站", town="jinxi"), make_place(name="别人的驿站", town="jinxi")
    mine.managers.add(manager)
    now = timezone.now()
    Visit.objects.bulk_create([Visit(place=mine, user=manager, at=now - datetime.timedelta(minutes=i)) for i in range(6)]
                              + [Visit(place=other, user=manager, at=now - datetime.timedelta(minutes=i))
                                 for i in range(9)])
    client = signed_in(manager)
    response = client.get("/dashboard/")
    assert response.status_code == 302 and response["Location"] == "/dashboard/station/"
    html = client.get("/dashboard/station/?period=week").content.decode()
    assert "我的驿站" in html and "别人的驿站" not in html
    assert re.search(rf'data-place="{mine.pk}">6<', html)


def test_a_wrong_period_is_a_message_not_an_error(make_user):
    client = signed_in(make_user("official"))
    for bad in ("2026-13", "week; drop table", "0000", "9" * 50):
        response = client.get("/dashboard/", {"period": bad, "town": "nowhere"})
        assert response.status_code == 200
        assert "2026-W48" in response.content.decode()  # the message names the forms a period takes
    assert client.get("/dashboard/export/nothing.csv").status_code == 404
    assert client.get("/dashboard/reports/2026-10.pdf").status_code == 404


def test_page_exports_are_the_tables(make_user, make_place):
    from openpyxl import load_workbook

    make_place(town="resort")
    client = signed_in(make_user("official"))
    for table in ("measures", "quality", "unmet", "heat", "series"):
        response = client.get(f"/dashboard/export/{table}.csv", {"period": "year"})
        assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
        assert response.content.startswith("\ufeff".encode())
    book = load_workbook(io.BytesIO(client.get("/dashboard/export.xlsx", {"period": "year"}).content))
    assert len(book.worksheets) == 5


def test_open_data_is_public_and_hides_small_numbers(make_place, make_user):
    place = make_place(town="zhouzhuang", name="周庄镇测试驿站")
    worker = make_user()
    Visit.objects.bulk_create([Visit(place=place, user=worker, at=timezone.now() - datetime.timedelta(minutes=i))
                               for i in range(3)])
    client = Client()
    assert client.get("/open-data/").status_code == 200
    stations = client.get("/open-data/stations.csv").content.decode("utf-8-sig")
    assert "周庄镇测试驿站" in stations
    monthly = json.loads(client.get("/open-data/monthly.json").content)["items"]
    this_month = timezone.localtime(timezone.now()).strftime("%Y-%m")
    visits = [r for r in monthly if r["figure"] == "station_visits" and r["month"] == this_month]
    assert {r["town"]: r["value"] for r in visits}["zhouzhuang"] == "<5"
    for row in monthly:
        if FIGURES[row["figure"]].private and isinstance(row["value"], int):
            assert row["value"] == 0 or row["value"] >= 5, row
    assert client.get("/open-data/people.csv").status_code == 404
    assert client.get("/open-data/stations.exe").status_code == 404


def test_what_the_hidden_cells_could_give_away_is_hidden_too(make_user, client_for, make_place):
    """The heat table shades every "<5" cell alike (1 and 4 apart would give it away); the
    volunteers, counted for the city only, show nothing by town rather than 0. (A rate with 1–4
    behind it is hidden: test_measures's oracle checks every rate.)"""
    official = make_user("official")
    quiet, busy = make_place(town="jinxi"), make_place(town="zhangpu")
    now, month = mid_last_month()
    Visit.objects.bulk_create([Visit(place=quiet, user=official, at=now - datetime.timedelta(hours=h)) for h in (1, 2)]
                              + [Visit(place=quiet, user=official, at=now - datetime.timedelta(hours=3))] * 4
                              + [Visit(place=busy, user=official, at=now - datetime.timedelta(hours=5))] * 9)
    html = signed_in(official).get(f"/dashboard/?period={month}").content.decode()
    hidden_shades = set(re.findall(r'<td class="(h\d)">&lt;5</td>', html))
    assert hidden_shades == {"h1"}
    body = client_for(official).get("/api/v1/dashboard/measures", {"period": month}).json()
    volunteers = next(i for i in body["items"] if i["code"] == "next_generation")
    assert set(volunteers["by_town"].values()) == {None}


def test_the_picker_says_what_is_shown_and_files_are_never_made_of_a_wrong_question(make_user):
    client = signed_in(make_user("official"))
    html = client.get("/dashboard/", {"period": "2024-06"}).content.decode()
    assert re.search(r'<option value="2024-06" selected>', html)
    html = client.get("/dashboard/", {"period": "2027-12", "town": "xx"}).content.decode()
    assert '<option value="month" selected>' in html and "xx" in html  # both problems said
    for bad in ({"period": "2026-13"}, {"town": "zz"}, {"period": "2999"}):
        response = client.get("/dashboard/export/measures.csv", bad)
        assert response.status_code == 400, bad
        assert "2026-W48" in response.content.decode() or "zz" in response.content.decode()
        assert client.get("/dashboard/export.xlsx", bad).status_code == 400
    # A wrong question on one page is not carried to the next.
    assert "2026-W48" not in client.get("/dashboard/").content.decode()


def test_a_stations_hours_are_not_shown_when_they_would_give_people_away(make_user, make_place):
    manager = make_user("station_manager")
    place = make_place(name="淞南社区暖新驿站")
    place.managers.add(manager)
    now, month = mid_last_month()
    # Five people at five different hours: a total of 5 with five "<5" hours would mean one each.
    Visit.objects.bulk_create([Visit(place=place, user=manager, at=now - datetime.timedelta(hours=h))
                               for h in range(1, 6)])
    html = signed_in(manager).get(f"/dashboard/station/?period={month}").content.decode()
    assert re.search(rf'data-place="{place.pk}">5<', html) and "hours-hidden" in html and "&lt;5" not in html
    Visit.objects.bulk_create([Visit(place=place, user=manager, at=now - datetime.timedelta(hours=1))] * 6
                              + [Visit(place=place, user=manager, at=now - datetime.timedelta(hours=2))] * 2)
    html = signed_in(manager).get(f"/dashboard/station/?period={month}").content.decode()
    # 7, 3, 1, 1, 1: the four hidden hours hold 6, which they could share in several ways.
    assert "hours-hidden" not in html and "<td>7</td>" in html


@pytest.mark.django_db
def test_an_hour_beside_a_small_one_is_hidden_as_well(make_user, make_place):
    """7 at one hour and 2 at another: with the total of 9 shown, 9 − 7 would give the "<5"
    away, so the 7 is hidden as well ("x") and the total stays."""
    manager = make_user("station_manager")
    place = make_place(name="淞南社区暖新驿站")
    place.managers.add(manager)
    now, month = mid_last_month()
    Visit.objects.bulk_create([Visit(place=place, user=manager, at=now - datetime.timedelta(hours=1))] * 7
                              + [Visit(place=place, user=manager, at=now - datetime.timedelta(hours=3))] * 2)
    html = signed_in(manager).get(f"/dashboard/station/?period={month}").content.decode()
    assert re.search(rf'data-place="{place.pk}">9<', html)
    assert "<td>x</td>" in html and "<td>&lt;5</td>" in html and "<td>7</td>" not in html
