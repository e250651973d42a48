"""manage.py audit_verify: seal what is due, then walk the audit log's hash chain."""

from django.core.management.base import BaseCommand, CommandError

from nuanxin.core import audit


class Command(BaseCommand):
    help = "Check that no sealed audit entry was changed or removed (the hash chain holds)."

    def handle(self, *args, **options):
        sealed = audit.seal()
        problems = audit.verify_chain()
        if problems:
            raise CommandError("The audit log's chain is broken:\n" + "\n".join(problems))
        self.stdout.write(f"The audit log's chain holds ({sealed} entries sealed now).")
