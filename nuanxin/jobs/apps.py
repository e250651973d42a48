from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class JobsConfig(AppConfig):
    name = "nuanxin.jobs"
    verbose_name = _("employment services")
    default_auto_field = "django.db.models.BigAutoField"
