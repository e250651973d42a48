"""The core's timed work."""

from huey import crontab

from nuanxin.core import audit, ratelimit
from nuanxin.core.timed import periodic


@periodic("core.rate_counters", crontab(minute="17"))
def forget_rate_counters():
    """Finished rate-limit windows in the database (without Redis): they count nothing now."""
    return {"rate windows dropped": ratelimit.forget_expired()}


@periodic("core.audit_seal", crontab())
def seal_audit_log():
    """Every minute: the entries written since, chained (core/audit.py)."""
    return {"audit entries sealed": audit.seal()}
