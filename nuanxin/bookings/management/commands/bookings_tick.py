"""The bookings' timed work for operators who prefer cron to `manage.py worker`: run it every few
minutes; every step is idempotent, so running it twice, or on two hosts at once, does each thing once."""

from django.core.management.base import BaseCommand

from nuanxin.bookings.tasks import run_timed_work


class Command(BaseCommand):
    help = ("Generate health-check slots for the next 14 days, draw lotteries whose window has "
            "closed, pass unconfirmed offers down the list, send the day-before reminders.")

    def handle(self, *args, **options):
        done = run_timed_work()
        self.stdout.write(f"{done['slots']} slots created, {done['drawn']} sessions drawn, "
                          f"{done['expired']} offers expired, {done['reminded']} reminders sent")
