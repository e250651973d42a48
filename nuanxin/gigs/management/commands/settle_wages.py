"""Timed wage work: pay wages 48 h after check-out (日结 gigs: at the first midnight; never
disputed ones), pay held hours to the worker 72 h after a confirmation of fewer hours that nobody answered, and return the escrow of
ended shifts' unworked places. Run every few minutes; each movement happens once."""

from django.core.management.base import BaseCommand

from nuanxin.gigs.services import refund_ended_shifts, release_contested_wages, release_due_wages


class Command(BaseCommand):
    help = ("Release wages due 48 hours after check-out and held hours due 72 hours after a confirmation, "
            "and refund the escrow of ended shifts (idempotent).")

    def handle(self, *args, **options):
        released, contested, refunded = release_due_wages(), release_contested_wages(), refund_ended_shifts()
        self.stdout.write(f"{released} wages released, {contested} held parts paid, {refunded} shifts refunded")
