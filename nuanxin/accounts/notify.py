"""Tell a person something: a line in the site's inbox and, unless told not to, an SMS.

The inbox row is written in the caller's transaction; the SMS leaves only after that
transaction commits, so nobody is told about a place that a rollback then took back.
"""

from django.db import transaction

from nuanxin.accounts.models import InboxMessage, User
from nuanxin.accounts.sms import send_sms_quietly


def notify(user: User, text: str, *, kind: str, link: str = "", sms: bool = True) -> InboxMessage:
    message = InboxMessage.objects.create(user=user, kind=kind, text=text, link=link)
    if sms and user.phone:
        phone = user.phone
        transaction.on_commit(lambda: send_sms_quietly(phone, text))
    return message


def inbox_of(user: User):
    return InboxMessage.objects.filter(user=user)


def inbox_page(user: User, *, offset: int, limit: int) -> tuple[list[InboxMessage], int, int]:
    """One page of a person's inbox, with how many messages there are and how many unread."""
    qs = inbox_of(user)
    return list(qs[offset:offset + limit]), qs.count(), qs.filter(read_at__isnull=True).count()


def inbox_mark_read(user: User, *, now) -> int:
    return InboxMessage.objects.filter(user=user, read_at__isnull=True).update(read_at=now)
