"""Every change to the employment service's tables, one module per sub-domain (vacancies, seekers, referrals, fairs)."""

from nuanxin.jobs.services.vacancies import (  # noqa: F401 - the package's public names
    VACANCIES,
    employer_recheck,
    recheck_due,
    today,
    vacancies_expire,
    vacancy_close,
    vacancy_create,
    vacancy_renew,
    vacancy_review,
)
