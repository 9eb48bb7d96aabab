"""The API root at /api/v1/: every router, authenticated unless an endpoint opts out."""

from django.db import connection
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, ValidationError

from frontline.accounts.api import router as accounts_router
from frontline.accounts.auth import DeviceTokenAuth
from frontline.audit.api import router as audit_router
from frontline.common.errors import AuthenticationFailed, DomainError
from frontline.evaluation.api import router as evaluation_router
from frontline.evidence.api import router as evidence_router
from frontline.incidents.api import router as incidents_router
from frontline.notebook.api import router as notebook_router
from frontline.statements.api import router as statements_router
from frontline.stopsearch.api import router as stopsearch_router
from frontline.sync.api import router as sync_router

api = NinjaAPI(
    title="Frontline API",
    version="1",
    description=(
        "Frontline's API for the officer app and force systems. Sign in on an enrolled device; "
        "send `Authorization: Bearer <token>` and `X-Device-Credential` on every request."
    ),
    auth=DeviceTokenAuth(),
    urls_namespace="api-v1",
)
api.add_router("/", accounts_router)
api.add_router("/notebook", notebook_router)
api.add_router("/audit", audit_router)
api.add_router("/", sync_router)
api.add_router("/stop-searches", stopsearch_router)
api.add_router("/statements", statements_router)
api.add_router("/incidents", incidents_router)
api.add_router("/evidence", evidence_router)
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
