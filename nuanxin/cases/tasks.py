"""Timed work of the cases app: thin, idempotent, safe to deliver twice."""

from nuanxin.cases.services import escalate_overdue


def escalate_cases() -> int:
    return escalate_overdue()
