"""Pluggable SMS backends (settings.NUANXIN_SMS_BACKEND), in the spirit of Django's email backends."""

import logging

from django.conf import settings
from django.utils.module_loading import import_string

logger = logging.getLogger("nuanxin.sms")

# Messages sent by the locmem backend, for tests (like django.core.mail.outbox).
outbox: list[dict] = []


class BaseSmsBackend:
    def send(self, phone: str, text: str) -> None:
        raise NotImplementedError


class ConsoleSmsBackend(BaseSmsBackend):
    """Development: print the message to the server log instead of sending it."""

    def send(self, phone: str, text: str) -> None:
        logger.warning("SMS to %s: %s", phone, text)
        print(f"[SMS to {phone}] {text}", flush=True)  # noqa: T201 - the console backend's job


class LocmemSmsBackend(BaseSmsBackend):
    def send(self, phone: str, text: str) -> None:
        outbox.append({"phone": phone, "text": text})


def send_sms(phone: str, text: str) -> None:
    import_string(settings.NUANXIN_SMS_BACKEND)().send(phone, text)
