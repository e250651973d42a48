"""Check every ledger invariant; exit non-zero on any break (for cron and monitoring)."""

from django.core.management.base import BaseCommand, CommandError

from nuanxin.wages.selectors import ledger_problems


class Command(BaseCommand):
    help = "Check that the wage ledger balances; exits 1 and lists the problems if not."

    def handle(self, *args, **options):
        problems = ledger_problems()
        if problems:
            raise CommandError("Ledger problems:\n" + "\n".join(problems))
        self.stdout.write("Ledger OK: every transaction balances, no account is negative, balances match entries.")
