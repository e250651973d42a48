"""Timed wage work for operators who prefer cron to `manage.py worker`: pay wages 48 h after
check-out (日结 gigs: at the first midnight; never disputed ones), pay held hours to the worker
72 h after a confirmation of fewer hours that nobody answered, and return the escrow of ended
shifts' unworked places. Run every few minutes; each movement happens once."""

from django.core.management.base import BaseCommand

from nuanxin.gigs.tasks import run_timed_work


class Command(BaseCommand):
    help = ("Release wages due 48 hours after check-out and held hours due 72 hours after a confirmation, "
            "and refund the escrow of ended shifts (idempotent).")

    def handle(self, *args, **options):
        done = run_timed_work()
        self.stdout.write(f"{done['released']} wages released, {done['contested']} held parts paid, "
                          f"{done['refunded']} shifts refunded")
