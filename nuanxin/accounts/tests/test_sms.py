"""Issue 16, finding 9: no phone number or sign-in code in the logs, and a real SMS provider's
adapter (Alibaba Cloud SMS) checked against a local fake of its API."""

import base64
import hashlib
import hmac
import json
import threading
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from nuanxin.accounts.models import OtpChallenge

SECRET = "fake-access-key-secret"


def expected_signature(query: dict[str, str]) -> str:
    """Alibaba Cloud's RPC signature as its documentation states it, written out here on its
    own: sort by name, percent-encode names and values (RFC 3986), join with & and =, then
    StringToSign = "GET&%2F&" + encode(that); HMAC-SHA1 with the secret plus "&"; Base64."""
    def enc(s: str) -> str:
        return urllib.parse.quote(s, safe="~").replace("+", "%20").replace("*", "%2A")

    canonical = "&".join(f"{enc(k)}={enc(query[k])}" for k in sorted(query))
    to_sign = "GET&" + enc("/") + "&" + enc(canonical)
    return base64.b64encode(hmac.new((SECRET + "&").encode(), to_sign.encode(), hashlib.sha1).digest()).decode()


class FakeAliyun(BaseHTTPRequestHandler):
    received: list[dict] = []

    def do_GET(self):  # noqa: N802 - http.server's name
        query = dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(self.path).query, keep_blank_values=True))
        signature = query.pop("Signature", "")
        if signature != expected_signature(query):
            self._answer(400, {"Code": "SignatureDoesNotMatch", "Message": "Specified signature is not matched"})
        elif query.get("PhoneNumbers") == "13800009999":
            self._answer(200, {"Code": "isv.BUSINESS_LIMIT_CONTROL", "Message": "触发号码天级流控"})
        else:
            FakeAliyun.received.append(query)
            self._answer(200, {"Code": "OK", "Message": "OK", "BizId": "900619746936498440^0", "RequestId": "F655A8D5"})

    def _answer(self, status: int, body: dict):
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


@pytest.fixture
def aliyun(settings):
    server = ThreadingHTTPServer(("127.0.0.1", 0), FakeAliyun)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    FakeAliyun.received = []
    settings.NUANXIN_SMS_BACKEND = "nuanxin.accounts.sms.AliyunSmsBackend"
    settings.NUANXIN_SMS_ALIYUN = {"ENDPOINT": f"http://127.0.0.1:{server.server_port}/", "ACCESS_KEY_ID": "LTAI-fake",
                                   "ACCESS_KEY_SECRET": SECRET, "SIGN_NAME": "暖新", "TEMPLATE_CODE": "SMS_123456789"}
    yield FakeAliyun
    server.shutdown()


@pytest.mark.django_db
def test_a_sign_in_code_goes_through_aliyun(api, aliyun):
    r = api.post("/api/v1/auth/otp", {"phone": "13800000001"})
    assert r.status_code == 202, r.content
    (sent,) = aliyun.received
    assert sent["Action"] == "SendSms" and sent["Version"] == "2017-05-25" and sent["AccessKeyId"] == "LTAI-fake"
    assert sent["PhoneNumbers"] == "13800000001" and sent["SignName"] == "暖新" and sent["TemplateCode"] == "SMS_123456789"
    text = json.loads(sent["TemplateParam"])["content"]
    code = next(w for w in text.replace("，", " ").replace(",", " ").split() if w.isdigit() and len(w) == 6)
    r = api.post("/api/v1/auth/token", {"phone": "13800000001", "code": code})
    assert r.status_code == 200 and r.json()["token"]


@pytest.mark.django_db
def test_a_refused_sms_is_a_clear_error_and_the_try_is_not_counted(api, aliyun, settings):
    r = api.post("/api/v1/auth/otp", {"phone": "13800009999"})
    assert r.status_code == 503 and r.json()["error"]["code"] == "sms_unavailable"
    assert not OtpChallenge.objects.filter(phone="13800009999").exists()
    # A wrong secret: the provider refuses the signature, and the person is told the same.
    settings.NUANXIN_SMS_ALIYUN = {**settings.NUANXIN_SMS_ALIYUN, "ACCESS_KEY_SECRET": "wrong"}
    assert api.post("/api/v1/auth/otp", {"phone": "13800000002"}).status_code == 503
    # Nobody listening: the same.
    settings.NUANXIN_SMS_ALIYUN = {**settings.NUANXIN_SMS_ALIYUN, "ENDPOINT": "http://127.0.0.1:9/"}
    assert api.post("/api/v1/auth/otp", {"phone": "13800000003"}).status_code == 503
    assert not aliyun.received


@pytest.mark.django_db
def test_the_console_backend_logs_no_number_and_no_code(api, settings, caplog, capsys):
    settings.NUANXIN_SMS_BACKEND = "nuanxin.accounts.sms.ConsoleSmsBackend"
    with caplog.at_level("DEBUG"):
        assert api.post("/api/v1/auth/otp", {"phone": "13812345678"}).status_code == 202
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert "138****5678" in logged and "13812345678" not in logged
    printed = capsys.readouterr().out
    assert "[SMS to 138****5678]" in printed and "13812345678" not in printed
    code = OtpChallenge.objects.get(phone="13812345678")
    assert code and not any(ch.isdigit() and len(ch) == 6 for ch in logged.split())
