"""Who may do what with vacancies: every endpoint × role (worker, the employer of another
organisation, an employer whose claim is not verified, advisor, official, anonymous)."""

import pytest

from nuanxin.accounts.choices import EmployerStatus
from nuanxin.conftest import ApiClient
from nuanxin.jobs.tests.factories import vacancy_payload, verified_org

pytestmark = pytest.mark.django_db

ROLES = ["worker", "other_employer", "unverified_employer", "advisor", "official", "anonymous"]


@pytest.fixture
def as_role(make_user, client_for):
    def make(role: str) -> ApiClient:
        if role == "anonymous":
            return ApiClient()
        if role == "other_employer":
            user = make_user("employer")
            verified_org(user, name="别家公司")
            return client_for(user)
        if role == "unverified_employer":
            user = make_user("employer")
            verified_org(user, name="未核验公司", status=EmployerStatus.PENDING)
            return client_for(user)
        return client_for(make_user(role))

    return make


@pytest.fixture
def waiting(vacancy_employer):
    c, _user, _org = vacancy_employer
    r = c.post("/api/v1/jobs", vacancy_payload())
    assert r.status_code == 201
    return r.json()


# status each role gets; the employer's own contact is tested in test_vacancies_api
POST_JOBS = {"worker": 403, "other_employer": 201, "unverified_employer": 403, "advisor": 403, "official": 403,
             "anonymous": 401}
REVIEW = {"worker": 403, "other_employer": 403, "unverified_employer": 403, "advisor": 200, "official": 403,
          "anonymous": 401}
SEE_WAITING = {"worker": 404, "other_employer": 404, "unverified_employer": 404, "advisor": 200, "official": 200,
               "anonymous": 404}
CLOSE = {"worker": 404, "other_employer": 404, "unverified_employer": 404, "advisor": 200, "official": 404,
         "anonymous": 401}
RENEW = {"worker": 404, "other_employer": 404, "unverified_employer": 404, "advisor": 404, "official": 404,
         "anonymous": 401}


@pytest.mark.parametrize("role", ROLES)
def test_post_jobs(as_role, role):
    r = as_role(role).post("/api/v1/jobs", vacancy_payload())
    assert r.status_code == POST_JOBS[role], r.content


@pytest.mark.parametrize("role", ROLES)
def test_review(as_role, waiting, role):
    r = as_role(role).post(f"/api/v1/jobs/{waiting['id']}/review", {"approve": True, "note": ""})
    assert r.status_code == REVIEW[role], r.content


@pytest.mark.parametrize("role", ROLES)
def test_get_a_vacancy_waiting_for_review(as_role, waiting, role):
    r = as_role(role).get(f"/api/v1/jobs/{waiting['id']}")
    assert r.status_code == SEE_WAITING[role], r.content
    if r.status_code == 200:
        assert r.json()["history"] is not None


@pytest.mark.parametrize("role", ROLES)
def test_get_a_published_vacancy_is_public_without_its_history(as_role, approved_vacancy, role):
    _c, job = approved_vacancy
    r = as_role(role).get(f"/api/v1/jobs/{job['id']}")
    assert r.status_code == 200
    assert (r.json()["history"] is not None) == (role in ("advisor", "official"))


@pytest.mark.parametrize("role", ROLES)
def test_list_is_public(as_role, approved_vacancy, role):
    r = as_role(role).get("/api/v1/jobs")
    assert r.status_code == 200 and r.json()["count"] == 1


@pytest.mark.parametrize("role", ROLES)
def test_close(as_role, approved_vacancy, role):
    _c, job = approved_vacancy
    r = as_role(role).post(f"/api/v1/jobs/{job['id']}/close", {"note": ""})
    assert r.status_code == CLOSE[role], r.content


@pytest.mark.parametrize("role", ROLES)
def test_renew(as_role, approved_vacancy, role):
    _c, job = approved_vacancy
    r = as_role(role).post(f"/api/v1/jobs/{job['id']}/renew", {"headcount": 3})
    assert r.status_code == RENEW[role], r.content


@pytest.mark.parametrize("role", ROLES)
def test_my_vacancies_shows_only_ones_own(as_role, approved_vacancy, role):
    r = as_role(role).get("/api/v1/me/vacancies")
    if role == "anonymous":
        assert r.status_code == 401
    else:
        assert r.status_code == 200 and r.json()["count"] == 0


@pytest.mark.parametrize("role", ROLES)
def test_occupations_are_public(as_role, role):
    r = as_role(role).get("/api/v1/occupations")
    assert r.status_code == 200 and r.json()["count"] == 8
