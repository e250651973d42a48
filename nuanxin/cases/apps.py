from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "nuanxin.cases"
    label = "cases"
    verbose_name = "服务工单"
