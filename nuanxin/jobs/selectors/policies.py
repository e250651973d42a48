"""Reads for the policy calculator: the programmes in force and one by its code."""

from __future__ import annotations

from django.db.models import QuerySet

from nuanxin.jobs.models import Policy
from nuanxin.jobs.policies import CALCULATORS


def policies_in_force() -> QuerySet:
    """The programmes the calculator can answer for, by code."""
    return Policy.objects.filter(active=True, code__in=list(CALCULATORS)).order_by("code")


def policy(code: str) -> Policy | None:
    if code not in CALCULATORS:
        return None
    return Policy.objects.filter(code=code, active=True).first()
