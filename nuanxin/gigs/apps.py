from django.apps import AppConfig


class GigsConfig(AppConfig):
    name = "nuanxin.gigs"
    label = "gigs"
    verbose_name = "零工市场（人人帮）"
