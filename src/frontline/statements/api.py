"""Witness statement (MG11) endpoints.

The officer app sends signed statements through sync (`statement.mg11`); this router offers
the same create for other clients (signature uploaded first), the author's list, and reads of
one statement and its PDF. Reading someone else's statement needs `reason` and is logged as a
consultation (DPA 2018 s62); the restricted rear page goes to others only with `restricted`.
"""

from uuid import UUID

from django.http import HttpResponse
from ninja import Query, Router, Schema, Status
from pydantic import Field

from frontline.audit.services import consultation_record
from frontline.common.errors import NotFound
from frontline.statements import access, selectors, services
from frontline.statements.pdf import statement_pdf
from frontline.statements.schemas import StatementIn, StatementOut, StatementPage
from frontline.statements.sync import RESTRICTED_FIELDS

router = Router(tags=["statements"])


class StatementPageQuery(Schema):
    before: UUID | None = Field(None, description="the last statement of the previous page")
    limit: int | None = Field(None, ge=1, le=200)


class ReadQuery(Schema):
    reason: str | None = Field(None, max_length=500, description="why you are viewing it (s62)")
    restricted: bool = Field(False, description="include the restricted rear page (logged)")


@router.post("", response={200: StatementOut, 201: StatementOut})
def statement_create(request, body: StatementIn):
    """Store a signed statement. Upload the signature PNG first. The same id and content again
    returns the stored statement (200)."""
    details = body.model_dump(exclude={"id"})
    result = services.statement_create(
        officer=request.officer,
        statement_id=body.id,
        details=details,
        device=request.device,
        app_version=request.device.app_version,
        signature_held=True,
    )
    statement = selectors.statement_get(statement_id=result.statement.pk)
    return Status(201 if result.created else 200, _out(statement, restricted=True))


@router.get("", response=StatementPage)
def statements_list(request, page: Query[StatementPageQuery]):
    """Statements I took, newest first."""
    before = None
    if page.before is not None:
        before = selectors.statement_get(statement_id=page.before)
        if before is None or before.author_id != request.officer.pk:
            raise NotFound("not_found", "no such statement of yours", field="before")
    statements, more = selectors.statements_list(
        author=request.officer, before=before, limit=page.limit
    )
    return {
        "statements": statements,
        "more": more,
        "next_before": statements[-1].pk if more and statements else None,
    }


@router.get("/{statement_id}", response=StatementOut)
def statement_get(request, statement_id: UUID, query: Query[ReadQuery]):
    statement, restricted = _read(request, statement_id, query, purpose="view")
    return _out(statement, restricted=restricted)


@router.get("/{statement_id}/pdf", response={200: None})
def statement_pdf_get(request, statement_id: UUID, query: Query[ReadQuery]):
    """The MG11 as a PDF: statement pages, then the rear page if it may be shown."""
    statement, restricted = _read(request, statement_id, query, purpose="pdf")
    response = HttpResponse(
        statement_pdf(statement=statement, restricted=restricted), content_type="application/pdf"
    )
    response["Content-Disposition"] = f'attachment; filename="MG11-{statement.pk}.pdf"'
    response["Cache-Control"] = "no-store"
    return response


def _read(request, statement_id, query: ReadQuery, *, purpose: str):
    viewer = request.officer
    statement = selectors.statement_get(statement_id=statement_id)
    # The same answer for "no such statement" and "not yours to read": ids cannot be probed.
    if statement is None or not access.statement_can_read(viewer, statement):
        raise NotFound("not_found", "no such statement you may read", field="statement_id")
    restricted = access.statement_restricted_visible(viewer, statement, requested=query.restricted)
    if purpose == "pdf":
        services.signature_ready(statement=statement)  # refuse before logging anything
    if access.statement_read_is_consultation(viewer, statement):
        consultation_record(
            actor=viewer,
            device=request.device,
            object_type=services.OBJECT_TYPE,
            object_id=statement.pk,
            justification=query.reason or "",
            detail={"purpose": purpose, "restricted": restricted},
        )
    return statement, restricted


def _out(statement, *, restricted: bool) -> dict:
    data = {
        name: getattr(statement, name)
        for name in StatementOut.model_fields
        if name not in {"restricted", "further_to", "further_statements", "signature_received"}
    }
    data["further_to"] = statement.further_to_id
    data["further_statements"] = statement.further_ids
    data["signature_received"] = services.signature_is_held(statement.signature_sha256)
    data["restricted"] = (
        {name: getattr(statement, name) for name in RESTRICTED_FIELDS} if restricted else None
    )
    return data
