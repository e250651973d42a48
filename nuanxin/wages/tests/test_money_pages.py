"""Amounts typed on the wallet's pages: odd text is a form error on the page, never a 500, a
stuck server or money moved; what people really type (1,234.50, full-width ５０) works."""


import pytest
from django.urls import reverse

from nuanxin.wages import services
from nuanxin.wages.choices import AccountKind
from nuanxin.wages.models import Deposit, LedgerTransaction, Payout
from nuanxin.wages.selectors import balance
from nuanxin.wages.tests.factories import CARD, REAL_NAME, fund_worker

pytestmark = pytest.mark.django_db

BAD_AMOUNTS = ["1e999990", "NaN", "Infinity", "-5", "0.001", "1,23", "9" * 40]


@pytest.fixture
def paid_worker(client, named_worker):
    """A signed-in worker with ¥2,000.00 and a bank card, on the English pages."""
    services.payout_account_set(user=named_worker, kind="bank_card", number=CARD, holder=REAL_NAME)
    fund_worker(named_worker, 200_000)
    client.force_login(named_worker)
    client.cookies["django_language"] = "en"
    return named_worker


@pytest.mark.parametrize("raw", BAD_AMOUNTS)
def test_odd_payout_amounts_are_a_form_error_and_move_nothing(client, paid_worker, raw):
    transactions = LedgerTransaction.objects.count()
    r = client.post(reverse("wages:payout"), {"amount_yuan": raw, "key": f"k-{len(raw)}"})
    page = r.content.decode()
    assert r.status_code == 200
    # A message beside the field (its wording per kind of mistake is checked in core's test_money).
    assert 'aria-invalid="true"' in page and ("Enter an amount" in page or "two decimals" in page)
    assert 'id="payout-amount_yuan-error"' in page  # the error is tied to the field (aria-describedby)
    assert not Payout.objects.exists() and LedgerTransaction.objects.count() == transactions
    assert balance(AccountKind.WORKER_AVAILABLE, paid_worker) == 200_000


@pytest.mark.parametrize("raw", BAD_AMOUNTS)
def test_odd_deposit_amounts_are_a_form_error_and_move_nothing(client, employer, raw):
    _api, user, _org = employer
    client.force_login(user)
    deposits = Deposit.objects.count()
    r = client.post(reverse("wages:deposit"), {"amount_yuan": raw, "key": "dep-1"})
    assert r.status_code == 200 and 'aria-invalid="true"' in r.content.decode()
    assert Deposit.objects.count() == deposits


@pytest.mark.parametrize(("raw", "fen"), [("1,234.50", 123_450), ("５０", 5_000), ("¥88.8", 8_880)])
def test_amounts_as_people_type_them_are_taken(client, paid_worker, raw, fen):
    r = client.post(reverse("wages:payout"), {"amount_yuan": raw, "key": "k-ok"})
    assert r.status_code == 302
    assert Payout.objects.get(user=paid_worker).amount_fen == fen
    assert balance(AccountKind.WORKER_AVAILABLE, paid_worker) == 200_000 - fen


def test_a_payout_is_at_most_50000_yuan_and_a_deposit_at_most_a_million(client, paid_worker, employer):
    fund_worker(paid_worker, 5_000_000)
    r = client.post(reverse("wages:payout"), {"amount_yuan": "50,000.01", "key": "big"})
    assert r.status_code == 200 and "At most ¥50,000.00 in one go." in r.content.decode()
    assert not Payout.objects.exists()
    assert client.post(reverse("wages:payout"), {"amount_yuan": "50,000", "key": "big-ok"}).status_code == 302
    assert services.MAX_PAYOUT_FEN == Payout.objects.get().amount_fen
    api, user, _org = employer  # the API refuses the same, through the same service
    r = api.post("/api/v1/wallet/deposits", {"amount_fen": 100_000_001, "idempotency_key": "huge"})
    assert r.status_code == 422
    client.force_login(user)
    r = client.post(reverse("wages:deposit"), {"amount_yuan": "1,000,000.01", "key": "huge"})
    assert "At most ¥1,000,000.00 in one go." in r.content.decode()


def test_refusals_from_the_service_are_shown_on_the_page(client, paid_worker):
    r = client.post(reverse("wages:payout"), {"amount_yuan": "3,000", "key": "too-much"})
    assert r.status_code == 200 and "Your balance is not enough for this payout." in r.content.decode()
    assert not Payout.objects.exists()


def test_amounts_on_the_page_read_like_money(client, paid_worker):
    fund_worker(paid_worker, 3_450, key="more")  # ¥2,034.50 in all
    page = client.get(reverse("wages:wallet")).content.decode()
    assert "¥2,034.50" in page and "+¥34.50" in page


def test_reloading_a_refused_money_form_or_switching_to_elder_mode_is_no_error_page(client, paid_worker):
    """After a refused amount the browser sits on /wallet/payout/; a reload or the elder switch
    there must lead back to the wallet, not to a 405 page."""
    refused = client.post(reverse("wages:payout"), {"amount_yuan": "NaN", "key": "k-elder"},
                          HTTP_REFERER="http://testserver/wallet/")
    assert 'name="next" value="http://testserver/wallet/"' in refused.content.decode()
    assert client.get(reverse("wages:payout")).status_code == 302
    assert client.get(reverse("wages:deposit")).status_code == 302
    switched = client.post(reverse("core:elder"), {"on": "1", "next": "http://testserver/wallet/"})
    assert switched.status_code == 302 and client.get(switched["Location"]).status_code == 200
