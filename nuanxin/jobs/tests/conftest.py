from nuanxin.jobs.tests.factories import approved_vacancy, vacancy_advisor, vacancy_employer  # noqa: F401 - fixtures
