"""Chromium at 360×640 in zh-hans (issue 11, items 6 and 7), by clicking from the home page:
(a) a worker books a health check and enters a night-school draw, then finds the draw date in
我的预约 (also in 长辈版); (b) an organiser draws after registration has closed, through the
confirmation step; (c) a case worker moves a case and answers the applicant, visibly by
default. Every page on the way passes axe and fits the phone (no sideways scrolling);
var/artefacts/journeys/<test>/ keeps a screenshot per step."""

import datetime

import pytest
from django.utils import timezone

from nuanxin.tests.browser import axe_violations, smallest_font_px
from nuanxin.tests.test_browser_gigs import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
HOUR = datetime.timedelta(hours=1)


def looked_at(page, journey, step: str, *, elder: bool = False) -> None:
    """A screenshot, then the checks every page on a journey must pass."""
    page.wait_for_load_state()
    journey.step(step)
    assert axe_violations(page) == [], step
    assert page.evaluate("document.documentElement.scrollWidth <= 360"), step
    if elder:
        assert page.locator("body.elder").count() == 1 and smallest_font_px(page) >= 18, step


def staff_sign_in(page, live_server, user) -> None:
    user.set_password("a-long-demo-password")
    user.save()
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_text("工作人员用账号密码登录").click()
    page.get_by_label("用户名").fill(user.username)
    page.get_by_label("密码").fill("a-long-demo-password")
    page.get_by_role("button", name="登录").last.click()
    page.wait_for_load_state()


@pytest.mark.parametrize("elder", [False, True], ids=["standard", "elder"])
def test_worker_books_a_check_enters_a_draw_and_sees_the_draw_date(live_server, page_factory, journey,
                                                                   session, worker, elder):
    check = session(kind="health_check", capacity=6, offering_extra={"title": "免费体检（幽门螺杆菌）"})
    course = session(mode="lottery", capacity=5, starts_in=21 * 24 * HOUR,  # starts in three weeks
                     offering_extra={"title": "咖啡师技能"})
    person = worker()
    page = page_factory()
    sign_in(page, live_server, person)
    page.goto(f"{live_server.url}/")
    if elder:
        page.get_by_role("button", name="长辈版（大字）").first.click()
    j = journey(page)
    looked_at(page, j, "home", elder=elder)
    page.get_by_role("link", name="免费服务预约").click()
    page.get_by_role("link", name="免费体检", exact=True).click()
    looked_at(page, j, "health-checks", elder=elder)
    page.locator(f'li[data-session-id="{check["id"]}"]').get_by_role("button", name="预约").click()
    looked_at(page, j, "booked", elder=elder)
    assert page.get_by_text("预约成功").first.is_visible()
    page.get_by_role("link", name="暖新").first.click()
    page.get_by_role("link", name="免费服务预约").click()
    page.get_by_role("link", name="青年夜校", exact=True).click()
    row = page.locator(f'li[data-session-id="{course["id"]}"]')
    assert "报名中" in row.inner_text() and "抽签" in row.inner_text()  # not "no sessions this week"
    looked_at(page, j, "night-school", elder=elder)
    row.get_by_role("button", name="报名抽签").click()
    looked_at(page, j, "my-bookings", elder=elder)
    closes = timezone.localtime(datetime.datetime.fromisoformat(course["closes_at"]))
    entry = page.locator("li.booking-row").filter(has_text="咖啡师技能")
    assert f"抽签时间：{closes.month}月{closes.day}日 {closes:%H:%M}" in entry.inner_text()
    assert "签号 1" in entry.inner_text()
    assert page.locator("li.booking-row").count() == 2


def test_organiser_draws_after_the_close_with_a_confirmation(live_server, page_factory, journey, session,
                                                             worker, organiser):
    from nuanxin.bookings import services
    from nuanxin.bookings.models import Session

    _c, org, _p = organiser
    s = session(mode="lottery", capacity=3, opened_ago=5 * HOUR, open_for=4 * HOUR,
                offering_extra={"title": "街舞入门"})  # registration closed an hour ago
    for _ in range(7):
        services.enroll(session_id=s["id"], user=worker(), now=timezone.now() - 3 * HOUR)
    page = page_factory()
    staff_sign_in(page, live_server, org)
    j = journey(page)
    page.get_by_role("link", name="我的").click()
    page.get_by_role("link", name="我的场次").click()
    looked_at(page, j, "my-sessions")
    page.get_by_role("link", name="街舞入门").click()
    looked_at(page, j, "roll-before")
    assert page.locator("code.seed-hash").inner_text() == s["seed_hash"]
    page.get_by_role("button", name="现在抽签").click()
    looked_at(page, j, "confirm")
    assert page.get_by_text("7 人报名，3 个名额").is_visible()
    assert Session.objects.get(pk=s["id"]).drawn_at is None  # the first button only asks
    page.get_by_role("button", name="确定抽签").click()
    looked_at(page, j, "roll-drawn")
    assert page.locator("code.seed").count() == 1
    assert page.locator("td.status").filter(has_text="已中签，请确认").count() == 3
    assert page.locator("td.status").filter(has_text="候补中").count() == 4
    assert "python -m" not in page.inner_text("main") and "/api/v1" not in page.inner_text("main")
    # On a desktop the staff page takes the width of the screen, not a phone's column.
    page.set_viewport_size({"width": 1440, "height": 900})
    assert page.evaluate("document.querySelector('main').getBoundingClientRect().width") > 1000
    assert page.locator("table.roll thead").is_visible()


