"""Chromium at 360×640, by clicking (issue 10): an employer confirms fewer hours than the
check-in record, and the worker sees why on their shift page and disputes it there; a worker
with a wage adds a bank card on the web and withdraws. Both pass axe (WCAG 2.2 AA tags)."""

import pytest

from nuanxin.tests.browser import axe_violations
from nuanxin.tests.test_browser_gigs import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def worked(employer, make_user):
    """A worker who checked in at the start and out at the end of a 4-hour, 30-yuan-an-hour shift."""
    from nuanxin.accounts import services as accounts
    from nuanxin.gigs import services
    from nuanxin.gigs.models import Shift
    from nuanxin.gigs.tests.factories import GIG_POINT, gig_payload

    boss, boss_user, _org = employer
    gig = boss.post("/api/v1/gigs", gig_payload()).json()
    boss.post(f"/api/v1/gigs/{gig['id']}/publish")
    shift = Shift.objects.get(pk=gig["shifts"][0]["id"])
    worker = make_user("worker", name="李娜")
    accounts.profile_update(user=worker, data={"name": "李娜", "id_number": "320583199001011232"})
    app = services.application_apply(shift_id=shift.pk, worker=worker)
    services.application_accept(application_id=app.pk, by=boss_user)
    point = {"lat": GIG_POINT[0], "lon": GIG_POINT[1]}
    services.check_in(application_id=app.pk, worker=worker, now=shift.start, **point)
    services.check_out(application_id=app.pk, worker=worker, now=shift.end, **point)
    return boss_user, worker, app.pk, gig


def test_employer_confirms_fewer_hours_and_the_worker_disputes(live_server, page_factory, worked):
    from nuanxin.gigs.models import Application

    boss_user, worker, app_id, gig = worked
    boss = page_factory()
    sign_in(boss, live_server, boss_user)
    boss.get_by_role("link", name="我的", exact=True).click()
    boss.get_by_role("link", name="我发布的零工").click()
    boss.get_by_role("link", name=gig["title"]).click()
    boss.locator(f"#hours-{app_id}").fill("2")
    boss.locator(f"#reason-{app_id}").fill("中午离岗两小时")
    boss.get_by_role("button", name="确认工时").click()
    boss.wait_for_load_state()
    assert boss.get_by_text("¥60.00").first.is_visible()   # held for 72 hours, said on the page
    assert axe_violations(boss) == []

    page = page_factory()
    sign_in(page, live_server, worker)
    page.get_by_role("link", name="我的", exact=True).click()
    page.get_by_role("link", name="我的班次").click()
    row = page.locator(f"li.app-row[data-application-id='{app_id}']")
    assert row.get_by_text("中午离岗两小时").is_visible()      # why
    assert row.get_by_text("¥60.00").first.is_visible()        # paid now
    assert axe_violations(page) == []
    row.get_by_text("工时或工资不对？提出申诉").click()
    row.locator("textarea").fill("我全程在岗，有打卡记录")
    row.get_by_role("button", name="提交申诉").click()
    page.wait_for_load_state()
    assert Application.objects.get(pk=app_id).status == "disputed"
    assert page.locator(".messages").is_visible()
    assert axe_violations(page) == []


def test_a_worker_with_a_wage_adds_a_bank_card_and_withdraws(live_server, page_factory, make_user):
    from nuanxin.accounts import sms
    from nuanxin.wages.choices import AccountKind
    from nuanxin.wages.models import Payout, PayoutAccount
    from nuanxin.wages.selectors import balance
    from nuanxin.wages.tests.factories import fund_worker

    worker = make_user("worker")
    fund_worker(worker, 12_000)  # a wage paid for a shift
    page = page_factory()
    sign_in(page, live_server, worker)
    page.get_by_role("link", name="我的", exact=True).click()
    page.get_by_role("link", name="钱包").click()
    assert page.get_by_text("¥120.00").first.is_visible()
    page.get_by_role("link", name="添加收款账户").click()
    # No real name on file yet: the page sends the worker to put it there, then back.
    page.get_by_role("link", name="填写姓名和身份证号").click()
    page.get_by_label("姓名（与身份证上一致）").fill("王小明")
    page.get_by_label("身份证号码（18位）").fill("320583199001011232")
    page.get_by_role("button", name="保存").click()
    page.wait_for_load_state()
    assert page.url.endswith("/wallet/account/")
    assert axe_violations(page) == []
    page.get_by_label("银行卡").check()
    page.get_by_label("卡号或账号").fill("6222 0212 3456 7890")    # a typo: the check digit is wrong
    page.get_by_role("button", name="保存").click()
    page.wait_for_load_state()
    assert not PayoutAccount.objects.exists()
    page.get_by_label("卡号或账号").fill("6222 0212 3456 7894")
    page.get_by_role("button", name="保存").click()
    page.wait_for_load_state()
    account = PayoutAccount.objects.get(user=worker)
    assert account.number_masked.endswith("7894") and "6222021234567894" not in page.content()
    assert any("7894" in m["text"] for m in sms.outbox)         # the change is announced by SMS
    assert page.url.endswith("/wallet/")                         # back at the wallet, ready to take money out
    page.get_by_label("金额（元）").fill("50")
    page.get_by_role("button", name="提现").click()
    page.wait_for_load_state()
    assert page.get_by_text("提现已申请").is_visible()
    assert Payout.objects.get(user=worker).amount_fen == 5000
    assert balance(AccountKind.WORKER_AVAILABLE, worker) == 7000
    assert axe_violations(page) == []
