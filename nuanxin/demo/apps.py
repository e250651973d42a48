from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The Kunshan demo data (manage.py load_demo): on the top floor, it may use every app."""

    name = "nuanxin.demo"
    label = "demo"
    verbose_name = "演示数据"
