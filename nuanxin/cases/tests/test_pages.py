"""Case pages without JavaScript: ask for help, my requests, the staff queue and case page."""

import pytest
from django.urls import reverse

from nuanxin.cases.models import Case
from nuanxin.core.models import AuditEntry

pytestmark = pytest.mark.django_db


def test_worker_asks_for_help_and_staff_work_it(client, make_user):
    worker = make_user()
    client.force_login(worker)
    r = client.post(reverse("cases:help"), {"type": "emergency", "summary": "没钱回家，需要车票", "town": "yushan"})
    assert r.status_code == 302
    case = Case.objects.get()
    assert case.team == "rescue"
    assert f"#{case.pk}" in client.get(reverse("cases:mine")).content.decode()

    client.force_login(make_user())  # another worker
    assert client.get(reverse("cases:case-detail", args=[case.pk])).status_code == 404

    officer = make_user("rescue", username="sun")
    client.force_login(officer)
    assert f"#{case.pk}" in client.get(reverse("cases:queue")).content.decode()
    page = client.get(reverse("cases:case-detail", args=[case.pk])).content.decode()
    assert "没钱回家" in page
    assert AuditEntry.objects.filter(action="case.read", actor=officer).count() == 1
    client.post(reverse("cases:transition", args=[case.pk]), {"to": "triaged"})
    client.post(reverse("cases:note", args=[case.pk]), {"text": "已联系", "internal": ""})
    case.refresh_from_db()
    assert case.state == "triaged" and case.notes.get().internal is False


def test_help_form_errors_are_shown(client, make_user):
    client.force_login(make_user())
    r = client.post(reverse("cases:help"), {"type": "emergency", "summary": ""})
    assert r.status_code == 200 and 'aria-invalid="true"' in r.content.decode()
    assert not Case.objects.exists()


def test_applicant_rates_and_downloads_their_history(client, make_user, client_for):
    import json

    from nuanxin.cases import services

    worker = make_user()
    case = services.case_open(type="policy", summary="子女入学材料", by=worker)
    staff = make_user("advisor", username="adv")
    for to in ("triaged", "assigned", "resolved"):
        services.case_transition(case_id=case.pk, by=staff, to=to)
    client.force_login(worker)
    assert "★" in client.get(reverse("cases:case-detail", args=[case.pk])).content.decode()
    client.post(reverse("cases:rate", args=[case.pk]), {"score": "4"})
    case.refresh_from_db()
    assert case.satisfaction == 4
    export = json.loads(client.get(reverse("cases:export")).content)
    assert [c["id"] for c in export["cases"]] == [case.pk]


def test_help_is_open_signed_out_and_the_request_survives_signing_in(client, make_user):
    """Issue 11, journey 2: the emergency numbers are on the page without signing in; a request
    written signed out is kept through the SMS sign-in and is ready to send."""
    import re

    from nuanxin.accounts import sms

    page = client.get(reverse("cases:help")).content.decode()
    for number in ("110", "120", "119", "12333", "12345"):
        assert f'href="tel:{number}"' in page
    r = client.post(reverse("cases:help"), {"type": "emergency", "summary": "钱包被偷了，今晚没地方住", "town": "huaqiao"})
    assert r.status_code == 302 and r["Location"].startswith("/accounts/login/")
    assert not Case.objects.exists()
    worker = make_user()
    client.post("/accounts/login/", {"step": "phone", "phone": worker.phone, "next": "/help/"})
    code = re.search(r"\d{6}", sms.outbox[-1]["text"]).group(0)
    signed_in = client.post("/accounts/login/", {"step": "code", "phone": worker.phone, "code": code, "next": "/help/"})
    assert signed_in["Location"] == "/help/"
    ready = client.get("/help/").content.decode()
    assert "钱包被偷了，今晚没地方住" in ready and re.search(r'value="emergency"[^>]*checked', ready)
    sent = client.post(reverse("cases:help"), {"type": "emergency", "summary": "钱包被偷了，今晚没地方住",
                                               "town": "huaqiao"}, follow=True).content.decode()
    case = Case.objects.get(applicant=worker)
    assert case.type == "emergency"
    from django.utils import timezone

    due = timezone.localtime(case.first_response_due).strftime("%H:%M")
    assert due in sent and "110" in sent   # who calls and by when, not only a closing date
    assert "钱包被偷了" not in client.get(reverse("cases:help")).content.decode()  # the draft is gone
