"""Escalate cases whose deadline has passed. Run every few minutes (cron, a systemd timer):
each case escalates exactly once however often this runs."""

from django.core.management.base import BaseCommand

from nuanxin.cases.services import escalate_overdue


class Command(BaseCommand):
    help = "Escalate open cases past their first-response or resolve deadline (idempotent)."

    def handle(self, *args, **options):
        self.stdout.write(f"{escalate_overdue()} cases escalated")
