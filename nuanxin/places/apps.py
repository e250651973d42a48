from django.apps import AppConfig


class PlacesConfig(AppConfig):
    name = "nuanxin.places"
    label = "places"
    verbose_name = "服务点位"
