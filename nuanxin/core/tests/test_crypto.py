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


@pytest.mark.django_db
def test_rotate_field_keys_command_moves_rows_to_the_new_key(keys, make_user):
    from django.core.management import call_command

    from nuanxin.accounts.models import WorkerProfile
    from nuanxin.accounts.services import profile_update
    from nuanxin.core.tests.test_validators import make_id

    settings, old, new = keys
    number = make_id()
    profile_update(user=make_user(), data={"id_number": number})
    settings.NUANXIN_FIELD_KEYS = f"{new},{old}"
    crypto.clear_key_cache()
    call_command("rotate_field_keys", stdout=__import__("io").StringIO())
    settings.NUANXIN_FIELD_KEYS = new  # the old key is gone
    crypto.clear_key_cache()
    assert WorkerProfile.objects.get().id_number == number
