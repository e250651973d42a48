"""Short codes a person reads off a screen or an SMS and types back: six digits from the
operating system's CSPRNG (secrets), leading zeros kept, so every code is equally likely.
Used for sign-in codes and the check-in codes of shifts and sessions."""

import secrets

LENGTH = 6


def six_digits() -> str:
    """A random six-digit code: '004217'."""
    return f"{secrets.randbelow(10**LENGTH):0{LENGTH}d}"
