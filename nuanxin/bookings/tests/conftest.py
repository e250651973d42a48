from nuanxin.bookings.tests.factories import offering, organiser, session, worker  # noqa: F401 - fixtures
