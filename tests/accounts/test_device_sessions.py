"""Enrolment, sign-in, lockout, expiry, sign-out and revocation through the API."""

from datetime import timedelta

import pytest
from django.test import Client

from frontline.accounts.models import Device, DeviceSession, EnrolmentCode
from frontline.accounts.services import (
    device_revoke,
    enrolment_code_issue,
    officer_revoke,
    secret_hash,
)
from frontline.accounts.session_lookup import device_session_by_token_hash
from frontline.audit.models import AuditEvent
from frontline.common.clock import now
from tests.conftest import PASSWORD, Api, enrolled_device


def _enrol(client, code):
    return client.post(
        "/api/v1/devices/enrol",
        {"code": code, "label": "tablet 7"},
        content_type="application/json",
    )


def _sign_in(credential, collar, password):
    return Client().post(
        "/api/v1/auth/sign-in",
        {"collar_number": collar, "password": password},
        content_type="application/json",
        headers={"X-Device-Credential": credential},
    )


def test_enrolment_code_enrols_exactly_one_device(db):
    issued = enrolment_code_issue(actor=None, label="tablet 7")
    first = _enrol(Client(), issued.code.lower())  # typed in lower case still works
    assert first.status_code == 201
    body = first.json()
    device = Device.objects.get(pk=body["device_id"])
    assert device.credential_hash == secret_hash(body["credential"])
    assert body["credential"] not in str(Device.objects.values_list().get(pk=device.pk))

    second = _enrol(Client(), issued.code)
    assert second.status_code == 422
    assert second.json()["error"] == "enrolment_code_invalid"
    assert Device.objects.count() == 1


def test_expired_enrolment_code_is_refused(db):
    issued = enrolment_code_issue(actor=None)
    EnrolmentCode.objects.filter(pk=issued.enrolment.pk).update(expires_at=now())
    response = _enrol(Client(), issued.code)
    assert response.status_code == 422
    assert response.json()["field"] == "code"
    assert not Device.objects.exists()


def test_enrolment_refuses_unknown_fields(db):
    issued = enrolment_code_issue(actor=None)
    response = Client().post(
        "/api/v1/devices/enrol",
        {"code": issued.code, "admin": True},
        content_type="application/json",
    )
    assert response.status_code == 422
    assert response.json()["field"] == "admin"
    assert not Device.objects.exists()


def test_officer_signs_in_on_enrolled_device_and_gets_hashed_token(officer):
    device, credential = enrolled_device()
    response = _sign_in(credential, "pc1", PASSWORD)
    assert response.status_code == 200
    token = response.json()["token"]
    session = DeviceSession.objects.get()
    assert session.token_hash == secret_hash(token)
    assert session.device == device and session.officer == officer
    assert timedelta(hours=11) < session.expires_at - now() <= timedelta(hours=12)
    me = Api(Client(), token, credential).get("/api/v1/auth/me")
    assert me.json()["id"] == str(officer.pk)


def test_sign_in_needs_an_enrolled_device(officer):
    no_device = Client().post(
        "/api/v1/auth/sign-in",
        {"collar_number": "PC1", "password": PASSWORD},
        content_type="application/json",
    )
    assert no_device.status_code == 401
    assert no_device.json()["error"] == "device_credential_required"
    unknown = _sign_in("fld_not-a-device", "PC1", PASSWORD)
    assert unknown.json()["error"] == "device_unknown"
    assert not DeviceSession.objects.exists()


def test_wrong_password_is_refused_and_counted(officer):
    _, credential = enrolled_device()
    response = _sign_in(credential, "PC1", "wrong password")
    assert response.status_code == 401
    assert response.json()["error"] == "invalid_credentials"
    officer.refresh_from_db()
    assert officer.failed_sign_ins == 1
    assert AuditEvent.objects.filter(action="auth.sign_in_failed").count() == 1


def test_repeated_failures_lock_the_officer_out_even_with_the_right_password(officer, settings):
    _, credential = enrolled_device()
    for _ in range(settings.FRONTLINE["LOCKOUT_THRESHOLD"]):
        assert _sign_in(credential, "PC1", "wrong").status_code == 401
    locked = _sign_in(credential, "PC1", PASSWORD)
    assert locked.status_code == 429
    assert locked.json()["error"] == "locked_out"
    assert not DeviceSession.objects.exists()


def test_lockout_ends_after_its_duration(officer, settings):
    _, credential = enrolled_device()
    for _ in range(settings.FRONTLINE["LOCKOUT_THRESHOLD"]):
        _sign_in(credential, "PC1", "wrong")
    type(officer).objects.filter(pk=officer.pk).update(locked_until=now() - timedelta(seconds=1))
    assert _sign_in(credential, "PC1", PASSWORD).status_code == 200
    officer.refresh_from_db()
    assert officer.failed_sign_ins == 0 and officer.locked_until is None


def test_expired_token_is_refused(api_factory, officer):
    api = api_factory(officer)
    DeviceSession.objects.update(expires_at=now() - timedelta(seconds=1))
    response = api.get("/api/v1/auth/me")
    assert response.status_code == 401
    assert response.json()["error"] == "token_expired"


def test_missing_or_unknown_token_is_refused(api_factory, officer):
    api = api_factory(officer)
    missing = Api(Client(), None, api.credential).get("/api/v1/auth/me")
    assert missing.status_code == 401 and missing.json()["error"] == "not_authenticated"
    unknown = Api(Client(), "flt_made-up", api.credential).get("/api/v1/auth/me")
    assert unknown.status_code == 401 and unknown.json()["error"] == "invalid_token"


