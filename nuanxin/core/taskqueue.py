"""The task queue's SQLite storage (the embedded default): huey's, plus locks that expire.

A periodic job holds a lock while it runs so that two workers never run it at once. A worker
killed in the middle (kill -9, a power cut) never releases its lock; huey's Redis storage lets
such a lock expire, its SQLite storage does not, and flushing every lock when a worker starts is
wrong when another worker is running. So here a lock with a time to live stores its expiry, and
taking it first removes an expired one, both in one exclusive transaction."""

import time

from huey import SqliteHuey as _SqliteHuey
from huey.storage import SqliteStorage

EXPIRES = b"expires:"  # a lock with a ttl stores this and its expiry (epoch seconds)


class ExpiringLockSqliteStorage(SqliteStorage):
    def put_if_empty(self, key, value, ttl=None):
        if ttl is None:
            return super().put_if_empty(key, value)
        now = time.time()
        with self.db(commit=True) as curs:
            curs.execute("select value from kv where queue = ? and key = ?", (self.name, key))
            row = curs.fetchone()
            if row is not None:
                held = bytes(row[0])
                if not held.startswith(EXPIRES) or float(held[len(EXPIRES):]) > now:
                    return False  # held, and not expired (one taken without a ttl never expires)
                curs.execute("delete from kv where queue = ? and key = ?", (self.name, key))
            curs.execute("insert into kv (queue, key, value) values (?, ?, ?)",
                         (self.name, key, self.to_blob(EXPIRES + repr(now + ttl).encode())))
        return True


class SqliteHuey(_SqliteHuey):
    storage_class = ExpiringLockSqliteStorage
