from django.apps import AppConfig


class WagesConfig(AppConfig):
    name = "nuanxin.wages"
    label = "wages"
    verbose_name = "工资保障"
