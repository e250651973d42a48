"""Deposits an employer can follow (where to transfer, the reference, pending until confirmed)
and the wallet's history told per gig, for employers and workers."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from nuanxin.gigs.tests.factories import GIG_POINT, gig_payload
from nuanxin.wages import services
from nuanxin.wages.models import Deposit
from nuanxin.wages.selectors import wallet_history
from nuanxin.wages.tests.factories import CARD, REAL_NAME, give_real_name

pytestmark = pytest.mark.django_db

TITLE = gig_payload()["title"]  # 家庭保洁 4小时: 2 places × 4 h × ¥30.00


@pytest.fixture
def boss_page(client, employer):
    _api, user, _org = employer
    client.force_login(user)
    client.cookies["django_language"] = "en"  # the wording tested is the msgid
    return client


def wallet_text(client) -> str:
    """The wallet page with the data marks taken off (names people gave are wrapped in
    <span translate="no">, see wages.presenters.history_html), so sentences read whole."""
    return re.sub(r'<span translate="no">(.*?)</span>', r"\1", client.get(reverse("wages:wallet")).content.decode())


def test_the_deposit_section_shows_the_city_escrow_account(boss_page, settings):
    page = wallet_text(boss_page)
    assert settings.NUANXIN_ESCROW_ACCOUNT_NAME in page and settings.NUANXIN_ESCROW_ACCOUNT_BANK in page
    assert settings.NUANXIN_ESCROW_DEMO_NUMBER in page and "This is a demo account" in page
    settings.NUANXIN_ESCROW_ACCOUNT_NUMBER = "3201 0201 0900 1234 567"
    page = wallet_text(boss_page)
    assert "3201 0201 0900 1234 567" in page and "demo account" not in page


def test_a_pending_deposit_stays_listed_with_its_reference_until_staff_confirm_it(boss_page, make_user,
                                                                                   client_for):
    r = boss_page.post(reverse("wages:deposit"), {"amount_yuan": "1,000", "key": "dep-form-1"})
    assert r.status_code == 302
    deposit = Deposit.objects.get(idempotency_key="dep-form-1")
    assert deposit.amount_fen == 100_000 and deposit.status == "pending"
    for _ in range(2):  # reloads: the reference is not a banner that goes away
        page = wallet_text(boss_page)
        item = page.split('id="deposits"')[1].split("</ul>")[0]
        assert deposit.gateway_ref in item and "¥1,000.00" in item and "Waiting for your transfer" in item
        assert timezone.localtime(deposit.created_at).strftime("%Y-%m-%d") in item
    admin = client_for(make_user("admin", username="finance"))
    assert admin.post(f"/api/v1/wallet/deposits/{deposit.pk}/confirm").json()["status"] == "confirmed"
    page = wallet_text(boss_page)
    item = page.split('id="deposits"')[1].split("</ul>")[0]
    assert deposit.gateway_ref in item and "Confirmed" in item and "Waiting for your transfer" not in item
    history = page.split('id="history"')[1]
    assert f"Deposit arrived (transfer reference {deposit.gateway_ref}) <strong class=\"amount\">+¥1,000.00</strong>" in history


def worked(boss, worker, shift_id) -> int:
    app_id = worker.post(f"/api/v1/shifts/{shift_id}/applications").json()["id"]
    boss.post(f"/api/v1/applications/{app_id}/accept")
    worker.post(f"/api/v1/applications/{app_id}/check-in", {"lat": GIG_POINT[0], "lon": GIG_POINT[1]})
    worker.post(f"/api/v1/applications/{app_id}/check-out", {"lat": GIG_POINT[0], "lon": GIG_POINT[1]})
    return app_id


def test_history_is_told_per_gig_for_the_employer_and_the_worker(boss_page, posted, make_user, client_for, client):
    boss, gig = posted
    page = wallet_text(boss_page)
    assert f"Held the wages of 2 people for “{TITLE}”: ¥240.00" in page
    raw = boss_page.get(reverse("wages:wallet")).content.decode()
    assert f'“<span translate="no">{TITLE}</span>”' in raw  # the gig's name is data, kept as written
    assert "-¥240.00" not in page and "+¥240.00" not in page  # no pair of bare movements

    worker = give_real_name(make_user())
    app_id = worked(boss, client_for(worker), gig["shifts"][0]["id"])
    assert boss.post(f"/api/v1/applications/{app_id}/confirm", {"hours": 3}).json()["wage_fen"] == 9_000
    page = wallet_text(boss_page)
    assert f"“{TITLE}”: ¥90.00 paid to workers, ¥30.00 returned to you" in page
    assert "¥120.00 still held until the work is settled" in page  # the other place

    services.payout_account_set(user=worker, kind="bank_card", number=CARD, holder=REAL_NAME)
    client.force_login(worker)
    client.cookies["django_language"] = "en"
    assert client.post(reverse("wages:payout"), {"amount_yuan": "50", "key": "out-1"}).status_code == 302
    mine = wallet_text(client).split('id="history"')[1]
    assert f"Pay for “{TITLE}” <strong class=\"amount\">+¥90.00</strong>" in mine
    assert "Taken out to bank card ****7894 <strong class=\"amount\">-¥50.00</strong>" in mine and "on its way" in mine
    assert mine.index("Taken out") < mine.index("Pay for")  # newest first
    assert "paid to workers" not in mine and "returned to you" not in mine  # the employer's side is not theirs


def test_a_gig_with_several_shifts_is_one_line(employer, client):
    boss, user, _org = employer
    start = timezone.now() + datetime.timedelta(days=1)
    shifts = [{"start": (start + datetime.timedelta(days=d)).isoformat(),
               "end": (start + datetime.timedelta(days=d, hours=4)).isoformat(), "headcount": 3} for d in range(2)]
    gig = boss.post("/api/v1/gigs", gig_payload(title="快递分拣", shifts=shifts)).json()
    assert boss.post(f"/api/v1/gigs/{gig['id']}/publish").status_code == 200
    client.force_login(user)
    client.cookies["django_language"] = "en"
    page = wallet_text(client)
    assert page.count("“快递分拣”") == 1 and "Held the wages of 6 people for “快递分拣”: ¥720.00" in page


def test_the_history_costs_the_same_queries_for_one_gig_or_many(employer):
    boss, user, _org = employer

    def publish():
        gig = boss.post("/api/v1/gigs", gig_payload()).json()
        boss.post(f"/api/v1/gigs/{gig['id']}/publish")

    publish()
    with CaptureQueriesContext(connection) as one:
        assert len(wallet_history(user)) == 2  # the gig's hold and the fixture's deposit
    for _ in range(4):
        publish()
    with CaptureQueriesContext(connection) as five:
        assert len(wallet_history(user)) == 6
    assert len(five) == len(one)


def test_the_chinese_page_shows_the_history_too(client, posted):
    boss, _gig = posted
    from nuanxin.accounts.models import User

    client.force_login(User.objects.get(employers__isnull=False))
    page = wallet_text(client)
    assert f"《{TITLE}》" in page and "¥240.00" in page


def test_statements_name_what_the_money_was_for(boss_page, posted):
    text = boss_page.get(reverse("wages:statement", args=["csv"])).content.decode("utf-8-sig")
    assert TITLE in text and "gigs.shift:" in text
