import datetime
import io
import re

import pytest
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from nuanxin.accounts import sms
from nuanxin.accounts.models import Employer, OtpChallenge, User
from nuanxin.conftest import ApiClient, kid_id
from nuanxin.core.models import AuditEntry
from nuanxin.core.tests.test_validators import make_id

pytestmark = pytest.mark.django_db


def last_code(phone: str) -> str:
    msgs = [m for m in sms.outbox if m["phone"] == phone]
    return re.search(r"\b(\d{6})\b", msgs[-1]["text"]).group(1)


def sign_in(api, phone="13812345678") -> dict:
    assert api.post("/api/v1/auth/otp", {"phone": phone}).status_code == 202
    r = api.post("/api/v1/auth/token", {"phone": phone, "code": last_code(phone)})
    assert r.status_code == 200, r.content
    return r.json()


def test_phone_sign_in_creates_a_worker_and_the_token_works(api):
    body = sign_in(api)
    assert body["user"]["roles"] == ["worker"]
    assert body["user"]["phone_masked"] == "138****5678"
    me = ApiClient(token=body["token"]).get("/api/v1/me")
    assert me.status_code == 200 and me.json()["id"] == body["user"]["id"]
    # Tokens are stored hashed: the raw token is nowhere in the table.
    with connection.cursor() as cur:
        cur.execute("SELECT key_hash FROM accounts_apitoken")
        assert body["token"] not in str(cur.fetchall())


def test_sms_codes_are_rate_limited(api):
    assert api.post("/api/v1/auth/otp", {"phone": "13812345678"}).status_code == 202
    r = api.post("/api/v1/auth/otp", {"phone": "13812345678"})
    assert r.status_code == 429
    assert r.json()["error"]["code"] == "rate_limited"
    assert int(r["Retry-After"]) > 0


def test_five_sends_an_hour_at_most(db):
    from nuanxin.accounts import services
    from nuanxin.core.errors import RateLimited

    t0 = timezone.now()
    for i in range(5):
        services.otp_request(phone="13812345678", now=t0 + datetime.timedelta(minutes=2 * i))
    with pytest.raises(RateLimited):
        services.otp_request(phone="13812345678", now=t0 + datetime.timedelta(minutes=11))
    services.otp_request(phone="13812345678", now=t0 + datetime.timedelta(minutes=70))


def test_wrong_codes_lock_out_even_the_right_code(api):
    api.post("/api/v1/auth/otp", {"phone": "13812345678"})
    right = last_code("13812345678")
    wrong = "000000" if right != "000000" else "111111"
    for _ in range(5):
        r = api.post("/api/v1/auth/token", {"phone": "13812345678", "code": wrong})
        assert r.status_code == 422 and r.json()["error"]["fields"]["code"]
    r = api.post("/api/v1/auth/token", {"phone": "13812345678", "code": right})
    assert r.status_code == 429 and r.json()["error"]["code"] == "locked"
    assert not User.objects.filter(phone="13812345678").exists()
    # And no new code can be asked for during the lockout.
    OtpChallenge.objects.update(created_at=timezone.now() - datetime.timedelta(minutes=2))
    assert api.post("/api/v1/auth/otp", {"phone": "13812345678"}).status_code == 429


def test_a_code_works_once(api):
    api.post("/api/v1/auth/otp", {"phone": "13812345678"})
    code = last_code("13812345678")
    assert api.post("/api/v1/auth/token", {"phone": "13812345678", "code": code}).status_code == 200
    again = api.post("/api/v1/auth/token", {"phone": "13812345678", "code": code})
    assert again.status_code == 422 and again.json()["error"]["code"] == "code_expired"


def test_staff_password_sign_in(api, make_user):
    user = make_user("advisor", username="chen")
    user.set_password("a-long-demo-password")
    user.save()
    r = api.post("/api/v1/auth/token", {"username": "chen", "password": "a-long-demo-password"})
    assert r.status_code == 200 and r.json()["user"]["roles"] == ["advisor"]
    bad = api.post("/api/v1/auth/token", {"username": "chen", "password": "nope"})
    assert bad.status_code == 401 and bad.json()["error"]["code"] == "wrong_credentials"


