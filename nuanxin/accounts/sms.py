"""Pluggable SMS backends (settings.NUANXIN_SMS_BACKEND), in the spirit of Django's email backends.

- ConsoleSmsBackend: development only (`make run`, DEBUG): the message on the terminal, the
  number masked; the log gets neither the number nor the text (a sign-in code is in it).
- AliyunSmsBackend: Alibaba Cloud SMS (短信服务, dysmsapi SendSms), configured by environment
  (README, docs/deploy.md); tests run it against a local fake server.
- LocmemSmsBackend: tests (like django.core.mail.outbox).

Mainland SMS must use a template the provider has approved: the adapter sends one template
(NUANXIN_SMS_TEMPLATE, e.g. "${content}") with the whole text as its one parameter. A city
whose provider wants one template per kind of message maps them in a subclass.
"""

import base64
import datetime
import hashlib
import hmac
import json
import logging
import urllib.error
import urllib.parse
import urllib.request
import uuid

from django.conf import settings
from django.utils.module_loading import import_string

from nuanxin.core.masking import mask_phone

logger = logging.getLogger("nuanxin.sms")

# Messages sent by the locmem backend, for tests (like django.core.mail.outbox).
outbox: list[dict] = []


class SmsError(Exception):
    """The provider refused or could not be reached; `code` is its error code."""

    def __init__(self, code: str, message: str = ""):
        self.code = code
        super().__init__(f"{code}: {message}" if message else code)


class BaseSmsBackend:
    def send(self, phone: str, text: str) -> None:
        raise NotImplementedError


class ConsoleSmsBackend(BaseSmsBackend):
    """Development: the message on the terminal instead of a phone, so a developer can sign in
    with the demo's numbers. Only for development: settings refuse it as the silent default
    outside DEBUG and the tests."""

    def send(self, phone: str, text: str) -> None:
        logger.info("SMS to %s (%d characters, shown on the console)", mask_phone(phone), len(text))
        print(f"[SMS to {mask_phone(phone)}] {text}", flush=True)  # noqa: T201 - the console backend's job


class LocmemSmsBackend(BaseSmsBackend):
    def send(self, phone: str, text: str) -> None:
        outbox.append({"phone": phone, "text": text})


def _percent(value: str) -> str:
    """Alibaba Cloud's percent-encoding (RFC 3986: only A-Z a-z 0-9 - _ . ~ left as they are)."""
    return urllib.parse.quote(value, safe="-_.~")


def aliyun_signature(params: dict[str, str], secret: str, method: str = "GET") -> str:
    """The RPC signature (version 1.0, HMAC-SHA1) over the sorted, encoded parameters."""
    canonical = "&".join(f"{_percent(k)}={_percent(v)}" for k, v in sorted(params.items()))
    to_sign = f"{method}&{_percent('/')}&{_percent(canonical)}"
    digest = hmac.new(f"{secret}&".encode(), to_sign.encode(), hashlib.sha1).digest()
    return base64.b64encode(digest).decode()


class AliyunSmsBackend(BaseSmsBackend):
    """Alibaba Cloud SMS, API version 2017-05-25, action SendSms."""

    def __init__(self):
        conf = settings.NUANXIN_SMS_ALIYUN
        self.endpoint, self.key_id, self.secret = conf["ENDPOINT"], conf["ACCESS_KEY_ID"], conf["ACCESS_KEY_SECRET"]
        self.sign_name, self.template = conf["SIGN_NAME"], conf["TEMPLATE_CODE"]
        self.timeout = conf.get("TIMEOUT", 5)

    def params(self, phone: str, text: str, *, now: datetime.datetime | None = None) -> dict[str, str]:
        now = now or datetime.datetime.now(datetime.UTC)
        params = {
            "Action": "SendSms", "Version": "2017-05-25", "Format": "JSON", "RegionId": "cn-hangzhou",
            "AccessKeyId": self.key_id, "SignatureMethod": "HMAC-SHA1", "SignatureVersion": "1.0",
            "SignatureNonce": uuid.uuid4().hex, "Timestamp": now.strftime("%Y-%m-%dT%H:%M:%SZ"),
            "PhoneNumbers": phone, "SignName": self.sign_name, "TemplateCode": self.template,
            "TemplateParam": json.dumps({"content": text}, ensure_ascii=False),
        }
        return {**params, "Signature": aliyun_signature(params, self.secret)}

    def send(self, phone: str, text: str) -> None:
        url = f"{self.endpoint}?{urllib.parse.urlencode(self.params(phone, text), quote_via=urllib.parse.quote)}"
        if urllib.parse.urlsplit(url).scheme not in ("http", "https"):
            raise SmsError("bad_endpoint")
        try:
            with urllib.request.urlopen(url, timeout=self.timeout) as response:  # noqa: S310 - scheme checked
                body = json.loads(response.read())
        except urllib.error.HTTPError as e:
            try:
                body = json.loads(e.read())
            except ValueError:
                raise SmsError(f"http_{e.code}") from None
        except (OSError, ValueError) as e:
            raise SmsError("unreachable", type(e).__name__) from None
        if body.get("Code") != "OK":
            raise SmsError(str(body.get("Code") or "unknown"), str(body.get("Message") or ""))
        logger.info("SMS to %s sent (BizId %s)", mask_phone(phone), body.get("BizId", ""))


def send_sms(phone: str, text: str) -> None:
    """Send now; SmsError when the provider refuses or cannot be reached."""
    import_string(settings.NUANXIN_SMS_BACKEND)().send(phone, text)


def send_sms_quietly(phone: str, text: str) -> bool:
    """Send a notice whose words are also in the inbox: a failure is logged (masked), not raised."""
    try:
        send_sms(phone, text)
    except SmsError as e:
        logger.warning("SMS to %s failed: %s", mask_phone(phone), e.code)
        return False
    return True
