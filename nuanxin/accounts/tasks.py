"""The accounts' timed work."""

from huey import crontab

from nuanxin.accounts import devices
from nuanxin.core.timed import periodic


@periodic("accounts.devices_purge", crontab(minute="23"))
def purge_devices():
    """Browsers whose session has ended and expired API tokens: nothing to list or revoke."""
    return devices.purge_stale()