def test_case_worker_moves_a_case_and_answers_the_applicant(live_server, page_factory, journey, make_user):
    from nuanxin.accounts.models import InboxMessage
    from nuanxin.cases import services
    from nuanxin.cases.models import Case

    applicant = make_user("worker", phone="13812341234", name="王芳")
    case = services.case_open(type="policy", summary="孩子在昆山上学要准备什么材料？", by=applicant)
    advisor = make_user("advisor", username="adv-zhang", name="张顾问")
    page = page_factory()
    staff_sign_in(page, live_server, advisor)
    j = journey(page)
    page.get_by_role("link", name="我的").click()
    page.get_by_role("link", name="工单队列").click()
    looked_at(page, j, "queue")
    page.get_by_role("link", name=f"#{case.pk} 政策咨询").click()
    looked_at(page, j, "case")
    call = page.locator("#call-applicant")
    assert "138****1234" in call.inner_text() and "13812341234" not in page.content()
    page.get_by_label("转到状态").select_option(label="已受理，已分到团队")
    page.get_by_role("button", name="保存").click()
    looked_at(page, j, "moved")
    assert page.locator("#case-state").inner_text() == "已受理，已分到团队"
    assert page.get_by_text("状态由“新提交”改为“已受理，已分到团队”").is_visible()
    assert not page.get_by_label("仅工作人员可见", exact=False).is_checked()
    page.get_by_label("回复求助人").fill("请带户口本和租房合同，周一到服务中心3号窗口。")
    page.get_by_role("button", name="提交").click()
    looked_at(page, j, "answered")
    note = page.locator("ul.history li").filter(has_text="请带户口本和租房合同")
    assert "求助人可见" in note.inner_text()
    assert Case.objects.get(pk=case.pk).notes.get().internal is False
    assert InboxMessage.objects.filter(user=applicant, kind="case.answer").count() == 1


def test_confirm_pages_and_explanations_pass_axe_on_a_phone(live_server, page_factory, session, worker,
                                                            organiser, make_user):
    """The pages the journeys pass only on one branch: cancelling a won place, the draw's
    reason refused, how draws work, the applicant's own case page."""
    from nuanxin.bookings import services as bookings
    from nuanxin.bookings.models import Enrollment
    from nuanxin.cases import services as cases

    _c, org, _p = organiser
    drawn = session(mode="lottery", capacity=1, opened_ago=5 * HOUR, open_for=4 * HOUR)
    winner = worker()
    bookings.enroll(session_id=drawn["id"], user=winner, now=timezone.now() - 3 * HOUR)
    bookings.session_draw(session_id=drawn["id"], by=org)
    open_one = session(mode="lottery", capacity=1)
    bookings.enroll(session_id=open_one["id"], user=worker())

    page = page_factory()
    sign_in(page, live_server, winner)
    page.goto(f"{live_server.url}/bookings/mine/")
    page.get_by_role("button", name="取消").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", name="确定取消这个名额吗？").is_visible()
    assert axe_violations(page) == [] and page.evaluate("document.documentElement.scrollWidth <= 360")
    page.get_by_role("link", name="不取消").click()
    assert Enrollment.objects.get(user=winner).status == "offered"
    page.goto(f"{live_server.url}/bookings/draws/")
    assert axe_violations(page) == [] and page.evaluate("document.documentElement.scrollWidth <= 360")
    case = cases.case_open(type="policy", summary="想了解灵活就业社保补贴", by=winner)
    page.get_by_role("link", name="我的").click()
    page.get_by_role("link", name="我的求助").click()
    page.get_by_role("link", name=f"#{case.pk} 政策咨询").click()
    assert page.get_by_text("新提交").is_visible()
    assert axe_violations(page) == []

    staff = page_factory()
    staff_sign_in(staff, live_server, org)
    staff.goto(f"{live_server.url}/bookings/organise/sessions/{open_one['id']}/")
    staff.get_by_role("button", name="现在抽签").click()
    staff.get_by_role("button", name="截止报名并抽签").click()  # no reason given
    staff.wait_for_load_state()
    assert staff.locator("textarea[aria-invalid=true]").count() == 1
    assert axe_violations(staff) == [] and staff.evaluate("document.documentElement.scrollWidth <= 360")
