"""Issue 11's acceptance, the worker's side: journeys walked in Chromium at 360×640 through
links and buttons the way a person does (no typed URLs after the first page), each step kept
as a screenshot under var/artefacts/journeys/<test>/ with the pages' wire sizes.

Each journey runs in Chinese, in English and in 长辈版 (elder mode, switched on with the home
page's one button). The words on buttons and labels are looked up through the same
translations the pages use, so the English run proves the English interface works too.
"""

import re

import pytest
from django.utils import translation
from django.utils.translation import gettext

from nuanxin.tests.browser import axe_violations, smallest_font_px

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

MODES = ["zh-hans", "en", "elder"]
WORKER_PAGE_BYTES = 30 * 1024  # issue 11: each worker page under 30 KB on the wire


def words(mode: str):
    lang = "en" if mode == "en" else "zh-hans"

    def t(msgid: str) -> str:
        with translation.override(lang):
            return gettext(msgid)

    return t


def open_home(page_factory, live_server, mode, **context):
    page = page_factory(locale="en-US" if mode == "en" else "zh-CN", **context)
    page.goto(f"{live_server.url}/")
    if mode == "elder":
        page.locator("#elder-switch").click()
        page.wait_for_load_state()
        assert page.locator("body.elder").count() == 1
        assert smallest_font_px(page) >= 18  # ACCESSIBILITY.md: 长辈版 text at least 18 px
    return page


def sign_in_with_code(page, t, phone: str, journey=None):
    """On the sign-in page: the phone number, then the code the SMS brought."""
    from nuanxin.accounts import sms

    page.get_by_label(t("Mobile number")).fill(phone)
    page.get_by_role("button", name=t("Send me a code")).click()
    code = re.search(r"\d{6}", sms.outbox[-1]["text"]).group(0)
    page.get_by_label(t("Code from the SMS")).fill(code)
    if journey:
        journey.step("code")
    page.get_by_role("button", name=t("Sign in")).first.click()
    page.wait_for_load_state()


def sign_in_new_person(page, t, phone: str, journey):
    """From the sign-in page: phone, SMS code, and a first sign-in's agreement."""
    sign_in_with_code(page, t, phone, journey)
    journey.step("agreement")
    assert axe_violations(page) == []
    page.get_by_label(t("I have read and agree to the user agreement and the privacy notice")).check()
    page.get_by_role("button", name=t("Agree and continue")).click()
    page.wait_for_load_state()


def assert_small(journey):
    heavy = {path: size for path, size in journey.sizes.items() if size > WORKER_PAGE_BYTES}
    assert journey.sizes and not heavy, heavy


@pytest.fixture
def open_gig(employer):
    from nuanxin.gigs.tests.factories import gig_payload

    boss, _user, _org = employer
    body = boss.post("/api/v1/gigs", gig_payload(title="仓库分拣 4小时")).json()
    return boss.post(f"/api/v1/gigs/{body['id']}/publish").json()


@pytest.mark.parametrize("mode", MODES)
def test_a_newcomer_signs_in_from_a_gig_page_and_takes_the_shift(live_server, page_factory, journey, open_gig, mode):
    from nuanxin.gigs.models import Application

    t = words(mode)
    page = open_home(page_factory, live_server, mode)
    steps = journey(page)
    steps.step("home")
    page.get_by_role("link", name=t("Find gig work")).click()
    steps.step("gig-list")
    page.get_by_role("link", name=open_gig["title"]).click()
    gig_url = page.url
    steps.step("gig")
    page.get_by_role("button", name=t("Apply")).first.click()       # signed out: sign in first
    page.wait_for_load_state()
    steps.step("sign-in")
    sign_in_new_person(page, t, "13912340001", steps)
    assert page.url == gig_url                                        # back where the button was
    steps.step("back-on-gig")
    page.get_by_role("button", name=t("Apply")).first.click()
    page.wait_for_load_state()
    steps.step("applied")
    assert page.get_by_text(t("Applied. We will tell you when the employer decides.")).is_visible()
    assert Application.objects.filter(worker__phone="13912340001").count() == 1
    assert axe_violations(page) == []
    assert_small(steps)


