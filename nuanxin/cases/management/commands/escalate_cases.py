"""Escalate cases whose deadline has passed, for operators who prefer cron to `manage.py worker`:
run every few minutes; each case escalates exactly once however often this runs."""

from django.core.management.base import BaseCommand

from nuanxin.cases.tasks import run_timed_work


class Command(BaseCommand):
    help = "Escalate open cases past their first-response or resolve deadline (idempotent)."

    def handle(self, *args, **options):
        self.stdout.write(f"{run_timed_work()['escalated']} cases escalated")
