"""Timed wage work: pay wages 48 h after check-out (unless disputed) and return the escrow of
ended shifts' unworked places. Run every few minutes; each movement happens once."""

from django.core.management.base import BaseCommand

from nuanxin.gigs.services import refund_ended_shifts, release_due_wages


class Command(BaseCommand):
    help = "Release wages due 48 hours after check-out and refund the escrow of ended shifts (idempotent)."

    def handle(self, *args, **options):
        released, refunded = release_due_wages(), refund_ended_shifts()
        self.stdout.write(f"{released} wages released, {refunded} shifts refunded")
