from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "nuanxin.core"
    label = "core"
    verbose_name = "核心"
