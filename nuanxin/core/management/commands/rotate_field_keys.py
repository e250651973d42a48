"""Re-encrypt every encrypted field under the newest key in NUANXIN_FIELD_KEYS."""

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction

from nuanxin.core.fields import EncryptedTextField


class Command(BaseCommand):
    help = "Re-encrypt sensitive fields with the first key of NUANXIN_FIELD_KEYS (run after adding a key)."

    def handle(self, *args, **options):
        for model in apps.get_models():
            names = [f.name for f in model._meta.concrete_fields if isinstance(f, EncryptedTextField)]
            if not names:
                continue
            done = 0
            # Reading decrypts with any listed key; saving encrypts with the newest one.
            for obj in model._base_manager.iterator(chunk_size=500):
                with transaction.atomic():
                    obj.save(update_fields=names)
                done += 1
            self.stdout.write(f"{model._meta.label}: {done} rows re-encrypted ({', '.join(names)})")
