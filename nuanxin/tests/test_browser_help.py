"""Chromium at 360×640 (issue 11, journey 2): a signed-out person in an emergency finds the
numbers to call at once, writes their request, signs in with the SMS code at the end without
losing it, and is told who will call them and by when."""

import re

import pytest

from nuanxin.tests.browser import axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_emergency_help_while_signed_out(live_server, page_factory, journey):
    """A newcomer who has never signed in: the SMS sign-in and the first sign-in's agreement
    come at the end, and the request written before them is still there."""
    from nuanxin.accounts import sms
    from nuanxin.cases.models import Case

    phone = "13912340009"
    page = page_factory()
    steps = journey(page)
    page.goto(f"{live_server.url}/")
    page.get_by_role("link", name="我要求助").click()
    steps.step("help-signed-out")
    assert page.locator('a[href="tel:110"]').is_visible() and page.locator('a[href="tel:12333"]').is_visible()
    assert axe_violations(page) == []
    page.get_by_label("紧急", exact=False).first.check()
    page.get_by_label("简单说说", exact=False).fill("钱包被偷了，今晚没地方住，在花桥地铁站")
    steps.step("written")
    page.get_by_role("button", name="提交").click()
    page.get_by_label("手机号").fill(phone)
    page.get_by_role("button", name="获取验证码").click()
    code = re.search(r"\d{6}", sms.outbox[-1]["text"]).group(0)
    page.get_by_label("短信验证码").fill(code)
    steps.step("sign-in")
    page.get_by_role("button", name="登录").first.click()
    page.wait_for_load_state()
    steps.step("agreement")
    page.get_by_label("我已阅读并同意《用户协议》和《隐私政策》").check()   # a first sign-in agrees first
    page.get_by_role("button", name="同意并继续").click()
    page.wait_for_load_state()
    steps.step("draft-kept")
    assert page.get_by_label("简单说说", exact=False).input_value() == "钱包被偷了，今晚没地方住，在花桥地铁站"
    page.get_by_role("button", name="提交").click()
    page.wait_for_load_state()
    steps.step("sent")
    case = Case.objects.get(applicant__phone=phone)
    assert case.type == "emergency"
    assert page.get_by_text("2小时内").is_visible()
    assert axe_violations(page) == []
