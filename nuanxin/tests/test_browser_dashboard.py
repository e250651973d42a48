"""Chromium at 360×640: an official signs in, opens the dashboard from the header, picks this
year and one town by clicking, sees the charts drawn beside their tables; the page holds in
长辈版 and in English, works without JavaScript (the tables are all there), and the public
open-data page passes too. Every page passes axe (WCAG 2.2 AA tags) and has no sideways
scrolling (wide tables scroll inside their own region)."""

import datetime

import pytest
from django.utils import timezone

from nuanxin.places.models import Visit
from nuanxin.tests.browser import axe_violations, smallest_font_px
from nuanxin.tests.test_browser_staff_journeys import staff_sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def fits_and_passes(page, step: str) -> None:
    page.wait_for_load_state()
    assert axe_violations(page) == [], step
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), step


def test_an_official_reads_the_dashboard(live_server, page_factory, journey, make_user, make_place):
    official = make_user("official", username="zheng")
    stations = [make_place(town="yushan", name=f"玉山镇驿站{i}") for i in range(3)] + [make_place(town="jinxi")]
    now = timezone.now()
    Visit.objects.bulk_create([Visit(place=stations[i % 4], user=official, at=now - datetime.timedelta(minutes=i))
                               for i in range(40)])
    page = page_factory()
    steps = journey(page)
    staff_sign_in(page, live_server, official)
    page.goto(f"{live_server.url}/")
    page.get_by_role("navigation", name="主导航").get_by_role("link", name="看板").click()
    page.wait_for_selector("#chart-targets canvas")  # ECharts drew from our static files
    fits_and_passes(page, "board")
    steps.step("board")
    assert page.locator("#measure-warm_stations [data-figure=warm_stations]").inner_text() == "4"
    assert page.locator("#table-measures").is_visible()

    page.get_by_label("时间段", exact=True).select_option("year")
    page.get_by_label("镇/区", exact=True).select_option("yushan")
    page.get_by_role("button", name="查看").click()
    page.wait_for_selector(".chart.spark canvas")  # a town has no city targets to chart, but its months
    fits_and_passes(page, "yushan this year")
    steps.step("yushan")
    assert page.locator("#measure-warm_stations [data-figure=warm_stations]").inner_text() == "3"
    assert "玉山镇" in page.locator("#as-of").inner_text()

    page.get_by_role("button", name="长辈版（大字）").first.click()
    page.wait_for_load_state()
    fits_and_passes(page, "elder")
    assert page.locator("body.elder").count() == 1 and smallest_font_px(page) >= 18
    steps.step("elder")

    # In English, from the settings page's language switch.
    page.goto(f"{live_server.url}/settings/")
    page.locator("button[name=language][value=en]").first.click()
    page.wait_for_load_state()
    page.goto(f"{live_server.url}/dashboard/?period=year")
    page.wait_for_selector("#chart-targets canvas")
    fits_and_passes(page, "english")
    steps.step("english")
    assert page.get_by_role("heading", name="The city's dashboard").is_visible()

    # Without JavaScript (axe needs it, so only what the page holds is checked): every number
    # is in the tables, no chart is drawn.
    bare = page_factory(java_script_enabled=False)
    bare.context.add_cookies(page.context.cookies())
    bare.goto(f"{live_server.url}/dashboard/?period=year")
    assert bare.locator("#table-measures tbody tr").count() > 20
    assert bare.locator("#chart-targets canvas").count() == 0

    # A station manager finds their station's figures in My account.
    manager = make_user("station_manager", username="wang")
    stations[0].managers.add(manager)
    keeper = page_factory()
    staff_sign_in(keeper, live_server, manager)
    keeper.goto(f"{live_server.url}/settings/")
    keeper.get_by_role("link", name="我的驿站数据").click()
    fits_and_passes(keeper, "station")
    assert keeper.get_by_role("heading", name=stations[0].name).is_visible()
    assert keeper.locator(f"[data-place='{stations[0].pk}']").inner_text() == "10"

    # The open data, signed out.
    public = page_factory()
    public.goto(f"{live_server.url}/open-data/")
    fits_and_passes(public, "open data")
    assert public.get_by_role("link", name="CSV").count() == 3
