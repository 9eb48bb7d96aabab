"""Security headers on every response: a Content-Security-Policy unless the view set its own."""

from django.conf import settings


class SecurityHeadersMiddleware:
    """Adds `settings.CONTENT_SECURITY_POLICY` where a view did not choose a stricter one (the
    officer app's shell and evidence downloads set their own)."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.policy = settings.CONTENT_SECURITY_POLICY

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", self.policy)
        response.headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
        response.headers.setdefault("Permissions-Policy", PERMISSIONS)
        return response


# The officer app needs the camera (photos, QR enrolment) and location (where a record was
# made); nothing else, and nothing for other origins.
PERMISSIONS = "camera=(self), geolocation=(self), microphone=(), payment=(), usb=()"
