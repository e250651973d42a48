"""Vacancy pages through Django's test client, without JavaScript: the public list and a
vacancy's page, an employer posting (and being refused kindly), extending and closing, and
the staff review queue with the six-monthly re-check."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from nuanxin.accounts.models import Employer
from nuanxin.jobs.choices import VacancyStatus
from nuanxin.jobs.models import Vacancy
from nuanxin.jobs.services.vacancies import today
from nuanxin.jobs.tests.factories import days_ago, vacancy_payload

pytestmark = pytest.mark.django_db

FORM = {
    "title": "焊工", "occupation": "焊工", "kind": "full_time", "headcount": "3",
    "requirements": "持焊工证，两年以上经验。", "duties": "按图纸完成结构件焊接。", "skills": "焊工证",
    "address": "张浦镇俱进路1号", "town": "zhangpu", "landmark": "", "pay_min_yuan": "8000",
    "pay_max_yuan": "12000", "pay_period": "month", "valid_until": "",
}


def test_the_list_searches_by_pinyin_and_occupation_group(client, approved_vacancy):
    _c, job = approved_vacancy
    html = client.get(reverse("jobs:vacancy-list"), {"q": "pg"}).content.decode()
    assert "电子厂普工" in html and f'data-vacancy-id="{job["id"]}"' in html
    html = client.get(reverse("jobs:vacancy-list"), {"occupation": "6-25"}).content.decode()
    assert f'data-vacancy-id="{job["id"]}"' in html
    html = client.get(reverse("jobs:vacancy-list"), {"occupation": "4"}).content.decode()
    assert f'data-vacancy-id="{job["id"]}"' not in html
    # The group select lists the classification's major and medium groups.
    assert '<option value="6-25">' in html and '<option value="4" selected>' in html
    # Near me: ordered by distance, with the distance shown.
    html = client.get(reverse("jobs:vacancy-list"), {"lat": "31.37", "lon": "120.97"}).content.decode()
    assert 'class="distance"' in html
    # Odd input is shown beside its field, never an error page.
    assert client.get(reverse("jobs:vacancy-list"), {"lat": "abc", "min_pay_yuan": "-1", "page": "x"}).status_code == 200


def test_a_vacancy_page_shows_every_field_the_law_requires(client, approved_vacancy):
    _c, job = approved_vacancy
    html = client.get(reverse("jobs:vacancy-detail", args=[job["id"]])).content.decode()
    v = Vacancy.objects.get(pk=job["id"])
    for shown in (v.employer.name, v.title, v.requirements, v.duties, v.address, "¥5,000.00", "¥7,000.00",
                  str(v.headcount), "6-25-04-07", "uri.amap.com"):
        assert shown in html, shown
    assert f"{v.valid_until.month}月{v.valid_until.day}日" in html or v.valid_until.isoformat() in html


def test_a_vacancy_waiting_for_review_is_found_only_by_its_employer_and_staff(client, vacancy_employer,
                                                                              make_user):
    c, user, _org = vacancy_employer
    job = c.post("/api/v1/jobs", vacancy_payload()).json()
    url = reverse("jobs:vacancy-detail", args=[job["id"]])
    assert client.get(url).status_code == 404
    client.force_login(make_user())
    assert client.get(url).status_code == 404
    client.force_login(user)
    assert client.get(url).status_code == 200
    client.force_login(make_user("advisor"))
    assert client.get(url).status_code == 200


def test_an_employer_posts_from_the_page_and_a_refusal_is_shown_beside_the_field(client, vacancy_employer):
    _c, user, _org = vacancy_employer
    client.force_login(user)
    assert client.get(reverse("jobs:vacancy-post")).status_code == 200
    refused = client.post(reverse("jobs:vacancy-post"), {**FORM, "requirements": "限本地户籍，男性，35岁以下"})
    assert refused.status_code == 200 and not Vacancy.objects.exists()
    html = refused.content.decode()
    assert 'class="error"' in html and "《就业促进法》" in html  # the rule, named, beside the field
    many = client.post(reverse("jobs:vacancy-post"), {**FORM, "occupation": "焊"})
    assert many.status_code == 200 and "6-18-02-04" in many.content.decode()  # candidates listed
    r = client.post(reverse("jobs:vacancy-post"), FORM)
    v = Vacancy.objects.get()
    assert r.status_code == 302 and r["Location"] == reverse("jobs:vacancy-detail", args=[v.pk])
    assert (v.occupation.code, v.status, v.pay_min_fen, v.pay_max_fen) == ("6-18-02-04", "pending_review",
                                                                           800_000, 1_200_000)
    assert v.valid_until == today(timezone.now()) + datetime.timedelta(days=30)


def test_an_employer_extends_and_closes_from_my_vacancies(client, approved_vacancy, vacancy_employer):
    _c, job = approved_vacancy
    _client, user, _org = vacancy_employer
    client.force_login(user)
    html = client.get(reverse("jobs:vacancy-mine")).content.decode()
    assert f'data-vacancy-id="{job["id"]}"' in html
    client.post(reverse("jobs:vacancy-action", args=[job["id"], "extend"]))
    v = Vacancy.objects.get(pk=job["id"])
    assert v.valid_until == today(timezone.now()) + datetime.timedelta(days=60) and v.status == "approved"
    ask = client.post(reverse("jobs:vacancy-action", args=[job["id"], "close"]))  # one tap only asks
    assert ask.status_code == 200 and 'name="sure" value="yes"' in ask.content.decode()
    assert Vacancy.objects.get(pk=job["id"]).status == VacancyStatus.APPROVED
    client.post(reverse("jobs:vacancy-action", args=[job["id"], "close"]), {"sure": "yes"})
    assert Vacancy.objects.get(pk=job["id"]).status == VacancyStatus.CLOSED


def test_someone_else_cannot_close_or_extend(client, approved_vacancy, make_user):
    _c, job = approved_vacancy
    client.force_login(make_user("employer"))
    before = Vacancy.objects.get(pk=job["id"]).valid_until
    client.post(reverse("jobs:vacancy-action", args=[job["id"], "close"]), {"sure": "yes"})
    client.post(reverse("jobs:vacancy-action", args=[job["id"], "extend"]))
    v = Vacancy.objects.get(pk=job["id"])
    assert (v.status, v.valid_until) == (VacancyStatus.APPROVED, before)
    assert client.post(reverse("jobs:vacancy-action", args=[job["id"], "delete"])).status_code == 404


def test_staff_review_from_the_queue(client, vacancy_employer, vacancy_advisor):
    c, _user, _org = vacancy_employer
    _staff_client, staff = vacancy_advisor
    first = c.post("/api/v1/jobs", vacancy_payload(title="仓库理货员")).json()
    second = c.post("/api/v1/jobs", vacancy_payload(title="质检员")).json()
    client.force_login(staff)
    html = client.get(reverse("jobs:vacancy-review-queue")).content.decode()
    assert html.index("仓库理货员") < html.index("质检员")  # oldest first
    client.post(reverse("jobs:vacancy-review", args=[first["id"]]), {"decision": "approve", "note": ""})
    client.post(reverse("jobs:vacancy-review", args=[second["id"]]), {"decision": "reject", "note": ""})
    assert Vacancy.objects.get(pk=second["id"]).status == "pending_review"  # turning down needs a note
    client.post(reverse("jobs:vacancy-review", args=[second["id"]]), {"decision": "reject", "note": "请写清岗位职责"})
    assert [Vacancy.objects.get(pk=j["id"]).status for j in (first, second)] == ["approved", "rejected"]
    assert Vacancy.objects.get(pk=second["id"]).review_note == "请写清岗位职责"


def test_staff_re_check_an_employer_from_the_queue_and_its_vacancies_show_again(client, approved_vacancy,
                                                                                vacancy_employer,
                                                                                vacancy_advisor):
    _c, job = approved_vacancy
    _client, boss, org = vacancy_employer
    _staff_client, staff = vacancy_advisor
    Employer.objects.filter(pk=org.pk).update(verified_at=days_ago(200))
    assert f'data-vacancy-id="{job["id"]}"' not in client.get(reverse("jobs:vacancy-list")).content.decode()
    client.force_login(boss)
    assert 'id="recheck-due"' in client.get(reverse("jobs:vacancy-mine")).content.decode()
    client.force_login(staff)
    html = client.get(reverse("jobs:vacancy-review-queue")).content.decode()
    assert f'data-employer-id="{org.pk}"' in html
    client.post(reverse("jobs:employer-recheck", args=[org.pk]))
    org.refresh_from_db()
    assert org.verified_at > days_ago(1) and org.verified_by == staff
    client.logout()
    assert f'data-vacancy-id="{job["id"]}"' in client.get(reverse("jobs:vacancy-list")).content.decode()


@pytest.mark.parametrize("role", ["worker", "employer", "official", None])
def test_only_advisors_and_admins_reach_the_review_queue(client, make_user, approved_vacancy, role):
    _c, job = approved_vacancy
    url = reverse("jobs:vacancy-review-queue")
    if role is None:
        assert client.get(url).status_code == 302  # to sign in
        r = client.post(reverse("jobs:vacancy-review", args=[job["id"]]), {"decision": "reject", "note": "x"})
        assert r.status_code == 302 and Vacancy.objects.get(pk=job["id"]).status == "approved"
        return
    client.force_login(make_user(role))
    assert client.get(url).status_code == 404
    assert client.post(reverse("jobs:vacancy-review", args=[job["id"]]), {"decision": "reject",
                                                                        "note": "x"}).status_code == 404
    assert client.post(reverse("jobs:employer-recheck", args=[1])).status_code == 404


def test_employer_pages_need_sign_in(client):
    for name in ("jobs:vacancy-mine", "jobs:vacancy-post"):
        assert client.get(reverse(name)).status_code == 302


def test_the_pages_in_english_have_no_chinese_interface_text(client, approved_vacancy, vacancy_employer,
                                                             vacancy_advisor):
    """Chinese on these pages is data (titles, names, addresses, the classification), marked as such."""
    from nuanxin.tests.test_english import _Text

    _c, job = approved_vacancy
    _client, boss, _org = vacancy_employer
    _staff_client, staff = vacancy_advisor
    _client.post("/api/v1/jobs", vacancy_payload(title="质检员"))  # one waiting for review
    client.cookies["django_language"] = "en"
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    pages = [(None, reverse("jobs:vacancy-list") + "?q=pg&lat=31.37&lon=120.97"),
             (None, reverse("jobs:vacancy-detail", args=[job["id"]])),
             (boss, reverse("jobs:vacancy-mine")), (boss, reverse("jobs:vacancy-post")),
             (staff, reverse("jobs:vacancy-review-queue"))]
    for user, path in pages:
        if user is not None:
            client.force_login(user)
        r = client.get(path)
        assert r.status_code == 200, path
        parser = _Text()
        parser.feed(r.content.decode())
        assert parser.found == [], (path, parser.found)


def test_the_admin_shows_occupations_and_vacancies_read_only_and_re_checks_employers(client, approved_vacancy,
                                                                                    vacancy_employer, make_user):
    _c, job = approved_vacancy
    _client, _boss, org = vacancy_employer
    Employer.objects.filter(pk=org.pk).update(verified_at=days_ago(200))
    admin = make_user("admin", username="jobs-admin")
    admin.is_superuser = True
    admin.save()
    client.force_login(admin)
    assert "焊工" in client.get("/admin/jobs/occupation/", {"q": "焊工"}).content.decode()
    page = client.get(f"/admin/jobs/vacancy/{job['id']}/change/").content.decode()
    assert "电子厂普工" in page and "pending_review" in page  # the history inline
    r = client.post("/admin/jobs/vacancy/", {"action": "recheck_employers", "_selected_action": [job["id"]]})
    assert r.status_code == 302
    org.refresh_from_db()
    assert org.verified_at > days_ago(1) and org.verified_by == admin
