"""Schemathesis against the published OpenAPI description, as each kind of caller."""

import os

import pytest
import schemathesis
from django.core import signals
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis import checks

from frontline.wsgi import application
from tests.conftest import api_for

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)
# The coverage phase sends hundreds of boundary cases per operation whatever max_examples says;
# CI keeps to a bounded number of generated examples (FRONTLINE_FUZZ_EXAMPLES for more).
schema.config.phases.coverage.enabled = os.environ.get("FRONTLINE_FUZZ_COVERAGE") == "1"
# Every role, and nobody signed in.
CALLERS = [
    "officer",
    "supervisor",
    "fleet_manager",
    "evaluator",
    "auditor",
    "admin_officer",
    None,
]
EXAMPLES = int(os.environ.get("FRONTLINE_FUZZ_EXAMPLES", "4"))


# What the issue asks: no 5xx, and every response as the description publishes it. Left out:
# `positive_data_acceptance` (a schema-valid record can still break a rule, e.g. grounds are
# required unless the power needs none: that is a 422 by design), `negative_data_rejection`
# (unknown query parameters are ignored, as HTTP allows) and `ignored_auth` (this test sends the
# caller's own credentials on every call, so that check cannot strip them).
CHECKS = [
    checks.not_a_server_error,
    checks.status_code_conformance,
    checks.content_type_conformance,
    checks.response_schema_conformance,
    checks.response_headers_conformance,
]


@pytest.fixture(autouse=True)
def connection_kept_open():
    """Called straight through WSGI, Django would close the test's database connection at the
    end of each request (as Django's own test client prevents)."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.mark.parametrize("caller", CALLERS)
@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    # The same examples on every CI run, so a red build is reproducible; set
    # FRONTLINE_FUZZ_RANDOM=1 (and more examples) to explore new inputs.
    derandomize=os.environ.get("FRONTLINE_FUZZ_RANDOM") != "1",
    suppress_health_check=list(HealthCheck),
)
def test_no_server_errors_and_every_response_matches_the_schema(db, case, caller, request):
    headers = {"X-App-Version": "1.4.0"}
    if caller is not None:
        api = api_for(request.getfixturevalue(caller))
        headers |= api.headers()
    response = case.call(headers=headers)
    case.validate_response(response, checks=CHECKS)
