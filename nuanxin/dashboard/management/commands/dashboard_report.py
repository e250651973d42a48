"""Make (or make again) the monthly report of the city's dashboard, e.g. after figures were
corrected; the worker makes each month's by itself (dashboard/tasks.py)."""

import time

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from nuanxin.core.errors import InvalidInput
from nuanxin.dashboard import periods, services


class Command(BaseCommand):
    help = "Make the dashboard's monthly report (PDF) for a month, by default the last one."

    def add_arguments(self, parser):
        parser.add_argument("--month", help="the month, e.g. 2026-10 (default: last month)")

    def handle(self, *args, month=None, **options):
        if month is None:
            period = periods.of_day("month", timezone.localtime().date().replace(day=1)).previous()
        else:
            try:
                period = periods.parse(month)
            except InvalidInput as e:
                raise CommandError(f"--month {month}: {e.fields.get('period', e.message)}") from e
            if period.kind != "month":
                raise CommandError(f"--month {month}: a month is written as 2026-10.")
        began = time.perf_counter()
        report = services.make_monthly_report(period)
        self.stdout.write(f"Report for {report.month}: {len(report.pdf) // 1024} KB in "
                          f"{time.perf_counter() - began:.2f} s")
