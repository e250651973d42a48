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
