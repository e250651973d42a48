from nuanxin.gigs.tests.factories import employer, posted  # noqa: F401 - fixtures
