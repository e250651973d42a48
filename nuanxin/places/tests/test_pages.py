"""Pages through Django's test client: the flows that must work without JavaScript."""

import re

import pytest
from django.urls import reverse

from nuanxin.accounts import sms
from nuanxin.places.models import OpeningHours, Visit

pytestmark = pytest.mark.django_db


def test_nearby_by_town_lists_nearest_first(client, make_place):
    far = make_place(name="远处驿站", lat=31.40, lon=120.99, town="qiandeng")
    near = make_place(name="近处驿站", lat=31.271, lon=120.996, town="qiandeng")
    html = client.get(reverse("places:nearby"), {"town": "qiandeng"}).content.decode()
    assert html.index("近处驿站") < html.index("远处驿站")
    assert "约" in html and "米" in html  # distances in plain words
    assert near.pk and far.pk


def test_nearby_with_a_bad_point_still_answers(client, make_place):
    make_place()
    r = client.get(reverse("places:nearby"), {"lat": "abc", "lon": "999", "kind": "castle"})
    assert r.status_code == 200


def test_place_page_shows_hours_with_today_marked_and_a_gcj02_navigation_link(client, make_place):
    p = make_place(hours=[(d, "08:00", "20:00") for d in range(7)], phone="0512-57000000",
                   lat=31.2612, lon=120.9893)
    html = client.get(reverse("places:place-detail", args=[p.pk])).content.decode()
    assert html.count('aria-current="date"') == 1
    assert "tel:0512-57000000" in html
    m = re.search(r"position=([\d.]+),([\d.]+)", html)
    lon, lat = float(m.group(1)), float(m.group(2))
    # GCJ-02 is shifted from the stored WGS-84 point by a few hundred metres.
    assert (lat, lon) != (31.2612, 120.9893) and abs(lat - 31.2612) < 0.01 and abs(lon - 120.9893) < 0.01


def test_check_in_page_signs_in_by_sms_then_counts_a_visit(client, make_place):
    p = make_place()
    url = reverse("places:check-in", args=[p.pk])
    r = client.get(url)
    assert r.status_code == 302 and reverse("accounts:login") in r["Location"]
    login = reverse("accounts:login")
    r = client.post(login, {"step": "phone", "phone": "13812345678", "next": url})
    assert 'autocomplete="one-time-code"' in r.content.decode()
    code = re.search(r"\d{6}", sms.outbox[-1]["text"]).group(0)
    r = client.post(login, {"step": "code", "phone": "13812345678", "code": code, "next": url})
    # A first sign-in agrees to the user agreement, then comes back to the check-in page.
    assert r.status_code == 302 and r["Location"] == f"{reverse('accounts:agreement')}?next={url.replace('/', '%2F')}"
    assert client.post(reverse("accounts:agreement"), {"next": url, "agree": "on"})["Location"] == url
    r = client.post(url, follow=True)
    assert Visit.objects.filter(place=p).count() == 1
    assert "签到成功" in r.content.decode() or "Checked in" in r.content.decode()


def test_wrong_code_is_shown_next_to_the_field(client):
    login = reverse("accounts:login")
    client.post(login, {"step": "phone", "phone": "13812345678"})
    r = client.post(login, {"step": "code", "phone": "13812345678", "code": "12"})
    html = r.content.decode()
    assert 'aria-invalid="true"' in html and 'aria-describedby="id_code-hint id_code-error"' in html


def test_bad_phone_error_is_server_rendered(client):
    r = client.post(reverse("accounts:login"), {"step": "phone", "phone": "123"})
    html = r.content.decode()
    assert 'aria-invalid="true"' in html and 'class="error"' in html


def test_managers_edit_only_their_own_station(client, make_user, make_place):
    mine, other = make_place(), make_place()
    manager = make_user("station_manager", username="zhou")
    mine.managers.add(manager)
    client.force_login(manager)
    form = {"amenities": ["charging", "wifi"], "is_24h": "", "d0_opens": "07:00", "d0_closes": "02:00"}
    r = client.post(reverse("places:manage", args=[mine.pk]), form)
    assert r.status_code == 302
    assert sorted(a.code for a in mine.amenities.all()) == ["charging", "wifi"]
    assert list(OpeningHours.objects.filter(place=mine).values_list("weekday", flat=True)) == [0]
    assert client.post(reverse("places:manage", args=[other.pk]), form).status_code == 404
    assert not other.amenities.exists()


def test_half_filled_hours_are_refused_with_a_message(client, make_user, make_place):
    p = make_place(hours=[(0, "08:00", "20:00")])
    manager = make_user("station_manager", username="zhou")
    p.managers.add(manager)
    client.force_login(manager)
    r = client.post(reverse("places:manage", args=[p.pk]), {"d0_opens": "08:00"})
    assert r.status_code == 200 and 'class="error"' in r.content.decode()
    assert OpeningHours.objects.filter(place=p).count() == 1


def test_qr_code_points_at_the_check_in_page(client, make_place):
    p = make_place()
    r = client.get(reverse("places:place-qr", args=[p.pk]))
    assert r.status_code == 200 and r["Content-Type"] == "image/svg+xml"
    assert b"<svg" in r.content


def test_elder_mode_switch_works_without_js(client):
    r = client.post(reverse("core:elder"), {"on": "1", "next": "/places/"})
    assert r.status_code == 302 and r["Location"] == "/places/"
    html = client.get("/").content.decode()
    assert 'class="elder"' in html
    r = client.post(reverse("core:elder"), {"on": "0", "next": "https://evil.example/"})
    assert r["Location"] == "/"  # no open redirect
    assert 'class="elder"' not in client.get("/").content.decode()


def test_unknown_pages_get_a_friendly_404(client):
    r = client.get("/places/987654/")
    assert r.status_code == 404
    assert "返回首页" in r.content.decode() or "Back to the home page" in r.content.decode()
