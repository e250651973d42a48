"""Mint an API token for a phone number or username (API.md Operations)."""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from nuanxin.accounts import services
from nuanxin.accounts.choices import Role
from nuanxin.accounts.models import User
from nuanxin.core.validators import check_phone


class Command(BaseCommand):
    help = "Print a new API token for an account; --create --role R first creates it."

    def add_arguments(self, parser):
        parser.add_argument("who", help="a mobile number or a staff username")
        parser.add_argument("--create", action="store_true", help="create the account if missing")
        parser.add_argument("--role", action="append", choices=Role.values, default=[],
                            help="role(s) for a created account (repeatable)")
        parser.add_argument("--days", type=int, default=None, help="days until the token expires")

    def handle(self, *args, who, create, role, days, **options):
        try:
            phone = check_phone(who)
        except ValidationError:
            phone = None
        user = (User.objects.filter(phone=phone) if phone else User.objects.filter(username=who)).first()
        if user is None:
            if not create:
                raise CommandError(f"No account for {who!r}; add --create --role <role> to create it.")
            roles = tuple(role) or (Role.WORKER,)
            user = services.user_create(
                phone=phone, username=None if phone else who, roles=roles,
                is_staff=any(r != Role.WORKER and r != Role.EMPLOYER for r in roles),
            )
            self.stderr.write(f"Created {who} with roles {', '.join(roles)}.")
        elif role:
            for r in role:
                services.user_grant_role(user=user, role=r)
        self.stdout.write(services.token_issue(user=user, days=days))
