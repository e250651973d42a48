from django.apps import AppConfig


class PlacesConfig(AppConfig):
    name = "nuanxin.places"
    label = "places"
    verbose_name = "服务点位"

    def ready(self):
        from nuanxin.places import signals  # noqa: F401 - connects cache busting
