"""Model fields whose values are encrypted at rest."""

from django.db import models

from nuanxin.core import crypto


class EncryptedTextField(models.TextField):
    """Stores a Fernet token; Python code sees the plaintext.

    Look-ups other than isnull cannot work on ciphertext: keep a keyed hash beside the
    field (crypto.lookup_hash) when equality or uniqueness is needed.
    """

    description = "Text encrypted at rest"

    def from_db_value(self, value, expression, connection):
        if value is None or value == "":
            return value
        return crypto.decrypt(value)

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        if value is None or value == "":
            return value
        return crypto.encrypt(value)

    def get_lookup(self, lookup_name):
        if lookup_name != "isnull":
            return None
        return super().get_lookup(lookup_name)
