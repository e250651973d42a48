import pytest
from cryptography.fernet import Fernet

from nuanxin.core import crypto
from nuanxin.core.masking import mask_id_number, mask_name, mask_phone


@pytest.fixture
def keys(settings):
    old, new = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    settings.NUANXIN_FIELD_KEYS = old
    crypto.clear_key_cache()
    yield settings, old, new
    crypto.clear_key_cache()


def test_round_trip_and_ciphertext_hides_the_value(keys):
    token = crypto.encrypt("32058319900307001X")
    assert "32058319900307001X" not in token
    assert crypto.decrypt(token) == "32058319900307001X"


def test_rotation_keeps_old_values_readable_and_hashes_stable(keys):
    settings, old, new = keys
    token = crypto.encrypt("secret")
    digest = crypto.lookup_hash("secret")
    settings.NUANXIN_FIELD_KEYS = f"{new},{old}"
    crypto.clear_key_cache()
    assert crypto.decrypt(token) == "secret"
    rotated = crypto.rotate(token)
    settings.NUANXIN_FIELD_KEYS = new
    crypto.clear_key_cache()
    assert crypto.decrypt(rotated) == "secret"
    assert crypto.lookup_hash("secret") == digest


def test_masks():
    assert mask_id_number("32058319900307001X") == "3205**********001X"
    assert mask_phone("13812345678") == "138****5678"
    assert mask_name("欧阳娜娜") == "欧***"
