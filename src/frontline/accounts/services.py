"""Writes for officers, devices and sessions: enrolment, sign-in, sign-out, revocation."""

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F

from frontline.accounts import roles
from frontline.accounts.models import Device, DeviceSession, EnrolmentCode, Officer, Station, Team
from frontline.accounts.session_lookup import device_session_by_token_hash
from frontline.audit.services import audit_record
from frontline.common.clock import now
from frontline.common.errors import AuthenticationFailed, Conflict, DomainError, InvalidInput

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O or 1/I: read aloud and typed
CODE_LENGTH = 12
DEVICE_SEEN_EVERY = timedelta(minutes=5)  # how stale a device's "last seen" may get


class LockedOut(DomainError):
    status = 429


@dataclass(frozen=True)
class IssuedCode:
    code: str  # shown once; only its hash is stored
    enrolment: EnrolmentCode


@dataclass(frozen=True)
class IssuedToken:
    token: str  # shown once; only its hash is stored
    session: DeviceSession


def secret_hash(secret: str) -> str:
    """Tokens, credentials and codes are long random secrets: SHA-256 is the right hash."""
    return hashlib.sha256(secret.encode()).hexdigest()


def code_normalise(code: str) -> str:
    return "".join(ch for ch in code.upper() if ch.isalnum())


def officer_create(
    *,
    collar_number: str,
    given_name: str,
    family_name: str,
    password: str | None,
    rank: str = "Police Constable",
    officer_roles: list[str] | None = None,
    station: Station | None = None,
    team: Team | None = None,
    actor: Officer | None = None,
) -> Officer:
    officer_roles = officer_roles or [roles.OFFICER]
    unknown = sorted(set(officer_roles) - set(roles.ALL))
    if unknown:
        raise InvalidInput("unknown_role", f"unknown role(s): {', '.join(unknown)}", field="roles")
    if team is not None and station is not None and team.station_id != station.pk:
        raise InvalidInput(
            "team_not_at_station", "the team belongs to another station", field="team"
        )
    with transaction.atomic():
        try:
            with transaction.atomic():
                officer = Officer.objects.create_user(
                    collar_number.strip().upper(),
                    password,
                    given_name=given_name,
                    family_name=family_name,
                    rank=rank,
                    roles=officer_roles,
                    station=station,
                    team=team or None,
                )
        except IntegrityError:
            raise Conflict(
                "collar_number_taken", "that collar number is already in use", field="collar_number"
            ) from None
        audit_record(
            action="officer.create",
            object_type="accounts.officer",
            object_id=officer.pk,
            actor=actor,
            detail={"roles": officer_roles},
        )
    return officer


def officer_revoke(*, officer: Officer, actor: Officer | None, reason: str) -> Officer:
    """Disable an officer: every session of theirs ends on its next request."""
    with transaction.atomic():
        when = now()
        Officer.objects.filter(pk=officer.pk).update(is_active=False, revoked_at=when)
        DeviceSession.objects.filter(officer=officer, ended_at__isnull=True).update(ended_at=when)
        audit_record(
            action="officer.revoke",
            object_type="accounts.officer",
            object_id=officer.pk,
            actor=actor,
            justification=reason,
        )
    officer.refresh_from_db()
    return officer


def enrolment_code_issue(*, actor: Officer | None, label: str = "") -> IssuedCode:
    code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
    with transaction.atomic():
        enrolment = EnrolmentCode.objects.create(
            code_hash=secret_hash(code),
            label=label[:120],
            created_by=actor,
            expires_at=now() + settings.FRONTLINE["ENROLMENT_CODE_LIFETIME"],
        )
        audit_record(
            action="device.enrolment_code.issue",
            object_type="accounts.enrolmentcode",
            object_id=enrolment.pk,
            actor=actor,
        )
    return IssuedCode(code=code, enrolment=enrolment)


def device_enrol(*, code: str, label: str = "", platform: str = "", app_version: str = ""):
    """Exchange a one-time code for a device credential. The code is spent even under a race."""
    code_hash = secret_hash(code_normalise(code))
    credential = "fld_" + secrets.token_urlsafe(32)
    with transaction.atomic():
        # The conditional UPDATE is the single-use guarantee: only one request can flip used_at.
        claimed = EnrolmentCode.objects.filter(
            code_hash=code_hash, used_at__isnull=True, expires_at__gt=now()
        ).update(used_at=now())
        if claimed != 1:
            raise InvalidInput(
                "enrolment_code_invalid",
                "this enrolment code is unknown, used or expired",
                field="code",
            )
        enrolment = EnrolmentCode.objects.get(code_hash=code_hash)
        device = Device.objects.create(
            label=(label or enrolment.label)[:120],
            credential_hash=secret_hash(credential),
            platform=platform[:80],
            app_version=app_version[:40],
            last_seen_at=now(),
        )
        EnrolmentCode.objects.filter(pk=enrolment.pk).update(device=device)
        audit_record(
            action="device.enrol",
            object_type="accounts.device",
            object_id=device.pk,
            device=device,
            detail={"enrolment_code": enrolment.pk.hex},
        )
    return device, credential


def device_from_credential(credential: str | None) -> Device:
    if not credential:
        raise AuthenticationFailed(
            "device_credential_required",
            "this request must come from an enrolled device",
            field="X-Device-Credential",
        )
    device = Device.objects.filter(credential_hash=secret_hash(credential)).first()
    if device is None:
        raise AuthenticationFailed(
            "device_unknown", "this device is not enrolled", field="X-Device-Credential"
        )
    if device.is_revoked:
        raise AuthenticationFailed("device_revoked", "this device has been revoked", wipe=True)
    return device


