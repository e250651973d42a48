"""The bookings' timed work. Run every few minutes (cron, a systemd timer); every step is
idempotent, so running it twice, or on two hosts at once, does each thing once."""

from django.core.management.base import BaseCommand

from nuanxin.bookings import services
from nuanxin.bookings.models import Offering


class Command(BaseCommand):
    help = ("Generate health-check slots for the next 14 days, draw lotteries whose window has "
            "closed, pass unconfirmed offers down the list, send the day-before reminders.")

    def handle(self, *args, **options):
        slots = sum(services.slots_generate(offering=o)
                    for o in Offering.objects.filter(published=True, weekly_slots__isnull=False).distinct())
        drawn = services.draw_due()
        expired = services.expire_offers()
        reminded = services.send_reminders()
        self.stdout.write(f"{slots} slots created, {drawn} sessions drawn, {expired} offers expired, "
                          f"{reminded} reminders sent")
