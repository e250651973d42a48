from django.apps import AppConfig


class DashboardConfig(AppConfig):
    name = "nuanxin.dashboard"
    label = "dashboard"
    verbose_name = "城市看板"