def test_token_only_works_with_its_own_device(api_factory, officer):
    api = api_factory(officer)
    _, other_credential = enrolled_device("another tablet")
    stolen = Api(Client(), api.token, other_credential).get("/api/v1/auth/me")
    assert stolen.status_code == 401
    assert stolen.json()["error"] == "device_mismatch"
    no_credential = Api(Client(), api.token, None).get("/api/v1/auth/me")
    assert no_credential.json()["error"] == "device_mismatch"


def test_sign_out_ends_the_session(api_factory, officer):
    api = api_factory(officer)
    assert api.post("/api/v1/auth/sign-out").status_code == 204
    response = api.get("/api/v1/auth/me")
    assert response.status_code == 401
    assert response.json()["error"] == "signed_out"


def test_revoked_device_is_told_to_wipe_on_its_next_request(api_factory, officer, fleet_manager):
    api = api_factory(officer)
    assert api.get("/api/v1/auth/me").status_code == 200
    device_revoke(device=api.device, actor=fleet_manager, reason="reported stolen")
    response = api.get("/api/v1/auth/me")
    assert response.status_code == 401
    assert response.json() == {
        "error": "device_revoked",
        "message": "this device has been revoked",
        "wipe": True,
    }
    # Signing in again on the revoked device is refused the same way.
    again = _sign_in(api.credential, "PC1", PASSWORD)
    assert again.status_code == 401 and again.json()["wipe"] is True
    assert AuditEvent.objects.filter(action="device.revoke", actor=fleet_manager).count() == 1


def test_revoked_officer_is_refused_on_the_next_request(api_factory, officer, admin_officer):
    api = api_factory(officer)
    officer_revoke(officer=officer, actor=admin_officer, reason="suspended from duty")
    response = api.get("/api/v1/auth/me")
    assert response.status_code == 401
    assert response.json()["error"] == "officer_revoked"
    assert response.json()["wipe"] is False
    again = _sign_in(api.credential, "PC1", PASSWORD)
    assert again.status_code == 401 and again.json()["error"] == "officer_revoked"


def test_revocation_through_the_api(api_factory, officer, fleet_manager):
    officer_api = api_factory(officer)
    manager_api = api_factory(fleet_manager)
    response = manager_api.post(
        f"/api/v1/devices/{officer_api.device.pk}/revoke", {"reason": "lost on patrol"}
    )
    assert response.status_code == 200
    assert response.json()["revoked_at"] is not None
    assert officer_api.get("/api/v1/auth/me").json()["error"] == "device_revoked"


@pytest.mark.parametrize("reason", ["", "no", "x" * 251])
def test_revocation_needs_a_reason(api_factory, officer, fleet_manager, reason):
    officer_api = api_factory(officer)
    response = api_factory(fleet_manager).post(
        f"/api/v1/devices/{officer_api.device.pk}/revoke", {"reason": reason}
    )
    assert response.status_code == 422
    assert response.json()["field"] == "reason"
    officer_api.device.refresh_from_db()
    assert officer_api.device.revoked_at is None


def test_enrolment_codes_are_stored_hashed(api_factory, fleet_manager):
    response = api_factory(fleet_manager).post("/api/v1/devices/enrolment-codes", {"label": "T1"})
    assert response.status_code == 201
    code = response.json()["code"]
    stored = EnrolmentCode.objects.get(pk=response.json()["id"])
    assert stored.code_hash == secret_hash(code) and code not in stored.code_hash


def test_a_device_is_marked_seen_at_most_every_five_minutes(officer):
    from frontline.accounts.services import DEVICE_SEEN_EVERY, device_sign_in, session_from_token

    device, credential = enrolled_device()
    token = device_sign_in(device=device, collar_number=officer.collar_number, password=PASSWORD)
    recent = now() - DEVICE_SEEN_EVERY + timedelta(seconds=30)
    Device.objects.filter(pk=device.pk).update(last_seen_at=recent)

    session_from_token(token=token.token, credential=credential)
    assert Device.objects.get(pk=device.pk).last_seen_at == recent  # a read, no write

    stale = now() - DEVICE_SEEN_EVERY - timedelta(seconds=30)
    Device.objects.filter(pk=device.pk).update(last_seen_at=stale)
    session_from_token(token=token.token, credential=credential)
    assert Device.objects.get(pk=device.pk).last_seen_at > now() - timedelta(seconds=30)


@pytest.mark.parametrize("person", ["officer", "fleet_manager"])  # in a team, and in none
def test_token_lookup_gives_what_the_orm_would(api_factory, person, request):
    api = api_factory(request.getfixturevalue(person))
    token_hash = secret_hash(api.token)

    session = device_session_by_token_hash(token_hash)

    expected = DeviceSession.objects.select_related("officer", "device", "officer__team").get(
        token_hash=token_hash
    )
    pairs = [
        (session, expected),
        (session.device, expected.device),
        (session.officer, expected.officer),
    ]
    if expected.officer.team is None:
        assert session.officer.team is None
    else:
        pairs.append((session.officer.team, expected.officer.team))
    for got, want in pairs:
        assert type(got) is type(want) and not got._state.adding
        for field in want._meta.concrete_fields:
            assert getattr(got, field.attname) == getattr(want, field.attname), field.attname
            assert type(getattr(got, field.attname)) is type(getattr(want, field.attname))
    assert device_session_by_token_hash(secret_hash("flt_not-a-token")) is None
