import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection

from nuanxin.cases import services
from nuanxin.core.models import AuditEntry

pytestmark = pytest.mark.django_db

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 100


def upload(client, case_id, name, content):
    return client.post(f"/api/v1/cases/{case_id}/attachments",
                       {"file": SimpleUploadedFile(name, content)},
                       HTTP_AUTHORIZATION=f"Bearer {client.token}")


def test_attachments_are_checked_encrypted_and_private(make_user, client_for):
    from django.test import Client

    owner = make_user()
    case = services.case_open(type="rights", summary="工资条", by=owner)
    me = client_for(owner)
    raw = Client()
    raw.token = me.token
    r = upload(raw, case.pk, "pay.png", PNG)
    assert r.status_code == 201 and r.json()["content_type"] == "image/png"
    att_id = r.json()["id"]
    bad = upload(raw, case.pk, "evil.png", b"<?php echo 1; ?>")
    assert bad.status_code == 422 and bad.json()["error"]["code"] == "file_type"
    big = upload(raw, case.pk, "big.pdf", b"%PDF-" + b"0" * (5 * 1024 * 1024))
    assert big.status_code == 422 and big.json()["error"]["code"] == "file_too_large"
    with connection.cursor() as cur:
        cur.execute("SELECT data FROM cases_caseattachment")
        assert b"PNG" not in bytes(cur.fetchone()[0])
    assert me.get(f"/api/v1/cases/{case.pk}/attachments/{att_id}").content == PNG
    assert client_for(make_user()).get(f"/api/v1/cases/{case.pk}/attachments/{att_id}").status_code == 404
    lawyer = make_user("legal", username="lawyer")
    assert client_for(lawyer).get(f"/api/v1/cases/{case.pk}/attachments/{att_id}").content == PNG
    assert AuditEntry.objects.filter(action="case.read", actor=lawyer).exists()