@pytest.fixture
def accepted(employer, make_user, open_gig):
    """A worker accepted on a shift that started three hours ago (the clock is moved on the
    shift, since a live server cannot wait three hours)."""
    import datetime

    from django.utils import timezone

    from nuanxin.gigs import services
    from nuanxin.gigs.models import Shift

    _boss, boss_user, _org = employer
    shift = Shift.objects.get(pk=open_gig["shifts"][0]["id"])
    worker = make_user("worker")
    app = services.application_apply(shift_id=shift.pk, worker=worker)
    services.application_accept(application_id=app.pk, by=boss_user)
    now = timezone.now()
    Shift.objects.filter(pk=shift.pk).update(start=now - datetime.timedelta(hours=3),
                                             end=now + datetime.timedelta(hours=1))
    return boss_user, worker, app.pk


@pytest.mark.parametrize("mode", MODES)
def test_a_worker_checks_in_sees_the_wage_adds_a_card_and_withdraws(
        live_server, page_factory, journey, accepted, mode):
    from nuanxin.core.money import format_yuan
    from nuanxin.gigs import services
    from nuanxin.gigs.models import Application
    from nuanxin.gigs.tests.factories import GIG_POINT
    from nuanxin.wages.models import Payout

    boss_user, worker, app_id = accepted
    t = words(mode)
    page = open_home(page_factory, live_server, mode, geolocation={"latitude": GIG_POINT[0], "longitude": GIG_POINT[1]},
                     permissions=["geolocation"])
    steps = journey(page)
    page.get_by_role("link", name=t("Sign in"), exact=True).click()
    sign_in_with_code(page, t, worker.phone)
    page.get_by_role("link", name=t("Me"), exact=True).click()
    page.get_by_role("link", name=t("My shifts")).click()
    steps.step("my-shifts")
    with page.expect_navigation():                                    # the script sends the phone's location
        page.get_by_role("button", name=t("Check in here")).click()
    steps.step("checked-in")
    app = Application.objects.get(pk=app_id)
    assert app.status == "checked_in" and app.checkin_method == "gps"
    # Three hours of work pass: the record starts at the shift's start.
    Application.objects.filter(pk=app_id).update(checked_in_at=app.shift.start)
    page.reload()
    with page.expect_navigation():
        page.get_by_role("button", name=t("Check out")).click()
    steps.step("checked-out")
    app.refresh_from_db()
    assert app.status == "checked_out" and app.worked_minutes >= 180
    services.application_confirm(application_id=app_id, by=boss_user)  # the employer confirms the record
    app.refresh_from_db()
    wage = app.wage_fen
    assert wage >= 180 * 3000 // 60                                     # 30 yuan an hour, at least 3 hours

    page.get_by_role("link", name=t("Me"), exact=True).click()
    page.get_by_role("link", name=t("My shifts")).click()
    steps.step("wage-on-shift")
    assert page.get_by_text(format_yuan(wage)).first.is_visible()
    page.get_by_role("link", name=t("Me"), exact=True).click()
    page.get_by_role("link", name=t("Wallet")).click()
    steps.step("wallet")
    page.get_by_role("link", name=t("Add a payout account")).click()
    page.get_by_role("link", name=t("Fill in my name and ID number")).click()
    page.get_by_label(t("Name, as on your ID card")).fill("王小明")
    page.get_by_label(t("ID card number (18 digits)")).fill("320583199001011232")
    steps.step("real-name")
    page.get_by_role("button", name=t("Save")).click()
    page.wait_for_load_state()
    page.get_by_label(t("bank card")).check()
    page.get_by_label(t("Card number or account")).fill("6222 0212 3456 7894")
    steps.step("card")
    page.get_by_role("button", name=t("Save")).click()
    page.wait_for_load_state()
    page.get_by_label(t("Amount (yuan)")).fill("50")
    steps.step("withdraw")
    page.get_by_role("button", name=t("Take out")).click()
    page.wait_for_load_state()
    steps.step("withdrawn")
    assert page.get_by_text(t("Payout requested. It usually arrives within one working day.")).is_visible()
    assert Payout.objects.get(user=worker).amount_fen == 5000
    assert axe_violations(page) == []
    assert_small(steps)
