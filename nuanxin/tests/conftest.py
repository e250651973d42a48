from nuanxin.bookings.tests.factories import offering, organiser, session, worker  # noqa: F401 - fixtures
from nuanxin.gigs.tests.factories import employer  # noqa: F401 - fixtures
from nuanxin.housing.tests.factories import make_residence, newcomer  # noqa: F401 - fixtures
from nuanxin.tests.browser import browser, journey, page_factory  # noqa: F401 - fixtures
