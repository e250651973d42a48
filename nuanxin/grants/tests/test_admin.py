"""The admin: donations recorded through the service that moves the money; grants read-only."""

import pytest
from django.urls import reverse

from nuanxin.accounts.models import User
from nuanxin.grants.models import Donation
from nuanxin.wages.selectors import charity_fund_balance

pytestmark = pytest.mark.django_db


def test_a_donation_added_in_the_admin_moves_the_money_once(client, advisors, open_case):
    from nuanxin.grants import services

    boss = User.objects.create_superuser("fund-boss", "pw-not-used-1")
    client.force_login(boss)
    add = reverse("admin:grants_donation_add")
    form = client.get(add).context["adminform"].form
    body = {"donor": "昆山市慈善总会", "amount_yuan": "200,000", "received_on": "2026-11-01", "note": "年度专项",
            "key": form["key"].initial if not callable(form["key"].initial) else form["key"].initial()}
    assert client.post(add, body).status_code == 302
    assert client.post(add, body).status_code == 302  # saved twice: one donation
    assert Donation.objects.count() == 1 and charity_fund_balance() == 20_000_000

    grant = services.grant_propose(case_id=open_case().pk, by=advisors[0], amount_fen=10_000, purpose="生活费")
    page = client.get(reverse("admin:grants_grant_change", args=[grant.pk]))
    assert page.status_code == 200 and "proposed" in page.content.decode()
    assert client.get(reverse("admin:grants_grant_add")).status_code == 403
