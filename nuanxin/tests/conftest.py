from nuanxin.tests.browser import browser, page_factory  # noqa: F401 - fixtures
