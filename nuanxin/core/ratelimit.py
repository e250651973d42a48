"""Rate limits that hold across server processes and behind a proxy.

Counts live in a store every process shares: Redis when configured (its INCR is atomic), else
the database (one upsert per hit). Each limit is a fixed window: `hit()` counts one use and
says whether it is within the limit. The client's address is the connecting one unless that
is a trusted proxy (settings.NUANXIN_TRUSTED_PROXIES), whose X-Forwarded-For is then read
from the right, skipping trusted hops: the left of that header is whatever the client wrote.
"""

import datetime
import hashlib
import ipaddress
import time

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.db.models import F
from django.utils import timezone

from nuanxin.core.models import RateCounter


def _key(scope: str, key: str, seconds: int) -> tuple[str, int]:
    window = int(time.time() // seconds)
    # Hashed: phones and usernames are not kept in the counters' keys.
    digest = hashlib.sha256(f"{scope}:{key}".encode()).hexdigest()[:32]
    return f"rl:{scope}:{digest}:{window}", (window + 1) * seconds


def _count_in_database(name: str, ends: int) -> int:
    table = RateCounter._meta.db_table
    expires = datetime.datetime.fromtimestamp(ends, tz=datetime.UTC)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (key, count, expires_at) VALUES (%s, 1, %s) "  # noqa: S608 - our table name
            f"ON CONFLICT (key) DO UPDATE SET count = {table}.count + 1 RETURNING count", [name, expires])
        return cursor.fetchone()[0]


def _shared_cache() -> bool:
    return settings.NUANXIN_RATE_LIMIT_STORE == "cache"


def hit(scope: str, key: str, *, limit: int, seconds: int) -> bool:
    """Count one use of `key` in `scope`; True while the window holds at most `limit` uses."""
    name, ends = _key(scope, key, seconds)
    if _shared_cache():
        cache.add(name, 0, timeout=seconds)
        try:
            count = cache.incr(name)
        except ValueError:  # expired between add and incr
            cache.set(name, 1, timeout=seconds)
            count = 1
    else:
        count = _count_in_database(name, ends)
    return count <= limit


def refund(scope: str, key: str, *, seconds: int) -> None:
    """Take back one use counted by hit(): a try that turned out right. Counting first and
    refunding after keeps parallel tries from slipping past the limit together."""
    name, _ends = _key(scope, key, seconds)
    if _shared_cache():
        try:
            cache.decr(name)
        except ValueError:
            pass  # the window ended meanwhile
    else:
        RateCounter.objects.filter(key=name, count__gt=0).update(count=F("count") - 1)


def used(scope: str, key: str, *, seconds: int) -> int:
    """Uses of `key` in the current window, without counting one."""
    name, _ends = _key(scope, key, seconds)
    if _shared_cache():
        return cache.get(name) or 0
    row = RateCounter.objects.filter(key=name).values_list("count", flat=True).first()
    return row or 0


def forget_expired(now: datetime.datetime | None = None) -> int:
    """Drop the database's finished windows (the worker calls this hourly)."""
    return RateCounter.objects.filter(expires_at__lt=now or timezone.now()).delete()[0]


def _trusted(address: str) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in ipaddress.ip_network(net, strict=False) for net in settings.NUANXIN_TRUSTED_PROXIES)


def client_ip(request) -> str | None:
    """The client's address: REMOTE_ADDR, or behind trusted proxies the last address in
    X-Forwarded-For that is not one of them."""
    remote = request.META.get("REMOTE_ADDR") or None
    if not remote or not _trusted(remote):
        return remote
    hops = [h.strip() for h in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if h.strip()]
    for hop in reversed(hops):
        try:
            ipaddress.ip_address(hop)
        except ValueError:
            return remote  # a garbled header: trust nothing in it
        if not _trusted(hop):
            return hop
    return remote
