"""Model fields whose values are encrypted at rest."""

import datetime

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


class EncryptedDateField(EncryptedTextField):
    """A date encrypted at rest (a child's birth date): Python sees a datetime.date, the
    database a Fernet token of its ISO text. No ordering or range look-ups: compute in Python."""

    description = "Date encrypted at rest"

    def from_db_value(self, value, expression, connection):
        text = super().from_db_value(value, expression, connection)
        return datetime.date.fromisoformat(text) if text else None

    def to_python(self, value):
        if isinstance(value, str) and value:
            return datetime.date.fromisoformat(value)
        return value or None

    def get_prep_value(self, value):
        value = self.to_python(value)  # a date, from a date or its ISO text
        return crypto.encrypt(value.isoformat()) if value else value

    def formfield(self, **kwargs):
        from django import forms

        return super(models.TextField, self).formfield(**{"form_class": forms.DateField, **kwargs})
