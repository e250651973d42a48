from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "nuanxin.core"
    label = "core"
    verbose_name = "核心"

    def ready(self):
        from nuanxin.core import nav

        nav.discover()  # every app's nav module registers its tiles and menu entries
