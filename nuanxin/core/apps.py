from django.apps import AppConfig
from django.db.models.signals import post_migrate


def install_audit_triggers(sender, using="default", **kwargs):
    """After every migrate: the database refuses to change the audit log (core/audit.py).
    Idempotent. Not under the test suite, which empties every table between its transactional
    tests; the audit tests install the same triggers inside their own rolled-back transaction."""
    from django.conf import settings
    from django.db import connections

    from nuanxin.core.audit import install_triggers

    if not settings.TESTING:
        install_triggers(connections[using])


class CoreConfig(AppConfig):
    name = "nuanxin.core"
    label = "core"
    verbose_name = "核心"

    def ready(self):
        from nuanxin.core import nav

        nav.discover()  # every app's nav module registers its tiles and menu entries
        post_migrate.connect(install_audit_triggers, sender=self, dispatch_uid="nuanxin-audit-triggers")
