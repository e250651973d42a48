"""Issue 11, item 7 for cases: states and history in words, click-to-call without showing the
number (audited, only for the case's team), and a visible answer as the default."""

import re

import pytest
from django.db import connection
from django.urls import reverse

from nuanxin.accounts.models import InboxMessage
from nuanxin.cases import services
from nuanxin.cases.choices import State
from nuanxin.cases.models import Case
from nuanxin.core.models import AuditEntry

pytestmark = pytest.mark.django_db

CODES = [*State.values, "opened", "escalation", "transition", "→ new"]


def text_of(response) -> str:
    """What a person reads: the page without its tags (option values are not text)."""
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", response.content.decode(), flags=re.S)
    html = re.sub(r'<span translate="no">(.*?)</span>', r"\1", html)  # data marks sit inside sentences
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


@pytest.fixture
def worked_case(make_user):
    applicant = make_user("worker", phone="13812341234", name="王芳")
    staff = make_user("advisor", username="adv-li", name="李顾问")
    case = services.case_open(type="policy", summary="孩子在昆山上学要什么材料", by=applicant)
    for to in ("triaged", "assigned", "in_progress", "waiting_on_applicant"):
        services.case_transition(case_id=case.pk, by=staff, to=to)
    return case, applicant, staff


def test_case_page_states_and_history_in_words(client, worked_case):
    case, applicant, staff = worked_case
    client.force_login(staff)
    page = client.get(reverse("cases:case-detail", args=[case.pk]))
    text = text_of(page)
    assert "收到求助" in text
    assert "状态由“新提交”改为“已受理，已分到团队”" in text
    assert "状态由“正在处理”改为“等待求助人回复”" in text and "(李顾问)" in text
    for code in CODES:
        assert code not in text, code
    # The move menu names states in words (the codes stay in the option values only).
    options = re.findall(r'<option value="([a-z_]+)"[^>]*>([^<]+)</option>', page.content.decode())
    assert ("in_progress", "正在处理") in options and ("closed", "已结案") in options
    # The applicant reads their own wording of the same state, and no history of codes.
    client.force_login(applicant)
    mine = text_of(client.get(reverse("cases:case-detail", args=[case.pk])))
    assert "等您回复" in mine and not any(code in mine for code in CODES)
    assert "等您回复" in text_of(client.get(reverse("cases:mine")))


def test_queue_and_closed_cases_in_words(client, worked_case, make_user):
    case, _applicant, staff = worked_case
    client.force_login(staff)
    queue = text_of(client.get(reverse("cases:queue")))
    assert "等待求助人回复" in queue and "waiting_on_applicant" not in queue
    services.case_transition(case_id=case.pk, by=staff, to="closed", reason="helped")
    page = text_of(client.get(reverse("cases:case-detail", args=[case.pk])))
    assert "已结案" in page and "休息" not in page  # a place's "closed" is not a case's


def test_refused_moves_are_explained_in_words(client, worked_case, client_for):
    case, _applicant, staff = worked_case
    r = client_for(staff).post(f"/api/v1/cases/{case.pk}/transition", {"to": "new"})
    err = r.json()["error"]
    assert r.status_code == 409 and err["code"] == "transition_not_allowed"
    assert "“等待求助人回复”" in err["message"] and "“正在处理”" in err["message"]
    assert "in_progress" in err["fields"]["to"]  # codes for programs, words for people
    client.force_login(staff)
    shown = text_of(client.post(reverse("cases:transition", args=[case.pk]), {"to": "triaged"}, follow=True))
    assert "只能改为" in shown and "in_progress" not in shown and "triaged" not in shown
    shown = text_of(client.post(reverse("cases:transition", args=[case.pk]), {"to": "closed"}, follow=True))
    assert "已帮助解决" in shown and "unreachable" not in shown


def test_click_to_call_shows_the_masked_number_and_logs_the_call(client, worked_case, make_user):
    case, applicant, staff = worked_case
    client.force_login(staff)
    page = client.get(reverse("cases:case-detail", args=[case.pk])).content.decode()
    assert "138****1234" in page and "13812341234" not in page
    call_url = reverse("cases:call", args=[case.pk])
    assert f'href="{call_url}"' in page
    r = client.get(call_url)
    assert r.status_code == 302 and r["Location"] == "tel:13812341234" and "no-store" in r["Cache-Control"]
    calls = AuditEntry.objects.filter(action="case.call", object_id=str(case.pk))
    assert calls.count() == 1 and calls.get().actor == staff
    # Nobody outside the case's team gets the number: not the applicant, not another team.
    for outsider in (applicant, make_user("legal", username="lawyer"), make_user("worker")):
        client.force_login(outsider)
        assert client.get(call_url).status_code == 404
    client.logout()
    assert client.get(call_url)["Location"].startswith("/accounts/login/")
    assert calls.count() == 1


def test_click_to_call_for_a_case_filed_on_someones_behalf(client, make_user):
    officer = make_user("rescue", username="rescue-zhou")
    case = services.case_open(type="emergency", summary="在昆山南站，没钱买票", by=officer,
                              on_behalf={"name": "赵强", "phone": "13955556666"}, channel="phone")
    with connection.cursor() as cursor:
        cursor.execute("SELECT applicant_phone FROM cases_case WHERE id = %s", [case.pk])
        raw = cursor.fetchone()[0]
    assert raw and "13955556666" not in raw  # encrypted at rest
    assert Case.objects.get(pk=case.pk).applicant_phone == "13955556666"
    client.force_login(officer)
    page = client.get(reverse("cases:case-detail", args=[case.pk])).content.decode()
    assert "139****6666" in page and "13955556666" not in page
    assert client.get(reverse("cases:call", args=[case.pk]))["Location"] == "tel:13955556666"


def test_staff_answer_is_visible_by_default_and_the_applicant_is_told(client, worked_case):
    case, applicant, staff = worked_case
    client.force_login(staff)
    page = client.get(reverse("cases:case-detail", args=[case.pk])).content.decode()
    box = re.search(r'<input type="checkbox" name="internal"[^>]*>', page).group(0)
    assert "checked" not in box  # staff-only is a choice, not the default
    assert "回复求助人" in text_of(client.get(reverse("cases:case-detail", args=[case.pk])))
    client.post(reverse("cases:note", args=[case.pk]), {"text": "请带户口本和租房合同来服务中心"})
    client.post(reverse("cases:note", args=[case.pk]), {"text": "内部：材料清单已核对", "internal": "on"})
    assert list(case.notes.values_list("internal", flat=True)) == [False, True]
    told = InboxMessage.objects.filter(user=applicant, kind="case.answer")
    assert told.count() == 1 and str(case.pk) in told.get().text
    client.force_login(applicant)
    mine = text_of(client.get(reverse("cases:case-detail", args=[case.pk])))
    assert "请带户口本和租房合同来服务中心" in mine and "材料清单已核对" not in mine
