"""The pages, with Django's client and plain form posts: staff propose on the case page, a
second staff member approves from the queue, the worker finds the money on their request and
in their wallet, officials read the fund."""

import re
import uuid

import pytest
from django.urls import reverse

from nuanxin.grants.models import Grant
from nuanxin.wages.choices import AccountKind
from nuanxin.wages.selectors import balance

pytestmark = pytest.mark.django_db


def text_of(response) -> str:
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", response.content.decode(), flags=re.S)
    html = re.sub(r'<span translate="no">(.*?)</span>', r"\1", html)
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def test_propose_on_the_case_page_approve_from_the_queue_and_the_worker_sees_it(client, advisors, applicant,
                                                                               open_case, donate):
    donate(20_000_000)
    chen, lin = advisors
    case = open_case()
    page = reverse("cases:case-detail", args=[case.pk])

    client.force_login(chen)
    r = client.get(page)
    assert f'action="{reverse("grants:propose", args=[case.pk])}"' in r.content.decode()
    assert "申请救助金" in text_of(r)
    key = uuid.uuid4().hex
    form = {"key": key, "kind": "hardship", "amount_yuan": "1,500", "purpose": "丈夫住院期间一个月的生活费"}
    r = client.post(reverse("grants:propose", args=[case.pk]), form, follow=True)
    assert r.redirect_chain[-1][0] == page
    assert "另一位工作人员审批后即发放" in text_of(r) and "¥1,500.00" in text_of(r)
    client.post(reverse("grants:propose", args=[case.pk]), form)  # the button pressed twice
    grant = Grant.objects.get()
    assert grant.amount_fen == 150_000 and grant.status == "proposed"

    r = client.get(reverse("grants:queue"))
    assert "须由另一位工作人员审批" in text_of(r)
    assert reverse("grants:approve", args=[grant.pk]) not in r.content.decode()  # no approve button for the proposer
    r = client.post(reverse("grants:approve", args=[grant.pk]), follow=True)
    assert "另一位工作人员审批" in text_of(r) and balance(AccountKind.WORKER_AVAILABLE, applicant) == 0

    client.force_login(lin)
    r = client.get(reverse("grants:queue"))
    assert reverse("grants:approve", args=[grant.pk]) in r.content.decode()
    r = client.post(reverse("grants:approve", args=[grant.pk]), {"next": reverse("grants:queue")}, follow=True)
    assert "已批准：¥1,500.00 已发放到求助人的钱包" in text_of(r)
    assert balance(AccountKind.WORKER_AVAILABLE, applicant) == 150_000
    detail = text_of(client.get(reverse("grants:detail", args=[grant.pk])))
    assert "已发放" in detail and "待审批" in detail and "proposed" not in detail

    client.force_login(applicant)
    mine = text_of(client.get(page))
    assert "困难救助金：¥1,500.00 已于" in mine and "发放到您的钱包" in mine
    wallet = text_of(client.get(reverse("wages:wallet")))
    assert "慈善救助金：困难救助金 +¥1,500.00" in wallet


def test_a_refused_proposal_is_told_on_the_case_page(client, advisors, open_case):
    case = open_case()
    client.force_login(advisors[0])
    r = client.post(reverse("grants:propose", args=[case.pk]),
                    {"key": "k1", "kind": "hardship", "amount_yuan": "30000", "purpose": "生活费"}, follow=True)
    assert "20,000.00" in text_of(r) and not Grant.objects.exists()


def test_turn_down_from_the_queue(client, advisors, applicant, open_case, donate):
    from nuanxin.grants import services

    grant = services.grant_propose(case_id=open_case().pk, by=advisors[0], amount_fen=10_000, purpose="生活费")
    client.force_login(advisors[1])
    r = client.post(reverse("grants:reject", args=[grant.pk]), {"note": "社区已发放临时救助"}, follow=True)
    assert "已不予批准" in text_of(r)
    grant.refresh_from_db()
    assert grant.status == "rejected" and grant.decision_note == "社区已发放临时救助"


def test_the_fund_page_for_officials_and_nobody_else(client, make_user, advisors, open_case, donate):
    from nuanxin.grants import services

    donate(20_000_000)
    services.grant_propose(case_id=open_case().pk, by=advisors[0], amount_fen=10_000, purpose="住院生活费")
    client.force_login(make_user("official", username="zheng"))
    r = client.get(reverse("grants:fund"))
    text = text_of(r)
    assert r.status_code == 200 and "¥200,000.00" in text and "昆山市慈善总会" in text and "¥100.00" in text
    assert "住院生活费" not in text  # the purpose belongs to the case file
    assert reverse("grants:fund") in client.get(reverse("core:settings")).content.decode()
    client.force_login(make_user("worker"))
    assert client.get(reverse("grants:fund")).status_code == 404
    assert client.get(reverse("grants:queue")).status_code == 404


def test_case_pages_of_other_types_show_no_grants_panel(client, advisors, open_case):
    case = open_case("job_seeking", summary="想找工作")
    client.force_login(advisors[0])
    assert 'id="grants"' not in client.get(reverse("cases:case-detail", args=[case.pk])).content.decode()


def test_the_second_pair_of_eyes_sees_the_request_and_who_proposed(client, make_user, advisors, open_case, donate):
    """The approver can open the request and knows who proposed and what the request has had
    already; an official reading the grant is pointed back to the fund, not to case files."""
    from nuanxin.grants import services

    donate(20_000_000)
    chen, lin = advisors
    case = open_case()
    first = services.grant_propose(case_id=case.pk, by=chen, amount_fen=30_000, purpose="房租")
    services.grant_approve(grant_id=first.pk, by=lin)
    second = services.grant_propose(case_id=case.pk, by=chen, amount_fen=10_000, purpose="路费")
    client.force_login(lin)
    page = client.get(reverse("grants:detail", args=[second.pk])).content.decode()
    assert reverse("cases:case-detail", args=[case.pk]) in page
    text = text_of(client.get(reverse("grants:detail", args=[second.pk])))
    assert "chen" in text  # the proposer (a staff account without a display name shows its username)
    assert "¥300.00" in text  # already paid on this request
    client.force_login(make_user("official", username="zheng-2"))
    page = client.get(reverse("grants:detail", args=[second.pk])).content.decode()
    assert reverse("cases:case-detail", args=[case.pk]) not in page and reverse("grants:fund") in page
