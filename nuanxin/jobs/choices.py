"""The public employment service (就业服务): statuses, kinds and the numbers its rules use.

The workflow is the 职业介绍 one: 求职登记 (a seeker registers) → 招聘登记 (an employer's
vacancy passes review) → 职业指导 (advice, follow-ups) → 推荐介绍 (a referral with a letter)
→ 跟踪服务 (follow-up) → placed or closed."""

import datetime

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

VACANCY_DEFAULT_DAYS = 30        # a vacancy drops out of the lists after this many days unless renewed
VACANCY_MAX_DAYS = 90
EMPLOYER_RECHECK = datetime.timedelta(days=183)  # recruiters re-checked every 6 months (2026 online-recruitment rules)
FAIR_BAR_NO_SHOWS = 2            # two booth no-shows ...
FAIR_BAR_FOR = datetime.timedelta(days=365)  # ... bar an employer from fairs for a year
FOLLOW_UP_DAYS = 14              # the next contact, unless the advisor sets one


class OccupationLevel(models.TextChoices):
    MAJOR = "major", _("major group")
    MEDIUM = "medium", _("medium group")
    MINOR = "minor", _("minor group")
    OCCUPATION = "occupation", _("occupation")


class JobKind(models.TextChoices):
    FULL_TIME = "full_time", _("full-time")
    PART_TIME = "part_time", _("part-time")


class PayPeriod(models.TextChoices):
    MONTH = "month", _("per month")
    HOUR = "hour", _("per hour")


class VacancyStatus(models.TextChoices):
    PENDING_REVIEW = "pending_review", pgettext_lazy("vacancy", "waiting for review")
    APPROVED = "approved", pgettext_lazy("vacancy", "published")
    REJECTED = "rejected", pgettext_lazy("vacancy", "not approved")
    CLOSED = "closed", pgettext_lazy("vacancy", "closed")


VACANCY_TRANSITIONS = {
    None: (VacancyStatus.PENDING_REVIEW,),
    VacancyStatus.PENDING_REVIEW: (VacancyStatus.APPROVED, VacancyStatus.REJECTED, VacancyStatus.CLOSED),
    VacancyStatus.APPROVED: (VacancyStatus.CLOSED, VacancyStatus.PENDING_REVIEW),
    VacancyStatus.REJECTED: (VacancyStatus.PENDING_REVIEW,),
}


class Hardship(models.TextChoices):
    """就业困难人员 and the other groups the service gives priority to."""

    NONE = "", _("none")
    EMPLOYMENT_DIFFICULTY = "difficulty", _("certified as having difficulty finding work")
    RECENT_GRADUATE = "graduate", _("graduated within the last two years")
    LOW_INCOME = "low_income", _("low-income family")
    DISABILITY = "disability", _("person with a disability")
    LONG_UNEMPLOYED = "long_unemployed", _("out of work for more than a year")


class Tier(models.TextChoices):
    """The service tier the profile sets (人社部 guidance: classify, then serve accordingly)."""

    SELF_SERVICE = "self", _("self-service: job lists and fairs")
    GUIDED = "guided", _("guided: an advisor suggests jobs")
    INTENSIVE = "intensive", _("one-to-one: an advisor follows up closely")


class SeekerStatus(models.TextChoices):
    ACTIVE = "active", pgettext_lazy("job seeker", "looking for work")
    PLACED = "placed", pgettext_lazy("job seeker", "found work")
    CLOSED = "closed", pgettext_lazy("job seeker", "registration closed")


class Channel(models.TextChoices):
    CALL = "call", _("phone call")
    WECHAT = "wechat", _("WeChat")
    VISIT = "visit", _("visit")
    WINDOW = "window", _("at the window")
    SMS = "sms", _("SMS")


class ReferralStatus(models.TextChoices):
    REFERRED = "referred", pgettext_lazy("referral", "referred")
    INTERVIEWED = "interviewed", pgettext_lazy("referral", "interviewed")
    HIRED = "hired", pgettext_lazy("referral", "hired")
    NOT_HIRED = "not_hired", pgettext_lazy("referral", "not hired")
    NO_SHOW = "no_show", pgettext_lazy("referral", "did not come")
    CANCELLED = "cancelled", pgettext_lazy("referral", "withdrawn")


REFERRAL_TRANSITIONS = {
    None: (ReferralStatus.REFERRED,),
    ReferralStatus.REFERRED: (ReferralStatus.INTERVIEWED, ReferralStatus.HIRED, ReferralStatus.NOT_HIRED,
                              ReferralStatus.NO_SHOW, ReferralStatus.CANCELLED),
    ReferralStatus.INTERVIEWED: (ReferralStatus.HIRED, ReferralStatus.NOT_HIRED),
}


class BoothStatus(models.TextChoices):
    BOOKED = "booked", pgettext_lazy("booth", "booked")
    CANCELLED = "cancelled", pgettext_lazy("booth", "cancelled")
    ATTENDED = "attended", pgettext_lazy("booth", "came")
    NO_SHOW = "no_show", pgettext_lazy("booth", "did not come")
