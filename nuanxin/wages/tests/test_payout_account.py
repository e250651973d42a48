"""The payout account, on the page and through the API: a real card or wallet, in the worker's
own real name, stored encrypted, shown masked, and every change audited and told by SMS."""

import pytest
from django.db import connection
from django.urls import reverse

from nuanxin.accounts import sms
from nuanxin.accounts.models import InboxMessage
from nuanxin.core.models import AuditEntry
from nuanxin.wages import services
from nuanxin.wages.models import Payout, PayoutAccount
from nuanxin.wages.tests.factories import CARD, REAL_NAME, fund_worker, give_real_name
from nuanxin.wages.validators import (
    check_alipay_account,
    check_card_number,
    check_wechat_account,
    same_name,
)

pytestmark = pytest.mark.django_db

PAGE = "/wallet/account/"


@pytest.fixture
def page(client, named_worker):
    """The signed-in worker's browser, on the English pages (the wording tested is the msgid)."""
    client.force_login(named_worker)
    client.cookies["django_language"] = "en"
    return client


def save(client, kind="bank_card", number=CARD, holder=REAL_NAME):
    return client.post(PAGE, {"kind": kind, "number": number, "holder": holder})


def test_the_wallet_links_to_the_page_where_the_text_about_an_app_was(page):
    wallet = page.get(reverse("wages:wallet")).content.decode()
    assert "in the app" not in wallet and f'href="{PAGE}"' in wallet
    form = page.get(PAGE).content.decode()
    assert 'value="李娜"' in form  # the holder comes filled in with the name on file
    assert '<label for="id_number">' in form and '<legend>' in form


def test_without_a_real_name_on_file_the_page_asks_for_the_profile_first(client, make_user, client_for):
    user = make_user("worker", name="李娜")  # a name, but no ID number behind it
    client.force_login(user)
    client.cookies["django_language"] = "en"
    page = client.get(PAGE).content.decode()
    assert "your real name and ID number must be in your profile first" in page
    assert 'name="number"' not in page
    r = save(client)
    assert r.status_code == 200 and "must be in your profile first" in r.content.decode()
    r = client_for(user).put("/api/v1/me/payout-account", {"kind": "bank_card", "number": CARD, "holder": "李娜"})
    assert r.status_code == 409 and r.json()["error"]["code"] == "real_name_required"
    assert not PayoutAccount.objects.exists()


def test_a_card_number_with_a_wrong_digit_is_refused_beside_the_field(page, named_worker, client_for):
    r = save(page, number="6222 0212 3456 7890")  # the Luhn check digit does not match
    html = r.content.decode()
    assert r.status_code == 200 and 'id="id_number-error"' in html and "a digit is missing or wrong" in html
    assert 'aria-invalid="true"' in html
    r = save(page, number="6222 0212 3456")  # too short
    assert "16 to 19 digits" in r.content.decode()
    r = client_for(named_worker).put("/api/v1/me/payout-account",
                                     {"kind": "bank_card", "number": "6222021234567890", "holder": REAL_NAME})
    assert r.status_code == 422 and "number" in r.json()["error"]["fields"]
    assert not PayoutAccount.objects.exists()


def test_an_account_in_someone_elses_name_is_refused(page, named_worker, client_for):
    r = save(page, holder="王强")
    html = r.content.decode()
    assert 'id="id_holder-error"' in html and "must be in your own name" in html
    r = client_for(named_worker).put("/api/v1/me/payout-account",
                                     {"kind": "bank_card", "number": CARD, "holder": "王强"})
    assert r.status_code == 422 and "holder" in r.json()["error"]["fields"]
    assert not PayoutAccount.objects.exists()


def test_add_replace_remove_each_audited_and_told_by_inbox_and_sms(page, named_worker, client_for,
                                                                   django_capture_on_commit_callbacks):
    api = client_for(named_worker)
    assert api.get("/api/v1/me/payout-account").status_code == 404
    with django_capture_on_commit_callbacks(execute=True):
        r = save(page, number="6222 0212 3456 7894")
    assert r.status_code == 302
    wallet = page.get(reverse("wages:wallet")).content.decode()
    assert "****7894" in wallet and "6222" not in wallet
    with connection.cursor() as cur:  # encrypted at rest
        cur.execute("SELECT number, holder FROM wages_payoutaccount")
        assert "6222" not in str(cur.fetchall()) and REAL_NAME not in str(cur.fetchall())
    # The change signed out every other device of the worker's, this API token among them.
    assert api.get("/api/v1/me/payout-account").status_code == 401
    api = client_for(named_worker)
    assert api.get("/api/v1/me/payout-account").json() == {"kind": "bank_card", "number_masked": "****7894"}
    added = AuditEntry.objects.get(action="wages.payout_account_set")
    assert added.actor == named_worker and added.detail["number_masked"] == "****7894"
    message = InboxMessage.objects.get(user=named_worker)
    assert "bank card ****7894" in message.text and "12345" in message.text and message.link == PAGE
    assert sms.outbox[-1]["text"] == message.text

    with django_capture_on_commit_callbacks(execute=True):
        r = save(page, kind="alipay", number="13812345678")
    assert r.status_code == 302
    changed = InboxMessage.objects.filter(user=named_worker).order_by("-pk").first()
    assert "changed from bank card ****7894 to Alipay ****5678" in changed.text and "12345" in changed.text
    assert sms.outbox[-1]["text"] == changed.text
    assert AuditEntry.objects.filter(action="wages.payout_account_set").count() == 2
    assert "Alipay ****5678" in page.get(PAGE).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        r = page.post(reverse("wages:payout-account-remove"), follow=True)
    assert r.status_code == 200 and "Payout account removed." in r.content.decode()
    removed = InboxMessage.objects.filter(user=named_worker).order_by("-pk").first()
    assert "Alipay ****5678 was removed" in removed.text and sms.outbox[-1]["text"] == removed.text
    assert AuditEntry.objects.filter(action="wages.payout_account_remove").count() == 1
    assert not PayoutAccount.objects.exists()

    fund_worker(named_worker, 10_000)
    api = client_for(named_worker)  # the removal signed the last token out too
    r = api.post("/api/v1/wallet/payouts", {"amount_fen": 100, "idempotency_key": "after-remove"})
    assert r.status_code == 409 and r.json()["error"]["code"] == "no_payout_account"
    assert "Add a payout account" in page.get(reverse("wages:wallet")).content.decode()


