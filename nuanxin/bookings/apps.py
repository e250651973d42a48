from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _

# What organisers and hospital staff may do in the admin (their own offerings only: see
# admin.py). Enrolments stay read-only there: seats change only through the services.
ORGANISER_PERMISSIONS = [
    "add_offering", "change_offering", "view_offering",
    "add_weeklyslot", "change_weeklyslot", "delete_weeklyslot", "view_weeklyslot",
    "add_planexception", "change_planexception", "delete_planexception", "view_planexception",
    "add_session", "change_session", "view_session",
    "add_volunteer", "change_volunteer", "view_volunteer",
    "view_enrollment",
]


def grant_organiser_permissions(sender, **kwargs):
    """Idempotent: runs after every migrate, once the permission rows exist."""
    from django.contrib.auth.models import Group, Permission

    perms = list(Permission.objects.filter(content_type__app_label="bookings", codename__in=ORGANISER_PERMISSIONS))
    for role in ("organiser", "hospital"):
        group, _created = Group.objects.get_or_create(name=role)
        group.permissions.add(*perms)


class BookingsConfig(AppConfig):
    name = "nuanxin.bookings"
    label = "bookings"
    verbose_name = _("Bookings")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        post_migrate.connect(grant_organiser_permissions, sender=self)
