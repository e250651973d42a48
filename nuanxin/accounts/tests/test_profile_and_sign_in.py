"""The profile page asks for the day a person came to Kunshan (the newcomer rules of warm
residences and the job-seeker tier read it), and a wrong one can be put right there."""

import datetime

import pytest
from django.test import Client
from django.utils import timezone

from nuanxin.accounts.selectors import profile_of
from nuanxin.core.validators import id_number_check_char

pytestmark = pytest.mark.django_db

ID_NUMBER = "11010119900307123" + id_number_check_char("11010119900307123")  # born 1990-03-07 in Beijing


def test_the_arrival_day_is_given_and_corrected_on_the_profile_page(make_user):
    worker = make_user("worker", name="马小龙")
    c = Client()
    c.force_login(worker)
    page = c.get("/accounts/profile/").content.decode()
    assert 'name="arrived_on"' in page
    wrong = timezone.localdate() - datetime.timedelta(days=400)
    c.post("/accounts/profile/", {"name": "马小龙", "id_number": ID_NUMBER, "arrived_on": str(wrong)})
    assert profile_of(worker).arrived_on == wrong
    right = timezone.localdate() - datetime.timedelta(days=4)
    c.post("/accounts/profile/", {"name": "马小龙", "arrived_on": str(right)})
    assert profile_of(worker).arrived_on == right
    assert f'value="{right}"' in c.get("/accounts/profile/").content.decode()
    future = c.post("/accounts/profile/", {"name": "马小龙", "arrived_on": str(right + datetime.timedelta(days=9))})
    assert future.status_code == 200 and profile_of(worker).arrived_on == right


def test_asking_again_within_the_minute_keeps_the_code_box(client):
    """Someone who already has the SMS, taps 获取验证码 again: the page says a code was just
    sent and still offers the box to type it (it used to hide it)."""
    client.post("/accounts/login/", {"step": "phone", "phone": "13912340001"})
    again = client.post("/accounts/login/", {"step": "phone", "phone": "13912340001"}).content.decode()
    assert 'name="code"' in again and 'name="step" value="code"' in again