def test_saving_the_same_account_again_changes_and_tells_nothing(named_worker):
    for _ in range(3):  # a retried request
        services.payout_account_set(user=named_worker, kind="bank_card", number=CARD, holder=REAL_NAME)
    assert AuditEntry.objects.filter(action="wages.payout_account_set").count() == 1
    assert InboxMessage.objects.filter(user=named_worker).count() == 1


def test_the_api_gets_and_deletes_the_account(named_worker, client_for):
    api = client_for(named_worker)
    assert api.put("/api/v1/me/payout-account", {"kind": "wechat", "number": "wxid_lina88",
                                                 "holder": "李娜"}).status_code == 200
    assert api.get("/api/v1/me/payout-account").json()["number_masked"] == "****na88"
    r = api.delete("/api/v1/me/payout-account")
    assert r.status_code == 200 and r.json() == {"kind": "wechat", "number_masked": "****na88", "removed": True}
    r = api.delete("/api/v1/me/payout-account")
    assert r.status_code == 404 and r.json()["error"]["code"] == "no_payout_account"
    assert AuditEntry.objects.filter(action="wages.payout_account_remove").count() == 1


def test_a_payout_on_its_way_keeps_its_destination_when_the_account_is_removed(named_worker, client_for):
    services.payout_account_set(user=named_worker, kind="bank_card", number=CARD, holder=REAL_NAME)
    fund_worker(named_worker, 10_000)
    payout = services.payout_request(user=named_worker, amount_fen=5_000, idempotency_key="on-its-way")
    client_for(named_worker).delete("/api/v1/me/payout-account")
    services.payout_settle(payout_id=payout.pk)
    payout = Payout.objects.get(pk=payout.pk)
    assert payout.status == "sent" and payout.destination_masked == "****7894" and payout.destination_kind == "bank_card"


def test_employers_have_no_payout_account(client, employer):
    _api, user, _org = employer
    client.force_login(user)
    client.cookies["django_language"] = "en"
    assert "Only workers take wages out" in client.get(PAGE).content.decode()


@pytest.mark.parametrize("number", ["6222021234567894", "6222 0212 3456 7894", "６２２２０２１２３４５６７８９４",
                                    "6212-2640-0000-0000-006"])
def test_card_numbers_people_type(number):
    assert check_card_number(number).isdigit()


@pytest.mark.parametrize("number", ["6222021234567890", "622202123456789", "62220212345678941234", "6222abcd34567894",
                                    ""])
def test_card_numbers_refused(number):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        check_card_number(number)


def test_alipay_and_wechat_accounts():
    from django.core.exceptions import ValidationError

    assert check_alipay_account(" 138 1234 5678 ") == "13812345678"
    assert check_alipay_account("Li.Na@Example.COM") == "Li.Na@example.com"
    assert check_wechat_account("wxid_lina88") == "wxid_lina88"
    assert check_wechat_account("+86 13812345678") == "13812345678"
    for bad_alipay in ("12345678901", "lina@", "not an account"):
        with pytest.raises(ValidationError):
            check_alipay_account(bad_alipay)
    for bad_wechat in ("1abcdef", "abc", "a" * 21, "李娜的微信"):
        with pytest.raises(ValidationError):
            check_wechat_account(bad_wechat)


def test_the_holder_is_compared_as_a_name_not_as_bytes(make_user):
    assert same_name(" 李 娜 ", "李娜") and same_name("阿卜杜•热合曼", "阿卜杜·热合曼")
    assert not same_name("李", "李娜") and not same_name("", "李娜")
    give_real_name(user := make_user(), "阿卜杜·热合曼")
    services.payout_account_set(user=user, kind="alipay", number="13812345678", holder="阿卜杜.热合曼")
    assert PayoutAccount.objects.get(user=user).holder == "阿卜杜·热合曼"
