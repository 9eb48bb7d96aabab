"""Domain errors. Services raise these; the API edge turns them into 4xx responses."""


class DomainError(Exception):
    """A request that breaks a rule. `code` is stable for clients; `field` names the input."""

    status = 400

    def __init__(self, code: str, message: str, *, field: str | None = None):
        super().__init__(message)
        self.code = code
        self.message = message
        self.field = field
        self.headers: dict[str, str] = {}  # e.g. the current Upload-Offset on a 409

    def as_dict(self) -> dict:
        body = {"error": self.code, "message": self.message}
        if self.field:
            body["field"] = self.field
        return body


class NotFound(DomainError):
    status = 404


class PermissionDenied(DomainError):
    status = 403


class Conflict(DomainError):
    status = 409


class InvalidInput(DomainError):
    status = 422


class AuthenticationFailed(DomainError):
    status = 401

    def __init__(self, code: str, message: str, *, wipe: bool | None = None, field=None):
        super().__init__(code, message, field=field)
        self.wipe = wipe

    def as_dict(self) -> dict:
        body = super().as_dict()
        if self.wipe is not None:
            body["wipe"] = self.wipe
        return body


class Locked(DomainError):
    status = 423
