from nuanxin.jobs.tests.factories import job_world, occupations  # noqa: F401 - fixtures
from nuanxin.tests.browser import browser, journey, page_factory  # noqa: F401 - fixtures
