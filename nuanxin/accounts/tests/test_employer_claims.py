"""Claims on a credit code: a squatter's pending claim never blocks the real company, staff
choose between claims with the business licence as evidence, and claims per account are limited."""

import datetime
import itertools

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, connection, transaction
from django.test import Client
from django.utils import timezone

from nuanxin.accounts import selectors, services
from nuanxin.accounts.choices import EmployerStatus
from nuanxin.accounts.models import Employer, InboxMessage
from nuanxin.core.errors import PermissionDenied
from nuanxin.core.models import AuditEntry
from nuanxin.core.validators import uscc_check_char

pytestmark = pytest.mark.django_db

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 100
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 100
PDF = b"%PDF-1.7\n" + b"0" * 100
_serial = itertools.count(1)


def code(n: int | None = None) -> str:
    first17 = f"91320583MA1{(next(_serial) if n is None else n):06d}"
    return first17 + uscc_check_char(first17)


def claim(client, uscc, name="淳华科技(昆山)有限公司"):
    return client.post("/api/v1/employers", {"name": name, "uscc": uscc, "contact_name": "钱经理",
                                             "contact_phone": "13900000009"})


def upload(client, employer_id, content, name="licence.png"):
    """A multipart upload with the client's bearer token (ApiClient posts JSON only)."""
    return Client().post(f"/api/v1/employers/{employer_id}/licence",
                         {"file": SimpleUploadedFile(name, content)},
                         HTTP_AUTHORIZATION=f"Bearer {client.token}")


@pytest.fixture
def advisor(make_user, client_for):
    return client_for(make_user("advisor", username="advisor-claims"))


def test_a_squatters_claim_does_not_block_the_real_company(make_user, client_for, advisor):
    uscc = code()
    squatter = client_for(make_user())
    first = claim(squatter, uscc, name="冒名公司")
    assert first.status_code == 201 and first.json()["status"] == "pending"
    assert first.json()["licence_uploaded"] is False
    real_user = make_user()
    real = client_for(real_user)
    r = claim(real, uscc)
    assert r.status_code == 201, r.content
    real_id, squat_id = r.json()["id"], first.json()["id"]
    assert upload(real, real_id, PNG).status_code == 201
    assert real.get(f"/api/v1/employers/{real_id}").json()["licence_uploaded"] is True

    ok = advisor.post(f"/api/v1/employers/{real_id}/verify")
    assert ok.status_code == 200 and ok.json()["status"] == "verified"
    # The squatter's claim was rejected with the verification, with an audit entry and a message.
    mine = squatter.get(f"/api/v1/employers/{squat_id}").json()
    assert mine["status"] == "rejected" and mine["rejection_reason"]
    assert AuditEntry.objects.filter(action="employer.reject", object_id=str(squat_id),
                                     detail__verified_employer=real_id).count() == 1
    assert InboxMessage.objects.filter(kind="employer.rejected", user__employer_claims=squat_id).exists()
    # Verifying the squatter afterwards is refused: the code has its verified employer.
    late = advisor.post(f"/api/v1/employers/{squat_id}/verify")
    assert late.status_code == 409 and late.json()["error"]["code"] == "uscc_taken"
    # From now on nobody can claim the code; they ask staff to be added as a contact.
    taken = claim(client_for(make_user()), uscc)
    assert taken.status_code == 409 and taken.json()["error"]["code"] == "uscc_taken"
    assert "contact" in client_for(make_user()).post(
        "/api/v1/employers", {"name": "x公司", "uscc": uscc, "contact_name": "x", "contact_phone": "13900000001"},
        HTTP_ACCEPT_LANGUAGE="en").json()["error"]["message"]
    again = claim(real, uscc)
    assert again.status_code == 409 and again.json()["error"]["code"] == "already_claimed"
    # The verified employer may transact; the rejected claim may not.
    assert selectors.employer_may_transact(Employer.objects.get(pk=real_id))
    assert not selectors.employer_may_transact(Employer.objects.get(pk=squat_id))
    assert selectors.employer_acting_for(real_user).pk == real_id


def test_verifying_one_of_several_claims_rejects_every_other_pending_one(make_user, client_for, advisor):
    uscc = code()
    ids = [claim(client_for(make_user()), uscc).json()["id"] for _ in range(3)]
    other = claim(client_for(make_user()), code()).json()["id"]  # another code: untouched
    assert advisor.post(f"/api/v1/employers/{ids[1]}/verify").status_code == 200
    status = dict(Employer.objects.values_list("pk", "status"))
    assert [status[i] for i in ids] == ["rejected", "verified", "rejected"]
    assert status[other] == "pending"
    assert AuditEntry.objects.filter(action="employer.reject").count() == 2
    assert advisor.post(f"/api/v1/employers/{ids[1]}/verify").status_code == 200  # twice: no change


