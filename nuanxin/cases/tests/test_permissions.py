"""Permission matrix: every case endpoint × every kind of caller gives the expected status."""

import pytest

from nuanxin.cases import services
from nuanxin.conftest import ApiClient

pytestmark = pytest.mark.django_db

# Who is calling; the case is an emergency (rescue team) filed by "owner".
CALLERS = ["anonymous", "owner", "other_worker", "employer", "advisor", "rescue", "legal", "hospital",
           "official", "admin"]
TEAM = {"rescue", "admin"}

EXPECTED = {
    # endpoint: {caller: status}; absent callers use the default at the end of the row
    "list": {"anonymous": 401, "*": 200},
    "read": {"anonymous": 401, "owner": 200, "rescue": 200, "admin": 200, "*": 404},
    "transition": {"anonymous": 401, "rescue": 200, "admin": 200, "*": 404},
    "note": {"anonymous": 401, "owner": 201, "rescue": 201, "admin": 201, "*": 404},
    "open": {"anonymous": 401, "*": 201},
}


@pytest.fixture
def world(make_user, client_for):
    users = {
        "owner": make_user("worker"), "other_worker": make_user("worker"), "employer": make_user("employer"),
        "advisor": make_user("advisor", username="advisor"), "rescue": make_user("rescue", username="rescue"),
        "legal": make_user("legal", username="legal"), "hospital": make_user("hospital", username="hospital"),
        "official": make_user("official", username="official"), "admin": make_user("admin", username="root"),
    }
    clients = {name: client_for(u) for name, u in users.items()}
    clients["anonymous"] = ApiClient()
    return users, clients


@pytest.mark.parametrize("caller", CALLERS)
@pytest.mark.parametrize("endpoint", list(EXPECTED))
def test_matrix(world, caller, endpoint):
    users, clients = world
    case = services.case_open(type="emergency", summary="需要帮助", by=users["owner"])
    c = clients[caller]
    calls = {
        "list": lambda: c.get("/api/v1/cases"),
        "read": lambda: c.get(f"/api/v1/cases/{case.pk}"),
        "transition": lambda: c.post(f"/api/v1/cases/{case.pk}/transition", {"to": "triaged"}),
        "note": lambda: c.post(f"/api/v1/cases/{case.pk}/notes", {"text": "note", "internal": False}),
        "open": lambda: c.post("/api/v1/cases", {"type": "policy", "summary": "政策咨询"}),
    }
    r = calls[endpoint]()
    expected = EXPECTED[endpoint].get(caller, EXPECTED[endpoint]["*"])
    assert r.status_code == expected, (endpoint, caller, r.content[:200])
    if endpoint == "list" and r.status_code == 200:
        ids = [i["id"] for i in r.json()["items"]]
        assert (case.pk in ids) == (caller in TEAM | {"owner"}), caller
