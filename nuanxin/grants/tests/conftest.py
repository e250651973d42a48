"""Grants' fixtures: a fund with money in it, staff of each team, hardship and emergency cases."""

import itertools

import pytest

from nuanxin.cases import services as cases
from nuanxin.grants import services

_keys = itertools.count(1)


@pytest.fixture
def admin_user(make_user):
    return make_user("admin", username="fund-admin")


@pytest.fixture
def donate(admin_user):
    """Money into the charity fund, as an administrator records a donation."""

    def give(amount_fen: int, donor: str = "昆山市慈善总会"):
        return services.donation_record(by=admin_user, donor=donor, amount_fen=amount_fen,
                                        idempotency_key=f"test-donation-{next(_keys)}")

    return give


@pytest.fixture
def advisors(make_user):
    return make_user("advisor", username="chen"), make_user("advisor", username="lin")


@pytest.fixture
def rescuers(make_user):
    return make_user("rescue", username="sun"), make_user("rescue", username="zhou")


@pytest.fixture
def applicant(make_user):
    return make_user("worker", name="王芳")


@pytest.fixture
def open_case(applicant):
    def make(case_type: str = "hardship", by=None, summary: str = "丈夫生病住院，两个孩子上学，生活困难。"):
        return cases.case_open(type=case_type, summary=summary, by=by or applicant, town="qiandeng")

    return make
