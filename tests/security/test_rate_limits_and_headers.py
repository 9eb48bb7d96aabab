"""Rate limits on sign-in and enrolment, and the security headers every response carries."""

import pytest
from django.test import Client

from frontline.accounts.models import DeviceSession, EnrolmentCode
from tests.conftest import PASSWORD, enrolled_device

SIGN_IN = "/api/v1/auth/sign-in"
ENROL = "/api/v1/devices/enrol"


@pytest.fixture
def low_limits(settings):
    settings.NINJA_DEFAULT_THROTTLE_RATES = {
        **settings.NINJA_DEFAULT_THROTTLE_RATES,
        "sign_in": "3/m",
        "enrolment": "2/m",
    }


def _sign_in(client, credential, collar, password=PASSWORD):
    return client.post(
        SIGN_IN,
        {"collar_number": collar, "password": password},
        content_type="application/json",
        headers={"X-Device-Credential": credential},
    )


def test_sign_in_from_one_address_is_limited_and_the_refusal_says_when_to_retry(
    low_limits, officer
):
    # Given a device and a limit of three sign-ins a minute from one address
    _, credential = enrolled_device()
    client = Client()
    for _ in range(3):
        assert _sign_in(client, credential, officer.collar_number, "wrong").status_code == 401

    # When a fourth attempt comes, even with the right password
    response = _sign_in(client, credential, officer.collar_number)

    # Then it is refused before the password is checked, with a Retry-After, and no session made
    assert response.status_code == 429
    assert response.json()["error"] == "too_many_requests"
    assert 1 <= int(response["Retry-After"]) <= 60
    assert not DeviceSession.objects.exists()


def test_another_address_is_not_held_back_by_the_first(low_limits, officer):
    _, credential = enrolled_device()
    for _ in range(4):
        _sign_in(Client(REMOTE_ADDR="10.0.0.1"), credential, officer.collar_number, "wrong")

    response = _sign_in(Client(REMOTE_ADDR="10.0.0.2"), credential, officer.collar_number)

    assert response.status_code == 200


def test_a_forged_forwarded_for_header_does_not_reset_the_count(low_limits, officer):
    _, credential = enrolled_device()
    client = Client()
    for n in range(3):
        client.post(
            SIGN_IN,
            {"collar_number": officer.collar_number, "password": "wrong"},
            content_type="application/json",
            headers={"X-Device-Credential": credential, "X-Forwarded-For": f"192.0.2.{n}"},
        )

    response = client.post(
        SIGN_IN,
        {"collar_number": officer.collar_number, "password": PASSWORD},
        content_type="application/json",
        headers={"X-Device-Credential": credential, "X-Forwarded-For": "192.0.2.99"},
    )

    assert response.status_code == 429


def test_enrolment_code_guessing_is_limited(low_limits, db):
    client = Client()
    body = {"code": "WRONG-CODE", "label": "x", "platform": "web", "app_version": "1.0.0"}
    statuses = [
        client.post(ENROL, body, content_type="application/json").status_code for _ in range(3)
    ]

    assert 429 not in statuses[:2] and statuses[2] == 429
    assert not EnrolmentCode.objects.filter(used_at__isnull=False).exists()


def test_back_office_sign_in_is_limited(low_limits, officer):
    client = Client()
    for _ in range(3):
        client.post("/office/sign-in/", {"collar_number": officer.collar_number, "password": "x"})

    response = client.post(
        "/office/sign-in/", {"collar_number": officer.collar_number, "password": PASSWORD}
    )

    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize("path", ["/office/sign-in/", "/api/v1/health", "/api/v1/openapi.json"])
def test_every_response_carries_a_policy_without_inline_code_and_refuses_framing(db, path):
    response = Client().get(path)

    policy = response["Content-Security-Policy"]
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert "frame-ancestors 'none'" in policy
    assert "script-src 'self'" in policy
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_the_officer_app_keeps_its_own_stricter_policy(db):
    from frontline.pwa.views import CONTENT_SECURITY_POLICY

    response = Client().get("/app/")

    assert response["Content-Security-Policy"] == CONTENT_SECURITY_POLICY


def test_checks_are_limited_per_officer_and_a_refused_check_is_not_logged(
    settings, api_factory, officer, team_mate
):
    from frontline.checks.models import Check

    settings.NINJA_DEFAULT_THROTTLE_RATES = {
        **settings.NINJA_DEFAULT_THROTTLE_RATES,
        "checks": "2/m",
    }
    body = {"name": "John Smith", "reason": "stop_account", "reason_text": "spoke to him"}
    api = api_factory(officer)
    assert [api.post("/api/v1/checks/persons", body).status_code for _ in range(2)] == [201, 201]

    vehicle = {"registration": "AB12*", "reason": "stop_account", "reason_text": "spoke to him"}
    refused = api.post("/api/v1/checks/vehicles", vehicle)

    assert refused.status_code == 429
    assert Check.objects.count() == 2
    # Another officer on the same address is not held back.
    assert api_factory(team_mate).post("/api/v1/checks/persons", body).status_code == 201
