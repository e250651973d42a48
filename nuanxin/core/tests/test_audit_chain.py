"""The audit log, append-only in the database itself and sealed in a hash chain (issue 16:
"the application's role cannot UPDATE or DELETE it; a hash chain shows tampering")."""

import datetime
import io

import pytest
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from nuanxin.core import audit
from nuanxin.core.models import AuditEntry

pytestmark = pytest.mark.django_db
LATER = datetime.timedelta(minutes=5)


def refused(sql: str, params=()) -> bool:
    try:
        with transaction.atomic(), connection.cursor() as cursor:  # a savepoint: PostgreSQL aborts on error
            cursor.execute(sql, params)
    except DatabaseError as exc:
        return audit.REFUSAL in str(exc)
    return False


def test_the_database_refuses_changes_but_lets_the_seal_and_an_erasure_through(make_user):
    # The suite runs without the triggers (it empties tables between tests): put them here,
    # inside this test's transaction, from the same SQL that migrate installs.
    audit.install_triggers(connection)
    official = make_user("official", username="audit-official")
    entry = audit.audit_log(actor=official, action="cases.case.read", detail={"why": "follow-up"}, ip="10.0.0.8")
    assert refused("UPDATE core_auditentry SET action = 'nothing' WHERE id = %s", [entry.pk])
    assert refused("UPDATE core_auditentry SET detail = '{}' WHERE id = %s", [entry.pk])
    assert refused("DELETE FROM core_auditentry WHERE id = %s", [entry.pk])
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:  # the test's own pending foreign-key checks, done now
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        assert refused("TRUNCATE core_auditentry CASCADE")
    waiting = AuditEntry.objects.filter(seq__isnull=True).count()  # with the accounts' own entries
    assert audit.seal(timezone.now() + LATER) == waiting
    sealed = AuditEntry.objects.get(pk=entry.pk)
    assert sealed.seq and sealed.hash
    # Sealing happens once: a second seal may not rewrite it.
    assert refused("UPDATE core_auditentry SET hash = 'x' WHERE id = %s", [entry.pk])
    # An erased account: the actor goes, the entry and its chain stay.
    official.delete()
    kept = AuditEntry.objects.get(pk=entry.pk)
    assert kept.actor_id is None and kept.actor_ref == str(entry.actor_ref) and kept.action == "cases.case.read"
    assert audit.verify_chain() == []


def test_the_chain_shows_a_changed_or_missing_entry(make_user):
    actor = make_user("advisor", username="audit-advisor")
    entries = [audit.audit_log(actor=actor, action=f"jobs.seeker.read.{i}", detail={"n": i}) for i in range(4)]
    assert audit.seal(timezone.now() + LATER) >= 4
    assert audit.verify_chain() == []
    entries = list(AuditEntry.objects.filter(pk__in=[e.pk for e in entries]).order_by("seq"))
    call_command("audit_verify", stdout=io.StringIO())
    # Without the triggers (dropped by someone with the database owner's rights), the chain still tells.
    plain = AuditEntry._base_manager
    plain.filter(pk=entries[1].pk).update(detail={"n": 99})
    problems = audit.verify_chain()
    assert problems == [f"entry {entries[1].seq} (id {entries[1].pk}) was changed after it was sealed"]
    plain.filter(pk=entries[1].pk).update(detail={"n": 1})
    plain.filter(pk=entries[2].pk).delete()
    assert any("missing" in p for p in audit.verify_chain()) and any("does not follow" in p for p in audit.verify_chain())
    with pytest.raises(CommandError, match="broken"):
        call_command("audit_verify", stdout=io.StringIO())


def test_entries_are_sealed_only_after_their_transactions_could_have_ended(make_user):
    audit.audit_log(actor=make_user("advisor", username="audit-new"), action="fresh")
    assert audit.seal(timezone.now()) == 0  # written just now: a transaction might still be adding before it
    assert audit.seal(timezone.now() + LATER) >= 1
    assert not AuditEntry.objects.filter(seq__isnull=True).exists()
