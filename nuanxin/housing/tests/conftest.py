from nuanxin.housing.tests.factories import make_residence, newcomer  # noqa: F401
