"""Writing the audit log: services call audit_log() inside their own transaction."""

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


def client_ip(request) -> str | None:
    return request.META.get("REMOTE_ADDR") or None
