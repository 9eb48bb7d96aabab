"""The `statement.mg11` record type: evidential, create-only, waiting for its signature PNG.

The device keeps the draft; it pushes the statement once, when the witness has signed. The
signature is uploaded as a blob (`/api/v1/uploads`) and named by `signature_sha256`, so the
statement may arrive first: the push answers `awaiting_media`, and when the PNG's last byte
is verified the statement goes on the change feed again with `signature_received: true`.

The scope is "owner": only the author's devices pull it, with the restricted rear page,
because the author wrote those details and holds them on the device already.
"""

from frontline.statements import services
from frontline.statements.models import Statement
from frontline.statements.schemas import StatementPayload
from frontline.sync.registry import (
    EVIDENTIAL,
    Applied,
    ApplyContext,
    RecordType,
    evidential_applied,
)

RESTRICTED_FIELDS = [
    "address",
    "phone",
    "email",
    "birth_date",
    "birth_place",
    "preferred_contact",
    "dates_unavailable",
    "needs",
    "consent_victim_personal_statement",
    "consent_medical_records",
]


def statement_apply(context: ApplyContext) -> Applied:
    result = services.statement_create(
        officer=context.officer,
        statement_id=context.record_id,
        details=context.payload.model_dump(),
        device=context.device,
        app_version=context.app_version,
    )
    return evidential_applied(
        context, created=result.created, media=[result.statement.signature_sha256]
    )


def signature_complete(record_id) -> None:
    services.statement_signature_received(statement_id=record_id)


def statements_serialise(ids) -> dict:
    statements = Statement.objects.filter(pk__in=ids)
    return {statement.pk: statement_serialise(statement) for statement in statements}


def statement_serialise(statement: Statement) -> dict:
    restricted = {name: getattr(statement, name) for name in RESTRICTED_FIELDS}
    if restricted["birth_date"] is not None:
        restricted["birth_date"] = restricted["birth_date"].isoformat()
    return {
        "id": str(statement.pk),
        "author_id": str(statement.author_id),
        "urn": statement.urn,
        "witness_name": statement.witness_name,
        "witness_age": statement.witness_age,
        "occupation": statement.occupation,
        "text": statement.text,
        "signature_sha256": statement.signature_sha256,
        "signature_received": services.signature_is_held(statement.signature_sha256),
        "signed_at": statement.signed_at.isoformat(),
        "witnessed_by": statement.witnessed_by,
        "taken_by_name": statement.taken_by_name,
        "taken_by_collar": statement.taken_by_collar,
        "taken_station": statement.taken_station,
        "taken_at": statement.taken_at.isoformat(),
        "taken_place": statement.taken_place,
        "further_to": str(statement.further_to_id) if statement.further_to_id else None,
        "recorded_at": statement.recorded_at.isoformat(),
        "content_hash": statement.content_hash,
        "restricted": restricted,
    }


RECORD_TYPES = [
    RecordType(
        name=services.SYNC_TYPE,
        lane=EVIDENTIAL,
        schema=StatementPayload,
        apply=statement_apply,
        serialise_many=statements_serialise,
        on_media_complete=signature_complete,
    ),
]
