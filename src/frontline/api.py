"""The API root at /api/v1/: every router, authenticated unless an endpoint opts out."""

from django.db import connection
from django.http import Http404
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.parser import Parser

from frontline.accounts.api import router as accounts_router
from frontline.accounts.auth import DeviceTokenAuth
from frontline.audit.api import router as audit_router
from frontline.bodies import PARSED
from frontline.checks.api import router as checks_router
from frontline.common.errors import AuthenticationFailed, DomainError
from frontline.devices.api import router as devices_router
from frontline.evaluation.api import router as evaluation_router
from frontline.evidence.api import router as evidence_router
from frontline.incidents.api import router as incidents_router
from frontline.interop.api import router as interop_router
from frontline.notebook.api import router as notebook_router
from frontline.statements.api import router as statements_router
from frontline.stopsearch.api import router as stopsearch_router
from frontline.sync.api import router as sync_router
from frontline.tasking.api import router as tasking_router

# Every refusal has this body (common/errors.py and the handlers below); the published
# description says so for every operation, so clients and the fuzz tests can rely on it.
ERROR_SCHEMA = {
    "title": "Error",
    "type": "object",
    "required": ["error", "message"],
    "properties": {
        "error": {"type": "string", "description": "a stable code, e.g. `invalid_input`"},
        "message": {"type": "string", "description": "what was wrong, in plain words"},
        "field": {"type": "string", "description": "the input at fault, when there is one"},
        "fields": {
            "type": "array",
            "description": "every invalid input, for `invalid_input`",
            "items": {
                "type": "object",
                "required": ["field", "reason"],
                "properties": {"field": {"type": "string"}, "reason": {"type": "string"}},
            },
        },
        "wipe": {"type": "boolean", "description": "true: delete this device's local data"},
    },
}
REFUSAL = {
    "description": (
        "Refused: 401 not signed in or revoked, 403 not allowed, 404 not found (or not yours), "
        "409 conflict, 413 too large, 422 invalid input, 426 app too old, 429 too many requests"
    ),
    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
}


class FrontlineAPI(NinjaAPI):
    """The NinjaAPI whose OpenAPI description also documents the refusals any call can get."""

    def get_openapi_schema(self, *, path_prefix=None, path_params=None):
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        schema.setdefault("components", {}).setdefault("schemas", {})["Error"] = ERROR_SCHEMA
        for path_item in schema["paths"].values():
            for operation in path_item.values():
                operation.setdefault("responses", {}).setdefault("4XX", REFUSAL)
        return schema


class FrontlineParser(Parser):
    """ninja's JSON parser, taking the body frontline.bodies has already parsed and checked."""

    def parse_body(self, request):
        if hasattr(request, PARSED):
            return getattr(request, PARSED)
        return super().parse_body(request)


api = FrontlineAPI(
    title="Frontline API",
    version="1",
    description=(
        "Frontline's API for the officer app and force systems. Sign in on an enrolled device; "
        "send `Authorization: Bearer <token>` and `X-Device-Credential` on every request."
    ),
    auth=DeviceTokenAuth(),
    urls_namespace="api-v1",
    parser=FrontlineParser(),
)
api.add_router("/", accounts_router)
api.add_router("/notebook", notebook_router)
api.add_router("/audit", audit_router)
api.add_router("/", sync_router)
api.add_router("/stop-searches", stopsearch_router)
api.add_router("/statements", statements_router)
api.add_router("/incidents", incidents_router)
api.add_router("/evidence", evidence_router)
api.add_router("/checks", checks_router)
api.add_router("/tasking", tasking_router)
api.add_router("/fleet", devices_router)
api.add_router("/interop", interop_router)
api.add_router("/evaluation", evaluation_router)


@api.get("/health", auth=None, tags=["service"])
def health(request):
    """Liveness and database reachability, for load balancers."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return {"status": "ok"}


@api.exception_handler(DomainError)
def domain_error(request, exc: DomainError):
    response = api.create_response(request, exc.as_dict(), status=exc.status)
    for name, value in exc.headers.items():
        response[name] = value
    return response


@api.exception_handler(AuthenticationError)
def authentication_error(request, exc):
    body = AuthenticationFailed("not_authenticated", "sign in on an enrolled device first")
    return api.create_response(request, body.as_dict(), status=401)


@api.exception_handler(HttpError)
def http_error(request, exc: HttpError):
    """ninja's own refusals (a body that is not JSON, say) in the same shape as ours."""
    code = {400: "unparseable_body", 405: "method_not_allowed", 429: "too_many_requests"}.get(
        exc.status_code, "refused"
    )
    return api.create_response(
        request, {"error": code, "message": exc.message}, status=exc.status_code
    )


@api.exception_handler(Http404)
def not_found(request, exc):
    body = {"error": "not_found", "message": "no such resource"}
    return api.create_response(request, body, status=404)


@api.exception_handler(ValidationError)
def validation_error(request, exc: ValidationError):
    fields = []
    for error in exc.errors:
        loc = [str(part) for part in error.get("loc", ()) if part not in ("body", "query", "path")]
        # Drop the schema parameter name ninja puts first (e.g. "body" -> "payload").
        if len(loc) > 1 and loc[0] in {"payload", "page", "query"}:
            loc = loc[1:]
        fields.append({"field": ".".join(loc) or "body", "reason": error.get("msg", "invalid")})
    body = {"error": "invalid_input", "message": "the request is not valid", "fields": fields}
    if fields:
        body["field"] = fields[0]["field"]
    return api.create_response(request, body, status=422)
