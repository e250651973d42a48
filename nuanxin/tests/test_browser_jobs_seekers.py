"""Chromium: the worker's job-search pages and the referral letter pass axe (WCAG 2.2 AA tags),
in 长辈版 with large text and controls, at 320 px without horizontal scrolling."""

import pytest

from nuanxin.jobs.services import referrals as referral_services
from nuanxin.tests.browser import axe_violations, small_controls, smallest_font_px
from nuanxin.tests.test_browser_gigs import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_worker_pages_pass_axe_and_elder_mode(live_server, page_factory, job_world, journey):
    w = job_world
    referral = referral_services.referral_create(by=w["advisor"], seeker_id=w["seeker"].pk, job_id=w["vacancy"].pk)
    letter = f"/jobs/letters/{referral.token}/"
    page = page_factory()
    steps = journey(page)
    sign_in(page, live_server, w["worker"])
    for path in ["/jobs/me/", "/jobs/me/register/", letter]:
        page.goto(f"{live_server.url}{path}")
        steps.step(path.strip("/").replace("/", "-")[:20])
        assert axe_violations(page) == [], path
    assert "马小花" in page.locator("#letter-name").inner_text()
    assert page.locator(".qr svg").count() == 1

    narrow = page  # the same signed-in page, narrowed (a second sign-in would wait out the SMS limit)
    narrow.set_viewport_size({"width": 320, "height": 640})
    narrow.goto(f"{live_server.url}/")
    narrow.get_by_role("button", name="长辈版").first.click()
    narrow.wait_for_load_state()
    for path in ["/jobs/me/", "/jobs/me/register/", letter]:
        narrow.goto(f"{live_server.url}{path}")
        assert narrow.locator("body.elder").count() == 1
        assert narrow.evaluate("document.documentElement.scrollWidth <= 320"), path
        assert smallest_font_px(narrow) >= 18, path
        assert small_controls(narrow, "main button, main .button, main select, main input[type=text]") == 0, path
        assert axe_violations(narrow) == [], path
