"""Writing the audit log: services call audit_log() inside their own transaction.

The log is a hash chain. Entries are written without it (a chain at write time would make
every audited transaction in the city wait for the one before); the worker seals them every
minute, in the order it finds them committed: each sealed entry gets the next `seq`, the hash
of the one before (`prev_hash`) and its own `hash` = SHA-256(prev_hash + "\n" + its content).
`verify_chain()` (manage.py audit_verify) walks it: an entry changed or removed after sealing
breaks it at that point, whoever did it, even with the triggers dropped."""

import datetime
import hashlib
import json

from django.db import connection, transaction
from django.utils import timezone

from nuanxin.core import ratelimit
from nuanxin.core.models import AuditEntry

SEAL_AFTER = datetime.timedelta(seconds=30)  # longer than any transaction that writes the log


def audit_log(*, actor, action: str, obj=None, detail: dict | None = None, ip: str | None = None):
    actor = actor if getattr(actor, "is_authenticated", False) else None
    return AuditEntry.objects.create(
        actor=actor, actor_ref=str(actor.pk) if actor is not None else "",
        action=action,
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        detail=detail or {},
        ip=ip,
    )


client_ip = ratelimit.client_ip  # the real client's address, through trusted proxies


def content(e: AuditEntry) -> str:
    """What the chain covers of an entry, as canonical JSON."""
    return json.dumps([e.pk, e.at.astimezone(datetime.UTC).isoformat(), e.actor_ref, e.action, e.object_type,
                       e.object_id, e.detail, e.ip], ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def link(prev_hash: str, e: AuditEntry) -> str:
    return hashlib.sha256(f"{prev_hash}\n{content(e)}".encode()).hexdigest()


@transaction.atomic
def seal(now: datetime.datetime | None = None, *, limit: int = 5000) -> int:
    """Chain the entries written more than SEAL_AFTER ago, oldest first; how many."""
    now = now or timezone.now()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:  # one sealer at a time, across workers
            cursor.execute("SELECT pg_advisory_xact_lock(hashtext('nuanxin.audit.seal'))")
    plain = AuditEntry._base_manager  # the sealing update is the one the database allows
    head = plain.filter(seq__isnull=False).order_by("-seq").values_list("seq", "hash").first()
    seq, prev = head if head else (0, "")
    done = 0
    for e in plain.filter(seq__isnull=True, at__lt=now - SEAL_AFTER).order_by("id")[:limit]:
        own = link(prev, e)
        seq += 1
        plain.filter(pk=e.pk, seq__isnull=True).update(seq=seq, prev_hash=prev, hash=own)
        prev = own
        done += 1
    return done


def verify_chain() -> list[str]:
    """Every break in the chain, in words; empty when it holds."""
    problems = []
    prev, expected_seq = "", 1
    for e in AuditEntry._base_manager.filter(seq__isnull=False).order_by("seq").iterator(chunk_size=2000):
        if e.seq != expected_seq:
            problems.append(f"entries {expected_seq}–{e.seq - 1} of the chain are missing")
        if e.prev_hash != prev:
            problems.append(f"entry {e.seq} (id {e.pk}) does not follow the one before")
        if link(e.prev_hash, e) != e.hash:
            problems.append(f"entry {e.seq} (id {e.pk}) was changed after it was sealed")
        prev, expected_seq = e.hash, e.seq + 1
    return problems


# --- The database's own refusal -----------------------------------------------------------
# Whatever connects (the application, a shell, a stolen password), the database refuses to
# change or remove an entry. Two updates pass: sealing (setting seq, prev_hash and hash on an
# unsealed entry, nothing else) and an erased account's actor becoming empty (actor_ref keeps
# the chain whole). Only dropping the trigger (DDL, which the application never runs) gets
# past it, and the hash chain shows what was done then.
_SAME = ["id", "at", "actor_ref", "action", "object_type", "object_id", "detail", "ip"]
_SEAL = ["seq", "prev_hash", "hash"]
REFUSAL = "The audit log is append-only"


def _same(columns: list[str], *, pg: bool) -> str:
    if pg:
        cast = {"detail": "::text"}
        return " AND ".join(f"NEW.{c}{cast.get(c, '')} IS NOT DISTINCT FROM OLD.{c}{cast.get(c, '')}" for c in columns)
    return " AND ".join(f"NEW.{c} IS OLD.{c}" for c in columns)


def trigger_sql(vendor: str) -> list[str]:
    if vendor == "postgresql":
        sealing = f"OLD.seq IS NULL AND NEW.seq IS NOT NULL AND {_same([*_SAME, 'actor_id'], pg=True)}"
        erasing = f"OLD.actor_id IS NOT NULL AND NEW.actor_id IS NULL AND {_same([*_SAME, *_SEAL], pg=True)}"
        return [
            f"""CREATE OR REPLACE FUNCTION nuanxin_audit_append_only() RETURNS trigger AS $$
            BEGIN
              IF TG_OP = 'UPDATE' THEN  -- nested: OLD and NEW do not exist for DELETE's and TRUNCATE's
                IF ({sealing}) OR ({erasing}) THEN
                  RETURN NEW;
                END IF;
              END IF;
              RAISE EXCEPTION '{REFUSAL}' USING ERRCODE = 'insufficient_privilege';
            END $$ LANGUAGE plpgsql""",
            "DROP TRIGGER IF EXISTS core_auditentry_append_only ON core_auditentry",
            "CREATE TRIGGER core_auditentry_append_only BEFORE UPDATE OR DELETE ON core_auditentry "
            "FOR EACH ROW EXECUTE FUNCTION nuanxin_audit_append_only()",
            "DROP TRIGGER IF EXISTS core_auditentry_no_truncate ON core_auditentry",
            "CREATE TRIGGER core_auditentry_no_truncate BEFORE TRUNCATE ON core_auditentry "
            "FOR EACH STATEMENT EXECUTE FUNCTION nuanxin_audit_append_only()",
        ]
    if vendor == "sqlite":
        sealing = f"OLD.seq IS NULL AND NEW.seq IS NOT NULL AND {_same([*_SAME, 'actor_id'], pg=False)}"
        erasing = f"OLD.actor_id IS NOT NULL AND NEW.actor_id IS NULL AND {_same([*_SAME, *_SEAL], pg=False)}"
        return [
            "DROP TRIGGER IF EXISTS core_auditentry_no_delete",
            f"CREATE TRIGGER core_auditentry_no_delete BEFORE DELETE ON core_auditentry "
            f"BEGIN SELECT RAISE(ABORT, '{REFUSAL}'); END",
            "DROP TRIGGER IF EXISTS core_auditentry_no_update",
            f"CREATE TRIGGER core_auditentry_no_update BEFORE UPDATE ON core_auditentry "
            f"WHEN NOT (({sealing}) OR ({erasing})) BEGIN SELECT RAISE(ABORT, '{REFUSAL}'); END",
        ]
    return []


def install_triggers(conn) -> None:
    with conn.cursor() as cursor:
        for statement in trigger_sql(conn.vendor):
            cursor.execute(statement)