def device_revoke(*, device: Device, actor: Officer | None, reason: str) -> Device:
    """Revoke a device: its sessions end, and its next request is told to wipe."""
    with transaction.atomic():
        when = now()
        Device.objects.filter(pk=device.pk, revoked_at__isnull=True).update(
            revoked_at=when, revoked_reason=reason[:250]
        )
        DeviceSession.objects.filter(device=device, ended_at__isnull=True).update(ended_at=when)
        audit_record(
            action="device.revoke",
            object_type="accounts.device",
            object_id=device.pk,
            actor=actor,
            justification=reason,
        )
    device.refresh_from_db()
    return device


def officer_authenticate(*, collar_number: str, password: str, device: Device | None = None):
    """Check a password with lockout. Failures are committed even though the caller is refused."""
    officer = Officer.objects.filter(collar_number__iexact=collar_number.strip()).first()
    if officer is None:
        # Spend the same time as a real check so collar numbers cannot be discovered by timing.
        Officer().set_password(password)
        raise AuthenticationFailed("invalid_credentials", "collar number or password is wrong")
    if officer.locked_until and officer.locked_until > now():
        raise LockedOut("locked_out", "too many failed sign-ins: try again later")
    if not officer.is_active:
        raise AuthenticationFailed(
            "officer_revoked", "this officer's access has been revoked", wipe=False
        )
    if not officer.check_password(password):
        _sign_in_failure(officer, device)
        raise AuthenticationFailed("invalid_credentials", "collar number or password is wrong")
    if officer.failed_sign_ins or officer.locked_until:
        Officer.objects.filter(pk=officer.pk).update(failed_sign_ins=0, locked_until=None)
    return officer


def _sign_in_failure(officer: Officer, device: Device | None) -> None:
    threshold = settings.FRONTLINE["LOCKOUT_THRESHOLD"]
    with transaction.atomic():
        Officer.objects.filter(pk=officer.pk).update(failed_sign_ins=F("failed_sign_ins") + 1)
        failures = Officer.objects.values_list("failed_sign_ins", flat=True).get(pk=officer.pk)
        locked = failures >= threshold
        if locked:
            Officer.objects.filter(pk=officer.pk).update(
                failed_sign_ins=0, locked_until=now() + settings.FRONTLINE["LOCKOUT_DURATION"]
            )
        audit_record(
            action="auth.sign_in_failed",
            object_type="accounts.officer",
            object_id=officer.pk,
            device=device,
            detail={"locked": locked},
        )


def back_office_sign_in_record(*, officer: Officer) -> None:
    with transaction.atomic():
        audit_record(
            action="auth.back_office_sign_in",
            object_type="accounts.officer",
            object_id=officer.pk,
            actor=officer,
        )


def device_sign_in(*, device: Device, collar_number: str, password: str) -> IssuedToken:
    officer = officer_authenticate(collar_number=collar_number, password=password, device=device)
    token = "flt_" + secrets.token_urlsafe(32)
    with transaction.atomic():
        session = DeviceSession.objects.create(
            token_hash=secret_hash(token),
            officer=officer,
            device=device,
            expires_at=now() + settings.FRONTLINE["SHIFT_TOKEN_LIFETIME"],
        )
        audit_record(
            action="auth.sign_in",
            object_type="accounts.devicesession",
            object_id=session.pk,
            actor=officer,
            device=device,
        )
    return IssuedToken(token=token, session=session)


def device_sign_out(*, session: DeviceSession) -> None:
    with transaction.atomic():
        DeviceSession.objects.filter(pk=session.pk, ended_at__isnull=True).update(ended_at=now())
        audit_record(
            action="auth.sign_out",
            object_type="accounts.devicesession",
            object_id=session.pk,
            actor=session.officer,
            device=session.device,
        )


def session_from_token(*, token: str | None, credential: str | None) -> DeviceSession:
    """The session for a bearer token presented with its device's credential, or a 401."""
    if not token:
        raise AuthenticationFailed(
            "not_authenticated", "sign in on an enrolled device first", field="Authorization"
        )
    session = device_session_by_token_hash(secret_hash(token))
    if session is None:
        raise AuthenticationFailed(
            "invalid_token", "this token is not recognised", field="Authorization"
        )
    if session.device.is_revoked:
        raise AuthenticationFailed("device_revoked", "this device has been revoked", wipe=True)
    if not session.officer.is_active:
        raise AuthenticationFailed(
            "officer_revoked", "this officer's access has been revoked", wipe=False
        )
    if session.ended_at is not None:
        raise AuthenticationFailed("signed_out", "this session has ended: sign in again")
    current = now()
    if session.expires_at <= current:
        raise AuthenticationFailed("token_expired", "the shift session has expired: sign in again")
    if not credential or secret_hash(credential) != session.device.credential_hash:
        raise AuthenticationFailed(
            "device_mismatch", "this token belongs to another device", field="X-Device-Credential"
        )
    _device_seen(session.device, current)
    return session


def _device_seen(device: Device, when: datetime) -> None:
    # At most one write every DEVICE_SEEN_EVERY per device, so reads stay reads: the app pulls
    # every minute, and a write a minute per device is 333 a second for a force of 20,000.
    if device.last_seen_at is None or when - device.last_seen_at > DEVICE_SEEN_EVERY:
        Device.objects.filter(pk=device.pk).update(last_seen_at=when)
        device.last_seen_at = when
