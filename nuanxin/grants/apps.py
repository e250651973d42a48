from django.apps import AppConfig


class GrantsConfig(AppConfig):
    name = "nuanxin.grants"
    label = "grants"
    verbose_name = "慈善救助"

    def ready(self):
        from nuanxin.grants import selectors
        from nuanxin.wages import references

        # The wallet tells a grant's money in words ("charity aid: ticket home") through this.
        references.register(selectors.REFERENCE_PREFIX, selectors.describe_grants)
