"""What information management needs from witness statements (see frontline.audit.keeping).

Disposal blanks the witness's words and every personal detail on the front and rear pages, and
the reference to the signature image, whose blob interop then removes unless another kept
record uses it; the row keeps its URN, the officer who took it, its times and `content_hash`,
the SHA-256 of the statement as signed, which the tombstone also holds with the signature
image's SHA-256: proof of what was disposed.
"""

from uuid import UUID

from frontline.audit.keeping import (
    HeldRows,
    RecordKeeping,
    SubjectMatch,
    record_dispose,
    record_keeping_register,
)
from frontline.audit.selectors import disposal_get
from frontline.statements.models import Statement
from frontline.statements.services import ALL_FIELDS, statement_content_hash
from frontline.statements.sync import statement_serialise

RECORD_TYPE = "statement.mg11"
PERSONAL = {
    "witness_name": "",
    "witness_age": None,
    "occupation": "",
    "text": "",
    "witnessed_by": "",
    "address": "",
    "phone": "",
    "email": "",
    "birth_date": None,
    "birth_place": "",
    "dates_unavailable": "",
    "needs": "",
    "signature_sha256": "",
}
SUBJECT_LIMIT = 500


def register() -> None:
    held_rows = HeldRows(
        record_type=RECORD_TYPE,
        rows=Statement.objects.all,
        made_at="recorded_at",
        officer="author",
        station="author__station",
        summary=lambda statement: f"MG11 {statement.urn}",
        blanked={"text": ""},
    )
    record_keeping_register(
        RecordKeeping(
            record_type=RECORD_TYPE,
            label="Witness statement (MG11)",
            review_years=6,
            held=held_rows.held,
            held_get=held_rows.held_get,
            dispose=statement_dispose,
            subject_find=statements_of_witness,
            content=statement_content,
            verify=statement_verify,
            restricted_keys=("restricted",),
            blobs=statement_blobs,
            blobs_in_use=signatures_in_use,
        )
    )


def statement_dispose(record_id: UUID) -> dict | None:
    proof = record_dispose(
        Statement.objects.filter(pk=record_id),
        blank=PERSONAL,
        proof=("content_hash", "signature_sha256"),
    )
    if proof is not None and not proof["signature_sha256"]:
        del proof["signature_sha256"]  # a statement signed on paper has no signature image
    return proof


def statement_blobs(record_id: UUID) -> list[str]:
    """The witness's signature image."""
    signature = Statement.objects.filter(pk=record_id).values_list("signature_sha256", flat=True)
    return [sha256 for sha256 in signature if sha256]


def signatures_in_use(hashes: list[str], disposing_id: UUID) -> set[str]:
    """Signature images another statement still shows (a disposed one no longer names its)."""
    return set(
        Statement.objects.filter(signature_sha256__in=hashes)
        .exclude(pk=disposing_id)
        .values_list("signature_sha256", flat=True)
    )


def statements_of_witness(name: str, birth_date) -> list[SubjectMatch]:
    query = Statement.objects.filter(witness_name__icontains=name)
    if birth_date is not None:
        query = query.filter(birth_date=birth_date)
    return [
        SubjectMatch(
            record_type=RECORD_TYPE,
            record_id=statement.pk,
            made_at=statement.recorded_at,
            officer=statement.author.collar_number,
            role="witness",
            content=statement_serialise(statement),
        )
        for statement in query.select_related("author").order_by("recorded_at")[:SUBJECT_LIMIT]
    ]


def statement_content(record_id: UUID) -> dict | None:
    statement = Statement.objects.filter(pk=record_id).first()
    if statement is None:
        return None
    content = statement_serialise(statement)
    content.pop("restricted")  # the rear page never goes into a bundle
    return content


def statement_verify(record_id: UUID) -> list[str]:
    """The statement as stored still hashes to the content hash it was signed with."""
    statement = Statement.objects.filter(pk=record_id).first()
    if statement is None:
        return ["no such statement"]
    fields = {
        name: getattr(statement, "further_to_id" if name == "further_to" else name)
        for name in ALL_FIELDS
    }
    if statement_content_hash(author_id=statement.author_id, fields=fields) == (
        statement.content_hash
    ):
        return []
    disposal = disposal_get(record_type=RECORD_TYPE, record_id=record_id)
    if disposal is not None and statement.content_hash in disposal.proof:
        return []
    return [f"statement {record_id}: content does not match the hash it was signed with"]
