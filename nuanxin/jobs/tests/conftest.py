from nuanxin.jobs.tests.factories import (  # noqa: F401 - fixtures
    approved_vacancy,
    occupations_present,
    vacancy_advisor,
    vacancy_employer,
)
from nuanxin.tests.browser import browser, page_factory  # noqa: F401 - fixtures for the browser tests
