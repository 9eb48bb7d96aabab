"""Device enrolment, officer sign-in and sign-out, device and officer revocation."""

from uuid import UUID

from ninja import Router, Status

from frontline.accounts import access, selectors, services
from frontline.accounts.auth import DEVICE_HEADER
from frontline.accounts.schemas import (
    DeviceOut,
    EnrolIn,
    EnrolmentCodeIn,
    EnrolmentCodeOut,
    EnrolOut,
    OfficerOut,
    RevokeIn,
    SignInIn,
    SignInOut,
)
from frontline.accounts.throttles import EnrolmentThrottle, SignInThrottle
from frontline.common.errors import NotFound, PermissionDenied

router = Router(tags=["accounts"])


@router.post("/devices/enrol", auth=None, response={201: EnrolOut}, throttle=EnrolmentThrottle())
def device_enrol(request, body: EnrolIn):
    """Enrol this app install with a one-time code; the credential is returned once."""
    device, credential = services.device_enrol(
        code=body.code, label=body.label, platform=body.platform, app_version=body.app_version
    )
    return Status(201, {"device_id": device.pk, "credential": credential})


@router.post("/auth/sign-in", auth=None, response=SignInOut, throttle=SignInThrottle())
def sign_in(request, body: SignInIn):
    """An officer signs in on an enrolled device and receives a token for the shift."""
    device = services.device_from_credential(request.headers.get(DEVICE_HEADER))
    issued = services.device_sign_in(
        device=device, collar_number=body.collar_number, password=body.password
    )
    return {
        "token": issued.token,
        "expires_at": issued.session.expires_at,
        "officer": issued.session.officer,
    }


@router.post("/auth/sign-out", response={204: None})
def sign_out(request):
    services.device_sign_out(session=request.device_session)
    return Status(204, None)


@router.get("/auth/me", response=OfficerOut)
def me(request):
    return request.officer


@router.post("/devices/enrolment-codes", response={201: EnrolmentCodeOut})
def enrolment_code_issue(request, body: EnrolmentCodeIn):
    if not access.devices_can_manage(request.officer):
        raise PermissionDenied("forbidden", "only fleet managers and admins issue enrolment codes")
    issued = services.enrolment_code_issue(actor=request.officer, label=body.label)
    return Status(
        201,
        {"id": issued.enrolment.pk, "code": issued.code, "expires_at": issued.enrolment.expires_at},
    )


@router.post("/devices/{device_id}/revoke", response=DeviceOut)
def device_revoke(request, device_id: UUID, body: RevokeIn):
    if not access.devices_can_manage(request.officer):
        raise PermissionDenied("forbidden", "only fleet managers and admins revoke devices")
    device = selectors.device_get(device_id=device_id)
    if device is None:
        raise NotFound("not_found", "no such device", field="device_id")
    return services.device_revoke(device=device, actor=request.officer, reason=body.reason)


@router.post("/officers/{officer_id}/revoke", response=OfficerOut)
def officer_revoke(request, officer_id: UUID, body: RevokeIn):
    if not access.officers_can_manage(request.officer):
        raise PermissionDenied("forbidden", "only admins revoke officers")
    officer = selectors.officer_get(officer_id=officer_id)
    if officer is None:
        raise NotFound("not_found", "no such officer", field="officer_id")
    return services.officer_revoke(officer=officer, actor=request.officer, reason=body.reason)