def test_the_same_account_claims_a_code_once_at_a_time(make_user, client_for, advisor):
    c = client_for(make_user())
    uscc = code()
    first = claim(c, uscc)
    assert first.status_code == 201
    twice = claim(c, uscc)
    assert twice.status_code == 409 and twice.json()["error"]["code"] == "already_claimed"
    # Once that claim is turned down (a wrong licence, say), the account may file a new one.
    assert advisor.post(f"/api/v1/employers/{first.json()['id']}/reject",
                        {"reason": "营业执照看不清"}).status_code == 200
    assert claim(c, uscc).status_code == 201


def test_claims_per_account_are_limited(make_user, client_for, advisor):
    c = client_for(make_user())
    open_ids = [claim(c, code()).json()["id"] for _ in range(services.MAX_OPEN_CLAIMS)]
    fourth = claim(c, code())
    assert fourth.status_code == 409 and fourth.json()["error"]["code"] == "too_many_claims"
    # Decided claims no longer count as open, but every claim counts toward the 30-day cap.
    for eid in open_ids:
        assert advisor.post(f"/api/v1/employers/{eid}/reject", {"reason": "冒用"}).status_code == 200
    for _ in range(services.MAX_CLAIMS_PER_WINDOW - services.MAX_OPEN_CLAIMS):
        r = claim(c, code())
        assert r.status_code == 201, r.content
        advisor.post(f"/api/v1/employers/{r.json()['id']}/reject", {"reason": "冒用"})
    capped = claim(c, code())
    assert capped.status_code == 409 and capped.json()["error"]["code"] == "too_many_claims"
    Employer.objects.update(created_at=timezone.now() - services.CLAIMS_WINDOW - datetime.timedelta(hours=1))
    assert claim(c, code()).status_code == 201
    # Another account is not affected by this one's claims.
    assert claim(client_for(make_user()), code()).status_code == 201


def test_licence_upload_checks_type_and_size_and_stays_private(make_user, client_for, advisor):
    owner = client_for(make_user())
    eid = claim(owner, code()).json()["id"]
    for content, kind in ((JPEG, "image/jpeg"), (PDF, "application/pdf"), (PNG, "image/png")):
        r = upload(owner, eid, content)
        assert r.status_code == 201 and r.json()["content_type"] == kind and r.json()["size"] == len(content)
    bad = upload(owner, eid, b"<?php echo 1; ?>", name="licence.png")
    assert bad.status_code == 422 and bad.json()["error"]["code"] == "file_type"
    big = upload(owner, eid, b"%PDF-" + b"0" * (5 * 1024 * 1024), name="licence.pdf")
    assert big.status_code == 422 and big.json()["error"]["code"] == "file_too_large"
    # The last good upload is kept, encrypted at rest.
    assert owner.get(f"/api/v1/employers/{eid}/licence").content == PNG
    with connection.cursor() as cur:
        cur.execute("SELECT data FROM accounts_employerlicence")
        assert b"PNG" not in bytes(cur.fetchone()[0])
    # Another account can neither upload to nor read someone else's claim.
    stranger = client_for(make_user("employer"))
    assert upload(stranger, eid, PNG).status_code == 404
    assert stranger.get(f"/api/v1/employers/{eid}/licence").status_code == 404
    assert stranger.get(f"/api/v1/employers/{eid}").status_code == 404
    # Staff read it, and the read is audited.
    assert advisor.get(f"/api/v1/employers/{eid}/licence").content == PNG
    assert AuditEntry.objects.filter(action="employer.licence_read", object_id=str(eid)).count() == 1
    # Once decided, the evidence no longer changes.
    assert advisor.post(f"/api/v1/employers/{eid}/verify").status_code == 200
    late = upload(owner, eid, JPEG)
    assert late.status_code == 409 and late.json()["error"]["code"] == "claim_decided"


def test_reading_a_missing_licence_is_a_404(make_user, client_for):
    owner = client_for(make_user())
    eid = claim(owner, code()).json()["id"]
    r = owner.get(f"/api/v1/employers/{eid}/licence")
    assert r.status_code == 404 and r.json()["error"]["code"] == "no_licence"


def test_reject_needs_staff_and_a_reason(make_user, client_for, advisor):
    owner = client_for(make_user())
    eid = claim(owner, code()).json()["id"]
    for who in (client_for(make_user("worker")), client_for(make_user("employer")), owner):
        r = who.post(f"/api/v1/employers/{eid}/reject", {"reason": "x"})
        assert r.status_code == 403 and r.json()["error"]["code"] == "forbidden"
    assert advisor.post(f"/api/v1/employers/{eid}/reject", {"reason": ""}).status_code == 422
    assert advisor.post(f"/api/v1/employers/{eid}/reject", {}).status_code == 422
    r = advisor.post(f"/api/v1/employers/{eid}/reject", {"reason": "执照与名称不符"})
    assert r.status_code == 200 and r.json()["status"] == "rejected"
    assert r.json()["rejection_reason"] == "执照与名称不符"
    assert AuditEntry.objects.filter(action="employer.reject", object_id=str(eid),
                                     detail__reason="执照与名称不符").exists()
    again = advisor.post(f"/api/v1/employers/{eid}/reject", {"reason": "再拒"})
    assert again.status_code == 409 and again.json()["error"]["code"] == "claim_decided"
    # A rejected claim is not verified afterwards: the company files a new claim.
    late = advisor.post(f"/api/v1/employers/{eid}/verify")
    assert late.status_code == 409 and late.json()["error"]["code"] == "claim_decided"
    admin = client_for(make_user("admin", username="root-claims"))
    assert admin.post("/api/v1/employers/999999/reject", {"reason": "x"}).status_code == 404


