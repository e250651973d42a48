"""Staff with the admin role can use the admin; service-written records stay read-only there."""

import pytest


@pytest.mark.django_db
def test_admin_role_opens_the_admin_and_the_audit_log_stays_read_only(client, make_user):
    client.force_login(make_user("admin", username="root2"))
    for path in ["/admin/core/auditentry/", "/admin/wages/account/", "/admin/wages/deposit/",
                 "/admin/wages/ledgertransaction/", "/admin/cases/case/", "/admin/gigs/gig/"]:
        assert client.get(path).status_code == 200, path
    assert client.get("/admin/core/auditentry/add/").status_code == 403
