"""Every read of the employment service's tables, one module per sub-domain (vacancies, seekers, fairs, policies)."""

from nuanxin.jobs.selectors.measures import measure_counts  # noqa: F401
from nuanxin.jobs.selectors.vacancies import (  # noqa: F401 - the package's public names
    employer_due_recheck,
    employers_due_recheck,
    vacancies_live,
    vacancies_of_contact,
    vacancies_search,
    vacancies_to_review,
    vacancy_history,
    vacancy_is_private_to,
    vacancy_visible,
)
