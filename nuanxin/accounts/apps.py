from django.apps import AppConfig
from django.db.models.signals import post_migrate

# Employment advisors decide employers' claims in the admin too (verify and reject run through
# the services; status is read-only there) and add contacts to verified employers.
ADVISOR_PERMISSIONS = ["view_employer", "change_employer"]


def grant_advisor_permissions(sender, **kwargs):
    """Idempotent: runs after every migrate, once the permission rows exist."""
    from django.contrib.auth.models import Group, Permission

    perms = list(Permission.objects.filter(content_type__app_label="accounts", codename__in=ADVISOR_PERMISSIONS))
    group, _created = Group.objects.get_or_create(name="advisor")
    group.permissions.add(*perms)


class AccountsConfig(AppConfig):
    name = "nuanxin.accounts"
    label = "accounts"
    verbose_name = "账户"

    def ready(self):
        from django.contrib.auth.signals import user_logged_in, user_logged_out

        from nuanxin.accounts import devices

        post_migrate.connect(grant_advisor_permissions, sender=self)
        user_logged_in.connect(devices.on_signed_in, dispatch_uid="nuanxin-devices-in")
        user_logged_out.connect(devices.on_signed_out, dispatch_uid="nuanxin-devices-out")
