from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HousingConfig(AppConfig):
    name = "nuanxin.housing"
    verbose_name = _("warm residences")
    default_auto_field = "django.db.models.BigAutoField"
