"""The first sign-in asks for agreement to the user agreement and the privacy notice (issue 11,
item 10): versioned, recorded, never pre-ticked, asked again when the wording changes."""

import re

import pytest

from nuanxin.accounts import sms
from nuanxin.accounts.choices import AGREEMENT_VERSIONS
from nuanxin.accounts.models import AgreementAcceptance
from nuanxin.core.models import AuditEntry

PHONE = "13812345678"


def sign_in_by_sms(client, phone: str, nxt: str):
    client.post("/accounts/login/", {"step": "phone", "phone": phone, "next": nxt})
    code = re.search(r"\d{6}", sms.outbox[-1]["text"]).group(0)
    return client.post("/accounts/login/", {"step": "code", "phone": phone, "code": code, "next": nxt})


@pytest.mark.django_db
def test_a_new_person_agrees_once_then_goes_where_they_were_going(client):
    asked = sign_in_by_sms(client, PHONE, "/gigs/")  # the sign-in itself leads to the agreement
    assert asked.status_code == 302 and asked["Location"] == "/accounts/agreement/?next=%2Fgigs%2F"
    assert client.get("/gigs/")["Location"] == asked["Location"]  # and no page is open before it
    page = client.get(asked["Location"]).content.decode()
    assert "用户协议" in page and "隐私政策" in page
    box = re.search(r'<input type="checkbox" name="agree"[^>]*>', page).group(0)
    assert "checked" not in box  # consent is the person's own tick

    refused = client.post("/accounts/agreement/", {"next": "/gigs/"})
    assert refused.status_code == 200 and "请勾选" in refused.content.decode()
    assert not AgreementAcceptance.objects.exists()
    assert client.get("/wallet/").status_code == 302  # still asked before anything else

    agreed = client.post("/accounts/agreement/", {"next": "/gigs/", "agree": "on"})
    assert agreed.status_code == 302 and agreed["Location"] == "/gigs/"
    rows = AgreementAcceptance.objects.filter(user__phone=PHONE)
    assert {(r.document, r.version, r.channel) for r in rows} == {
        (doc, version, "web") for doc, version in AGREEMENT_VERSIONS.items()}
    assert AuditEntry.objects.filter(action="accounts.agreement_accept").count() == 2
    assert client.get("/gigs/").status_code == 200 and client.get("/wallet/").status_code == 200

    client.post("/accounts/logout/")
    client.force_login(rows[0].user)  # a new session: the record, not the session, remembers
    assert client.get("/bookings/").status_code == 200


@pytest.mark.django_db
def test_new_wording_is_asked_for_again(client, make_user, monkeypatch):
    user = make_user()
    client.force_login(user)
    assert client.get("/gigs/").status_code == 200
    monkeypatch.setitem(AGREEMENT_VERSIONS, "privacy", "2027-01-01")
    assert client.get("/gigs/")["Location"].startswith("/accounts/agreement/")
    client.post("/accounts/agreement/", {"next": "/gigs/", "agree": "on"})
    assert AgreementAcceptance.objects.filter(user=user, document="privacy", version="2027-01-01").exists()
    assert client.get("/gigs/").status_code == 200


@pytest.mark.django_db
def test_help_numbers_documents_and_sign_out_stay_open_before_agreeing(client, make_user):
    client.force_login(make_user(agreed=False))
    help_page = client.get("/help/")
    assert help_page.status_code == 200 and 'href="tel:110"' in help_page.content.decode()
    assert client.get("/accounts/terms/").status_code == 200
    assert client.get("/accounts/privacy/").status_code == 200
    sent = client.post("/help/", {"type": "emergency", "summary": "我在火车站没钱回家"})
    assert sent.status_code == 302 and sent["Location"].startswith("/accounts/agreement/")
    assert client.post("/accounts/logout/").status_code == 302


@pytest.mark.django_db
def test_staff_are_not_asked(client, make_user):
    staff = make_user("advisor", username="advisor-li", agreed=False)
    client.force_login(staff)
    assert client.get("/gigs/").status_code == 200


@pytest.mark.django_db
def test_the_documents_read_in_both_languages(client):
    zh = client.get("/accounts/privacy/").content.decode()
    assert "个人信息保护法" in zh and AGREEMENT_VERSIONS["privacy"] in zh
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    en = client.get("/accounts/terms/").content.decode()
    assert "User agreement" in en and "escrow" in en


@pytest.mark.django_db
def test_withdrawing_signs_out_and_the_next_sign_in_asks_again(client, make_user):
    user = make_user()
    client.force_login(user)
    assert "撤回同意" in client.get("/settings/").content.decode()
    done = client.post("/accounts/agreement/withdraw/", follow=True)
    assert "已撤回" in done.content.decode()
    assert not AgreementAcceptance.objects.filter(user=user, withdrawn_at__isnull=True).exists()
    assert client.get("/wallet/")["Location"].startswith("/accounts/login/")  # signed out
    client.force_login(user)
    assert client.get("/gigs/")["Location"].startswith("/accounts/agreement/")


@pytest.mark.django_db
def test_the_api_reads_records_and_withdraws_agreement(make_user, client_for):
    api = client_for(make_user(agreed=False))
    start = api.get("/api/v1/me/consents").json()
    assert sorted(start["pending"]) == ["privacy", "terms"]
    stale = api.post("/api/v1/me/consents", {"purpose": "terms", "version": "2020-01-01"})
    assert stale.status_code == 409 and stale.json()["error"]["code"] == "stale_version"
    assert api.post("/api/v1/me/consents", {"purpose": "nonsense", "version": "x"}).status_code == 422
    for doc, version in AGREEMENT_VERSIONS.items():
        r = api.post("/api/v1/me/consents", {"purpose": doc, "version": version})
        assert r.status_code == 201
    assert r.json()["pending"] == []
    assert AgreementAcceptance.objects.filter(channel="api").count() == 2
    gone = api.delete("/api/v1/me/consents/privacy").json()
    assert gone["pending"] == ["privacy"]
    assert next(i for i in gone["items"] if i["purpose"] == "privacy")["withdrawn"] is True
