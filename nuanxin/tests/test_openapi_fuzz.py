"""Schemathesis over the whole OpenAPI: every operation, with and without a token.

No input may cause a 5xx, and every response must match the schema the API publishes.
Later issues add operations; they are fuzzed here without any change to this file.
"""

import pytest
import schemathesis
from django.core import signals
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

from nuanxin.accounts import services as accounts
from nuanxin.wsgi import application

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)

CHECKS = [not_a_server_error, response_schema_conformance]


@pytest.fixture
def in_test_transaction():
    """Requests go straight to the WSGI app, so do what Django's test client does: keep the
    test's connection (and its transaction) open across requests instead of closing it."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def tokens(db, in_test_transaction, make_user, make_place):
    """Tokens of a worker and of an administrator, and a little data for ids to hit."""
    make_place(amenities=["charging"], hours=[(0, "08:00", "20:00")])
    make_place(status="planned", is_24h=True)
    return {
        "none": None,
        "worker": accounts.token_issue(user=make_user("worker")),
        "admin": accounts.token_issue(user=make_user("admin", username="fuzz-admin")),
    }


@schema.parametrize()
@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                 HealthCheck.filter_too_much])
@pytest.mark.parametrize("who", ["none", "worker", "admin"])
def test_no_5xx_and_responses_match_the_schema(case, who, tokens):
    headers = {"Authorization": f"Bearer {tokens[who]}"} if tokens[who] else {}
    # The in-process WSGI transport does not undo gzip as real HTTP clients do: ask for plain bodies.
    headers["Accept-Encoding"] = "identity"
    # Some generated requests carry their own Authorization; ours wins so every role is covered.
    case.headers = {k: v for k, v in (case.headers or {}).items() if k.lower() != "authorization"}
    case.call_and_validate(headers=headers, checks=CHECKS)
