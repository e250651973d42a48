"""Status codes in words on the jobs pages (history rows keep codes; people read words)."""

from django import template
from django.utils.translation import gettext_lazy as _

from nuanxin.jobs.choices import BoothStatus, ReferralStatus, VacancyStatus

register = template.Library()


def _label(choices, code: str) -> str:
    return str(choices(code).label) if code in choices.values else code


@register.filter
def referral_status(code: str) -> str:
    return _label(ReferralStatus, code)


@register.filter
def vacancy_status(code: str) -> str:
    return _label(VacancyStatus, code)


@register.filter
def booth_status(code: str) -> str:
    return _label(BoothStatus, code)


ACTORS = {"you": _("you"), "system": _("the system"), "staff": _("staff"), "employer": _("employer"),
          "worker": _("worker")}


@register.filter
def actor(code: str) -> str:
    """Who made a change, as core.workflow.history_out names them, in words."""
    return str(ACTORS.get(code, code))
