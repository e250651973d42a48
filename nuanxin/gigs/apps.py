from django.apps import AppConfig


class GigsConfig(AppConfig):
    name = "nuanxin.gigs"
    label = "gigs"
    verbose_name = "零工市场（人人帮）"

    def ready(self):
        from nuanxin.gigs import references

        references.connect()  # the wallet tells gig money as gig lines (wages.references)
