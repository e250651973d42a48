"""Keys for sensitive fields: MultiFernet encryption at rest and a keyed hash for look-ups."""

import base64
import functools
import hashlib
import hmac

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


def _derive(secret: str, purpose: str) -> bytes:
    return hashlib.sha256(f"nuanxin:{purpose}:{secret}".encode()).digest()


@functools.cache
def _fernet() -> MultiFernet:
    raw = [k.strip() for k in settings.NUANXIN_FIELD_KEYS.split(",") if k.strip()]
    if not raw:
        # Development and tests only: a key derived from SECRET_KEY (docs/privacy.md says
        # production must set NUANXIN_FIELD_KEYS).
        raw = [base64.urlsafe_b64encode(_derive(settings.SECRET_KEY, "field-key")).decode()]
    try:
        return MultiFernet([Fernet(k) for k in raw])
    except ValueError as exc:
        raise ImproperlyConfigured(
            "NUANXIN_FIELD_KEYS must be comma-separated Fernet keys "
            "(python -c 'from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())')"
        ) from exc


@functools.cache
def _lookup_key() -> bytes:
    secret = settings.NUANXIN_LOOKUP_KEY or settings.SECRET_KEY
    return _derive(secret, "lookup-key")


def encrypt(plaintext: str) -> str:
    return _fernet().encrypt(plaintext.encode("utf-8")).decode("ascii")


def decrypt(token: str) -> str:
    try:
        return _fernet().decrypt(token.encode("ascii")).decode("utf-8")
    except InvalidToken as exc:
        raise ImproperlyConfigured(
            "A sensitive field cannot be decrypted with NUANXIN_FIELD_KEYS: is a key missing?"
        ) from exc


def encrypt_bytes(data: bytes) -> bytes:
    return _fernet().encrypt(data)


def decrypt_bytes(token: bytes) -> bytes:
    try:
        return _fernet().decrypt(bytes(token))
    except InvalidToken as exc:
        raise ImproperlyConfigured("An encrypted file cannot be decrypted with NUANXIN_FIELD_KEYS.") from exc


def rotate(token: str) -> str:
    """Re-encrypt under the newest key (MultiFernet.rotate)."""
    return _fernet().rotate(token.encode("ascii")).decode("ascii")


def lookup_hash(value: str) -> str:
    """A keyed hash (HMAC-SHA256) for uniqueness and equality look-ups of an encrypted value."""
    return hmac.new(_lookup_key(), value.encode("utf-8"), hashlib.sha256).hexdigest()


def clear_key_cache() -> None:
    _fernet.cache_clear()
    _lookup_key.cache_clear()
