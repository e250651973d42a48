import pytest

from nuanxin.jobs.tests.factories import (  # noqa: F401 - fixtures
    approved_vacancy,
    bar,
    fair_employer,
    job_world,
    new_fair,
    occupations,
    occupations_present,
    vacancy_advisor,
    vacancy_employer,
)

# --- part C: job fairs ---------------------------------------------------------------------------


@pytest.fixture
def fair_center(make_place):
    return make_place(kind="service_center", name="昆山人力资源市场劳动者服务中心")


@pytest.fixture
def fair_advisor(make_user):
    return make_user("advisor")


@pytest.fixture
def make_fair(fair_center, fair_advisor):
    def make(**kwargs):
        return new_fair(kwargs.pop("place", fair_center), fair_advisor, **kwargs)

    return make


@pytest.fixture
def fair_roles(make_user, fair_center, fair_advisor):
    """One user per role the permission tests walk through (None: signed out)."""
    verified = make_user("employer")
    fair_employer(verified)
    unverified = make_user("employer")
    fair_employer(unverified, verified=False)
    no_vacancy = make_user("employer")
    fair_employer(no_vacancy, vacancy=False)
    barred = make_user("employer")
    bar(fair_employer(barred), fair_center, fair_advisor)
    return {"anonymous": None, "worker": make_user("worker"), "unverified_employer": unverified,
            "employer_without_vacancy": no_vacancy, "barred_employer": barred, "verified_employer": verified,
            "advisor": fair_advisor, "official": make_user("official")}