def test_errors_speak_chinese_by_default_and_english_on_request(api):
    zh = api.post("/api/v1/auth/otp", {"phone": "123"})
    en = api.post("/api/v1/auth/otp", {"phone": "123"}, HTTP_ACCEPT_LANGUAGE="en")
    assert zh.status_code == en.status_code == 422
    assert re.search(r"[\u4e00-\u9fff]", zh.json()["error"]["fields"]["phone"])
    assert "11 digits" in en.json()["error"]["fields"]["phone"]


def test_missing_and_bad_tokens_are_401(api):
    for headers in ({}, {"HTTP_AUTHORIZATION": "Bearer nope"}, {"HTTP_AUTHORIZATION": "Basic x"}):
        r = api.get("/api/v1/me", **headers)
        assert r.status_code == 401 and r.json()["error"]["code"] == "not_authenticated"


def test_profile_with_id_number_is_masked_and_encrypted(make_user, client_for):
    number = make_id()
    c = client_for(make_user())
    r = c.put("/api/v1/me/profile", {"name": "李娜", "id_number": number, "hometown": "甘肃兰州",
                                      "occupation": "delivery", "skills": ["电动车驾驶"]})
    assert r.status_code == 200, r.content
    assert r.json()["id_number_masked"] == number[:4] + "*" * 10 + number[-4:]
    assert number not in r.content.decode()
    assert number not in c.get("/api/v1/me/profile").content.decode()
    # Not in plaintext anywhere in the database: every row of every table, read raw.
    with connection.cursor() as cur:
        for table in connection.introspection.table_names():
            cur.execute(f'SELECT * FROM "{table}"')  # noqa: S608 - table names from introspection
            assert number not in str(cur.fetchall()), table


def test_invalid_id_number_names_the_field_and_changes_nothing(make_user, client_for):
    user = make_user()
    c = client_for(user)
    bad = make_id()[:-1] + ("0" if make_id()[-1] != "0" else "1")
    r = c.put("/api/v1/me/profile", {"name": "改名", "id_number": bad})
    assert r.status_code == 422
    assert set(r.json()["error"]["fields"]) == {"id_number"}
    user.refresh_from_db()
    assert user.name == ""


def test_one_id_number_one_account(make_user, client_for):
    number = make_id()
    assert client_for(make_user()).put("/api/v1/me/profile", {"id_number": number}).status_code == 200
    r = client_for(make_user()).put("/api/v1/me/profile", {"id_number": number})
    assert r.status_code == 409 and r.json()["error"]["code"] == "id_number_taken"


def test_children_are_stored_encrypted_and_shown_masked(make_user, client_for):
    c = client_for(make_user())
    r = c.post("/api/v1/me/children", {"name": "王小明", "birth_date": "2016-05-01", "grade": "g4",
                                           "id_number": kid_id("2016-05-01")})
    assert r.status_code == 201 and r.json()["name_masked"] == "王**"
    with connection.cursor() as cur:
        cur.execute("SELECT name FROM accounts_child")
        assert "王小明" not in str(cur.fetchall())
    assert c.post("/api/v1/me/children", {"name": "x", "birth_date": "1990-01-01", "grade": "g4"}).status_code == 422


def test_employer_registration_and_verification(make_user, client_for):
    boss = make_user()
    c = client_for(boss)
    r = c.post("/api/v1/employers", {"name": "淳华科技(昆山)有限公司", "uscc": "91350100M000100Y43",
                                     "contact_name": "钱经理", "contact_phone": "13900000009"})
    assert r.status_code == 201 and r.json()["status"] == "pending"
    eid = r.json()["id"]
    assert "employer" in c.get("/api/v1/me").json()["roles"]
    # Workers and the employer itself cannot verify; an advisor can.
    assert c.post(f"/api/v1/employers/{eid}/verify").status_code == 403
    advisor = make_user("advisor", username="adv")
    ok = client_for(advisor).post(f"/api/v1/employers/{eid}/verify")
    assert ok.status_code == 200 and ok.json()["status"] == "verified"
    assert AuditEntry.objects.filter(action="employer.verify", object_id=str(eid), actor=advisor).exists()
    # Once verified, another registration of the same code conflicts (claims: test_employer_claims.py).
    again = client_for(make_user()).post("/api/v1/employers", {
        "name": "别家", "uscc": "91350100M000100Y43", "contact_name": "x", "contact_phone": "13900000008"})
    assert again.status_code == 409 and again.json()["error"]["code"] == "uscc_taken"
    # Another account cannot even see the employer.
    assert client_for(make_user()).get(f"/api/v1/employers/{eid}").status_code == 404


