"""Masking helpers: what a screen or a response may show of a sensitive value."""

import re


def mask_middle(value: str, keep_start: int, keep_end: int, char: str = "*") -> str:
    if not value:
        return ""
    if len(value) <= keep_start + keep_end:
        return char * len(value)
    return value[:keep_start] + char * (len(value) - keep_start - keep_end) + value[len(value) - keep_end :]


def mask_id_number(value: str) -> str:
    """3201**********123X: the region's first four digits and the last four."""
    return mask_middle(value, 4, 4)


def mask_phone(value: str) -> str:
    """138****5678, as Chinese apps show phone numbers."""
    return mask_middle(value, 3, 4)


def mask_account_number(value: str) -> str:
    """Only the last four digits of a card or account."""
    return mask_middle(value, 0, 4)


def mask_name(value: str) -> str:
    """张*、欧阳** — the family name (first character) only."""
    if not value:
        return ""
    return value[0] + "*" * (len(value) - 1) if len(value) > 1 else value


# A mainland mobile number or an 18-character ID number standing alone in free text.
_PHONE_IN_TEXT = re.compile(r"(?<!\d)(1[3-9]\d)(\d{4})(\d{4})(?!\d)")
_ID_IN_TEXT = re.compile(r"(?<![0-9A-Za-z])(\d{4})\d{10}(\d{3}[0-9Xx])(?![0-9A-Za-z])")


def mask_in_text(text: str) -> str:
    """Every phone and ID number in a log line masked: 13800000000 → 138****0000."""
    text = _ID_IN_TEXT.sub(lambda m: f"{m.group(1)}**********{m.group(2)}", text)
    return _PHONE_IN_TEXT.sub(lambda m: f"{m.group(1)}****{m.group(3)}", text)


def mask_ip(value: str | None) -> str:
    """203.0.113.* / 2001:db8:85a3:*: enough to tell home from elsewhere, not a location."""
    if not value:
        return ""
    if ":" in value:
        return ":".join(value.split(":")[:3]) + ":*"
    return ".".join(value.split(".")[:3]) + ".*"
