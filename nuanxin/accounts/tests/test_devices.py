"""Issue 16, finding 8: a list of my devices with sign-out, and every other device signed out
when the payout account changes."""

import pytest
from django.test import Client

from nuanxin.conftest import ApiClient
from nuanxin.wages.tests.factories import CARD, REAL_NAME, give_real_name

pytestmark = pytest.mark.django_db
PASSWORD = "a-long-demo-password"
PHONE_UA = "Mozilla/5.0 (Linux; Android 12; M2006C3LC) AppleWebKit/537.36 Chrome/120.0 Mobile Safari/537.36 " \
           "MicroMessenger/8.0.47"


def browser(user, ua: str = PHONE_UA) -> Client:
    c = Client(HTTP_USER_AGENT=ua)
    c.force_login(user)  # through Django's login(), as every sign-in door is (without its UA)
    return c


def staff_browser(username: str, ua: str) -> Client:
    """Signed in through the sign-in page, as a person's phone would."""
    c = Client(HTTP_USER_AGENT=ua)
    r = c.post("/accounts/login/", {"step": "password", "staff-username": username, "staff-password": PASSWORD})
    assert r.status_code == 302, r.content[:300]
    return c


def signed_in(c: Client) -> bool:
    return c.get("/accounts/inbox/").status_code == 200


def token_for(user) -> str:
    from nuanxin.accounts import services

    return services.token_issue(user=user, user_agent="NuanxinApp/2.1 (Android 13)", ip="203.0.113.9")


def test_my_devices_lists_browsers_and_tokens_and_signs_one_out(make_user):
    user = make_user("advisor", username="chen")
    user.set_password(PASSWORD)
    user.save()
    phone = staff_browser("chen", PHONE_UA)
    laptop = staff_browser("chen", "Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/120.0")
    token = token_for(user)
    page = phone.get("/accounts/devices/").content.decode()
    assert "安卓手机 · 微信" in page and "Windows 电脑 · Chrome" in page and "本机" in page
    assert page.count('class="card device"') == 3
    listed = ApiClient(token=token).get("/api/v1/me/devices").json()
    assert [d["kind"] for d in listed].count("web") == 2 and listed[0]["current"] and listed[0]["kind"] == "api"
    assert all(d["ip"] is None or d["ip"].endswith("*") for d in listed)
    windows = next(d for d in listed if d["kind"] == "web" and ("Windows" in d["name"] or "电脑" in d["name"]))
    r = phone.post("/accounts/devices/", {"device": windows["id"]}, follow=True)
    assert r.status_code == 200 and not signed_in(laptop) and signed_in(phone)
    # Sign out all others from the phone: the token goes too.
    phone.post("/accounts/devices/", {"action": "others"})
    assert ApiClient(token=token).get("/api/v1/me").status_code == 401 and signed_in(phone)


def test_another_persons_device_is_not_found(make_user):
    me, other = make_user(phone="13811113333"), make_user(phone="13811114444")
    mine, theirs = token_for(me), token_for(other)
    their_browser = browser(other)
    their_ids = [d["id"] for d in ApiClient(token=theirs).get("/api/v1/me/devices").json()]
    assert len(their_ids) == 2
    for device_id in [*their_ids, "api-0", "web-999999", "x-1", "api-²"]:
        r = ApiClient(token=mine).delete(f"/api/v1/me/devices/{device_id}")
        assert r.status_code == 404, (device_id, r.content)
        assert browser(me).post("/accounts/devices/", {"device": device_id}).status_code == 302
    assert signed_in(their_browser) and ApiClient(token=theirs).get("/api/v1/me").status_code == 200
    assert me and other


def test_a_payout_account_change_signs_out_every_other_device(make_user):
    worker = give_real_name(make_user("worker", phone="13811115555"))
    here, elsewhere = browser(worker), browser(worker, "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0) Safari/604.1")
    token = token_for(worker)
    r = here.post("/wallet/account/", {"kind": "bank_card", "number": CARD, "holder": REAL_NAME})
    assert r.status_code == 302, r.content[:500]
    assert signed_in(here) and not signed_in(elsewhere)
    assert ApiClient(token=token).get("/api/v1/me").status_code == 401
    # Through the API, the token doing the change stays; the browser goes.
    token = token_for(worker)
    again = browser(worker)
    r = ApiClient(token=token).put("/api/v1/me/payout-account", {"kind": "alipay", "number": "13811115555",
                                                                "holder": REAL_NAME})
    assert r.status_code == 200, r.content
    assert ApiClient(token=token).get("/api/v1/me").status_code == 200 and not signed_in(again)
