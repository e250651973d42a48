"""Writing the audit log: services call audit_log() inside their own transaction."""

from nuanxin.core import ratelimit
from nuanxin.core.models import AuditEntry


def audit_log(*, actor, action: str, obj=None, detail: dict | None = None, ip: str | None = None):
    return AuditEntry.objects.create(
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        action=action,
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        detail=detail or {},
        ip=ip,
    )


client_ip = ratelimit.client_ip  # the real client's address, through trusted proxies
