"""Which officer-app versions the server still accepts."""

from django.conf import settings

from frontline.common.errors import DomainError

APP_VERSION_HEADER = "X-App-Version"


class ClientUpdateRequired(DomainError):
    status = 426

    def __init__(self, minimum: str):
        super().__init__(
            "client_update_required",
            f"this app version is no longer accepted: update to {minimum} or later",
        )
        self.minimum = minimum

    def as_dict(self) -> dict:
        return {**super().as_dict(), "minimum_version": self.minimum}


def version_tuple(version: str) -> tuple[int, ...]:
    parts = []
    for part in version.split("."):
        digits = "".join(ch for ch in part if ch.isdigit())
        parts.append(int(digits) if digits else 0)
    return tuple(parts)


def client_version_check(request) -> str:
    """The app version the request declares; 426 when it is older than the minimum."""
    version = request.headers.get(APP_VERSION_HEADER, "")[:40]
    minimum = settings.FRONTLINE["MIN_APP_VERSION"]
    if not version or version_tuple(version) < version_tuple(minimum):
        raise ClientUpdateRequired(minimum)
    return version
