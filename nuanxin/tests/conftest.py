from nuanxin.bookings.tests.factories import offering, organiser, session, worker  # noqa: F401 - fixtures
from nuanxin.gigs.tests.factories import employer  # noqa: F401 - fixtures
from nuanxin.housing.tests.factories import make_residence, newcomer  # noqa: F401 - fixtures
from nuanxin.jobs.tests.factories import (  # noqa: F401 - fixtures
    approved_vacancy,
    classification,
    job_world,
    occupations,
    vacancy_advisor,
    vacancy_employer,
)
from nuanxin.tests.browser import browser, journey, page_factory  # noqa: F401 - fixtures
