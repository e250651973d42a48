"""Compute the dashboard's current figures (and any of the last 12 months missing), for
operators who prefer cron to `manage.py worker`: run it every 10 minutes."""

import time

from django.core.management.base import BaseCommand

from nuanxin.dashboard import services


class Command(BaseCommand):
    help = "Compute the dashboard's figures for the current week, month and year, and fill in the last 12 months."

    def handle(self, *args, **options):
        began = time.perf_counter()
        done = services.refresh_current()
        months = services.ensure_months()
        self.stdout.write(", ".join(f"{kind} {seconds:.2f} s" for kind, seconds in done.items())
                          + f"; {months} past months computed; {time.perf_counter() - began:.2f} s in all")
