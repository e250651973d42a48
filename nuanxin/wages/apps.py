from django.apps import AppConfig


class WagesConfig(AppConfig):
    name = "nuanxin.wages"
    label = "wages"
    verbose_name = "工资保障"

    def ready(self):
        from nuanxin.wages import references, selectors

        references.register("deposit", selectors.describe_deposits)
        references.register("payout", selectors.describe_payouts)