def test_bad_credit_code_is_a_422_naming_the_field(make_user, client_for):
    r = client_for(make_user()).post("/api/v1/employers", {
        "name": "某公司", "uscc": "91350100M000100Y44", "contact_name": "x", "contact_phone": "13900000009"})
    assert r.status_code == 422 and "uscc" in r.json()["error"]["fields"]
    assert not Employer.objects.exists()


def test_issue_token_command_creates_and_prints_a_working_token(db):
    out = io.StringIO()
    call_command("issue_token", "13655556666", "--create", "--role", "worker", stdout=out)
    token = out.getvalue().strip().splitlines()[-1]
    me = ApiClient(token=token).get("/api/v1/me")
    assert me.status_code == 200 and me.json()["roles"] == ["worker"]
    out = io.StringIO()
    call_command("issue_token", "ops-legal", "--create", "--role", "legal", stdout=out)
    me = ApiClient(token=out.getvalue().strip().splitlines()[-1]).get("/api/v1/me")
    assert me.json()["roles"] == ["legal"] and me.json()["username"] == "ops-legal"


def test_audit_log_is_append_only(make_user):
    from nuanxin.core.audit import audit_log

    entry = audit_log(actor=make_user(), action="test.read")
    with pytest.raises(TypeError):
        entry.save()
    with pytest.raises(TypeError):
        entry.delete()
    with pytest.raises(TypeError):
        AuditEntry.objects.all().delete()
    with pytest.raises(TypeError):
        AuditEntry.objects.update(action="x")


def test_form_encoded_bodies_to_json_endpoints_get_a_4xx_not_a_5xx(client):
    """A multipart or urlencoded body where JSON is expected is refused in the error shape
    (the NUL guard must leave the body readable for the endpoint)."""
    for kwargs in ({"data": {"phone": "13812345678"}},
                   {"data": "phone=13812345678", "content_type": "application/x-www-form-urlencoded"},
                   {"data": {"phone": "138\x0012345678"}}):
        r = client.post("/api/v1/auth/otp", **kwargs)
        assert r.status_code == 400 and set(r.json()["error"]) == {"code", "message", "fields"}


def test_a_worker_puts_their_real_name_on_file_through_the_page(client, make_user):
    """The payout-account page sends a worker without a real name here (issue 10, hole 5)."""
    from nuanxin.accounts.models import WorkerProfile
    from nuanxin.accounts.selectors import real_name_of

    worker = make_user()
    client.force_login(worker)
    assert client.get("/accounts/profile/?next=/wallet/account/").status_code == 200
    bad = client.post("/accounts/profile/", {"name": "李娜", "id_number": "320583199001011231"})
    assert bad.status_code == 200 and 'aria-invalid="true"' in bad.content.decode()
    assert real_name_of(worker) is None
    r = client.post("/accounts/profile/", {"name": "李娜", "id_number": "320583199001011232",
                                           "next": "/wallet/account/"})
    assert r.status_code == 302 and r["Location"] == "/wallet/account/"
    assert real_name_of(worker) == "李娜"
    page = client.get("/accounts/profile/").content.decode()
    assert "320583199001011232" not in page and WorkerProfile.objects.get(user=worker).id_number_masked in page
    # Leaving the number empty keeps the one on file; an off-site next is ignored.
    r = client.post("/accounts/profile/", {"name": "李娜娜", "id_number": "", "next": "https://evil.example/"})
    assert r.status_code == 302 and "evil" not in r["Location"] and real_name_of(worker) == "李娜娜"
