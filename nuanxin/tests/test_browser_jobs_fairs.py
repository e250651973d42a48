"""Chromium: a worker finds next week's job fair, signs up by clicking and is shown the door
code and its QR; the policy calculator answers a few plain questions without JavaScript. Every
page passes axe (WCAG 2.2 AA tags) and holds in 长辈版 at 360 px."""

import datetime
import importlib

import pytest
from django.apps import apps
from django.utils import timezone

from nuanxin.jobs.tests.factories import new_fair
from nuanxin.tests.browser import axe_violations, small_controls, smallest_font_px
from nuanxin.tests.test_browser_gigs import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def policies(transactional_db):
    """The calculator's programmes as their migration seeds them (an earlier transactional
    test may have flushed the table)."""
    importlib.import_module("nuanxin.jobs.migrations.0002_fairs_seed_policies").seed(apps, None)


def test_a_worker_signs_up_for_a_fair_and_asks_the_calculator(live_server, page_factory, journey, policies,
                                                             make_place, make_user):
    centre = make_place(kind="service_center", name="昆山人力资源市场劳动者服务中心")
    fair = new_fair(centre, make_user("advisor"), booths=16,
                    starts=timezone.now() + datetime.timedelta(days=7), title="新市民专场招聘会")
    worker = make_user("worker")
    page = page_factory()
    steps = journey(page)

    page.goto(f"{live_server.url}/")
    page.get_by_role("link", name="招聘会").first.click()
    page.wait_for_load_state()
    assert axe_violations(page) == []
    steps.step("fairs")
    page.get_by_role("link", name="新市民专场招聘会").first.click()
    page.wait_for_load_state()
    assert page.url.endswith(f"/jobs/fairs/{fair.pk}/")
    assert axe_violations(page) == []
    sign_in(page, live_server, worker)
    page.goto(f"{live_server.url}/jobs/fairs/{fair.pk}/")
    page.locator("#sign-up").click()
    page.wait_for_load_state()
    code = page.locator("#visit-code").inner_text()
    assert len(code) == 6 and code.isdigit()
    assert page.locator(".qr svg").count() == 1
    assert axe_violations(page) == []
    steps.step("signed-up")

    # The calculator: plain questions, a GET form, an answer with what to bring.
    page.goto(f"{live_server.url}/")
    page.get_by_role("link", name="政策计算器").first.click()
    page.wait_for_load_state()
    assert axe_violations(page) == []
    page.locator("main a[href='/jobs/policies/flexible_insurance/']").first.click()
    page.wait_for_load_state()
    assert axe_violations(page) == []
    page.locator("#estimate").click()  # nothing answered yet: the questions say what is missing
    page.wait_for_load_state()
    assert page.locator("#answer").count() == 0 and page.locator("#facts-form .error").count() >= 1
    page.locator("input[name=group][value=difficulty]").check()  # 就业困难人员
    page.locator("input[name=flexibly_employed][value=yes]").check()
    page.locator("input[name=monthly_contribution_fen]").fill("1200")
    page.locator("#estimate").click()
    page.wait_for_load_state()
    answer = page.locator("#answer")
    assert answer.get_attribute("data-eligible") == "yes" and int(answer.get_attribute("data-amount-fen")) > 0
    assert page.locator("#bring li").count() >= 1  # what to bring
    assert axe_violations(page) == []
    steps.step("calculator")

    # 长辈版 at 360 px on the fair and the calculator.
    page.get_by_role("button", name="长辈版").first.click()
    page.wait_for_load_state()
    for path in [f"/jobs/fairs/{fair.pk}/", "/jobs/policies/"]:
        page.goto(f"{live_server.url}{path}")
        assert page.locator("body.elder").count() == 1
        assert page.evaluate("document.documentElement.scrollWidth <= 360"), path
        assert smallest_font_px(page) >= 18, path
        assert small_controls(page, "main button, main .button") == 0, path
        assert axe_violations(page) == [], path