def test_only_verified_employers_may_transact(make_user):
    user = make_user()
    employer = services.employer_register(user=user, name="新公司", uscc=code(), contact_name="王",
                                          contact_phone="13900000002")
    with pytest.raises(PermissionDenied) as pending:
        services.require_verified_employer(employer)
    assert pending.value.code == "employer_not_verified"
    employer.status = EmployerStatus.BLOCKED
    with pytest.raises(PermissionDenied) as blocked:
        services.require_verified_employer(employer)
    assert blocked.value.code == "employer_blocked"
    employer.status = EmployerStatus.VERIFIED
    services.require_verified_employer(employer)  # no error


def test_the_database_keeps_one_verified_employer_per_code(db):
    uscc = code()
    Employer.objects.create(name="甲", uscc=uscc, contact_name="x", contact_phone="13900000001",
                            status=EmployerStatus.VERIFIED)
    Employer.objects.create(name="乙", uscc=uscc, contact_name="x", contact_phone="13900000001")
    with pytest.raises(IntegrityError), transaction.atomic():
        Employer.objects.create(name="丙", uscc=uscc, contact_name="x", contact_phone="13900000001",
                                status=EmployerStatus.VERIFIED)
    # A blocked employer keeps its code, so a block cannot be shed by claiming the code anew.
    Employer.objects.filter(status=EmployerStatus.VERIFIED).update(status=EmployerStatus.BLOCKED)
    with pytest.raises(IntegrityError), transaction.atomic():
        Employer.objects.create(name="丙", uscc=uscc, contact_name="x", contact_phone="13900000001",
                                status=EmployerStatus.VERIFIED)


# --- the admin ------------------------------------------------------------------------------


def test_admin_shows_rival_claims_and_decides_through_the_services(client, make_user, client_for):
    uscc = code()
    squatter, real = make_user(), make_user()
    squat = services.employer_register(user=squatter, name="冒名公司", uscc=uscc, contact_name="x",
                                       contact_phone="13900000001")
    genuine = services.employer_register(user=real, name="淳华科技(昆山)有限公司", uscc=uscc,
                                         contact_name="钱经理", contact_phone="13900000009")
    services.employer_licence_upload(employer_id=genuine.pk, by=real, data=PDF)
    staff = make_user("advisor", username="adv-admin")
    client.force_login(staff)

    page = client.get("/admin/accounts/employer/", {"contested": "yes"})
    assert page.status_code == 200
    text = page.content.decode()
    assert "冒名公司" in text and f"?uscc={uscc}" in text
    change = client.get(f"/admin/accounts/employer/{genuine.pk}/change/").content.decode()
    assert "冒名公司" in change  # the rival claim, side by side
    # The licence opens for staff, and the read is audited.
    lic = client.get(f"/admin/accounts/employer/{genuine.pk}/licence/")
    assert lic.status_code == 200 and lic.content == PDF and lic["Content-Type"] == "application/pdf"
    assert AuditEntry.objects.filter(action="employer.licence_read", actor=staff).count() == 1

    # Reject asks for a reason first, then goes through the service.
    form = {"action": "reject", "_selected_action": [squat.pk]}
    ask = client.post("/admin/accounts/employer/", form)
    assert ask.status_code == 200 and "reason" in ask.content.decode()
    assert Employer.objects.get(pk=squat.pk).status == "pending"
    done = client.post("/admin/accounts/employer/", {**form, "apply": "1", "reason": "执照是别家的"})
    assert done.status_code == 302
    assert Employer.objects.get(pk=squat.pk).rejection_reason == "执照是别家的"
    assert AuditEntry.objects.filter(action="employer.reject", actor=staff, object_id=str(squat.pk)).exists()

    r = client.post("/admin/accounts/employer/", {"action": "verify", "_selected_action": [genuine.pk]})
    assert r.status_code == 302
    assert Employer.objects.get(pk=genuine.pk).status == "verified"
    assert AuditEntry.objects.filter(action="employer.verify", actor=staff).exists()

    # A staff member who does not decide claims cannot open the licence.
    client.force_login(make_user("organiser", username="org-claims"))
    assert client.get(f"/admin/accounts/employer/{genuine.pk}/licence/").status_code in (302, 403, 404)
