"""Chromium at 360×640: the vacancy pages pass axe, in 长辈版 too, and the employer's and staff
pages as well (the issue's acceptance: axe 0 and 长辈版 on the worker pages)."""

import pytest
from django.conf import settings
from django.test import Client

from nuanxin.jobs.tests.factories import vacancy_payload
from nuanxin.tests.browser import axe_violations, small_controls, smallest_font_px

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def signed_in(page, live_server, user):
    """The page's browser carries a session of `user` (made as Django's test client makes one)."""
    c = Client()
    c.force_login(user)
    session = c.cookies[settings.SESSION_COOKIE_NAME].value
    page.context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": live_server.url}])
    return page


def test_vacancy_pages_are_accessible_and_work_in_elder_mode(live_server, page_factory, classification, approved_vacancy,
                                                             vacancy_employer, vacancy_advisor):
    _c, job = approved_vacancy
    c, boss, _org = vacancy_employer
    _staff_client, staff = vacancy_advisor
    assert c.post("/api/v1/jobs", vacancy_payload(title="质检员")).status_code == 201  # one to review
    page = page_factory()
    page.goto(f"{live_server.url}/jobs/?occupation=6-25")
    assert page.locator(f'li.vacancy-row[data-vacancy-id="{job["id"]}"]').count() == 1
    assert axe_violations(page) == []
    page.locator(f'li.vacancy-row[data-vacancy-id="{job["id"]}"] a').click()
    page.wait_for_load_state()
    assert "电子厂普工" in page.locator("h1").inner_text()
    assert axe_violations(page) == []
    # 长辈版: the switch on the page, then the same page with big text and big controls.
    page.get_by_role("button", name="长辈版（大字）").click()
    page.wait_for_load_state()
    assert page.locator("body.elder").count() == 1
    assert smallest_font_px(page) >= 18
    assert page.evaluate("document.documentElement.scrollWidth <= 360")
    assert axe_violations(page) == []
    page.goto(f"{live_server.url}/jobs/")
    assert small_controls(page, "main button, main select") == 0
    assert page.evaluate("document.documentElement.scrollWidth <= 360")
    assert axe_violations(page) == []

    employer = signed_in(page_factory(), live_server, boss)
    for path in ("/jobs/employer/", "/jobs/employer/new/"):
        employer.goto(f"{live_server.url}{path}")
        assert axe_violations(employer) == [], path
    reviewer = signed_in(page_factory(), live_server, staff)
    reviewer.goto(f"{live_server.url}/jobs/review/")
    assert reviewer.locator("#review-queue li[data-vacancy-id]").count() == 1
    assert axe_violations(reviewer) == []
