"""API authentication: a device-bound officer token, checked on every request."""

from ninja.security import HttpBearer

from frontline.accounts.services import session_from_token

DEVICE_HEADER = "X-Device-Credential"


class DeviceTokenAuth(HttpBearer):
    """`Authorization: Bearer <token>` plus the device's `X-Device-Credential`.

    Failures raise, so the client learns exactly why (expired, revoked and told to wipe, ...).
    """

    def __call__(self, request):
        header = request.headers.get("Authorization", "")
        scheme, _, token = header.partition(" ")
        token = token.strip() if scheme.lower() == "bearer" else ""
        return self.authenticate(request, token)

    def authenticate(self, request, token):
        session = session_from_token(token=token, credential=request.headers.get(DEVICE_HEADER))
        request.officer = session.officer
        request.device = session.device
        request.device_session = session
        return session
