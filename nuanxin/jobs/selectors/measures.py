"""The employment service's figures for the city's dashboard."""

from nuanxin.core import figures
from nuanxin.jobs.choices import ReferralStatus
from nuanxin.jobs.models import Referral, Seeker, Vacancy


def measure_counts(window: figures.Window) -> dict[str, figures.Counted]:
    """Job seekers registered, vacancies taken, people referred with a letter and those hired
    in the window, by the town of the work (a seeker: the town they want to work in)."""
    def within(field):
        return {f"{field}__gte": window.start, f"{field}__lt": window.until}

    return {
        "seekers_registered": figures.by_town(Seeker.objects.filter(**within("registered_at")), "town"),
        "vacancies_taken": figures.by_town(Vacancy.objects.filter(**within("created_at")), "town"),
        "referrals": figures.by_town(Referral.objects.filter(**within("created_at")), "vacancy__town"),
        "hired": figures.by_town(Referral.objects.filter(status=ReferralStatus.HIRED, **within("decided_at")),
                                 "vacancy__town"),
    }
