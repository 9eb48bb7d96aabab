"""Taking witness statements. A statement is stored once, signed, and never changed or deleted.

`statement_create` is idempotent by id: the same statement sent again returns the stored one;
the same id with other content is refused. Everything is validated here, field by field, so the
REST endpoint, sync and the demo share one set of rules.
"""

import hashlib
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction

from frontline.audit.services import audit_record
from frontline.common.clock import is_far_future, now
from frontline.common.errors import Conflict, InvalidInput, NotFound, PermissionDenied
from frontline.common.hashing import canonical_json, canonical_time
from frontline.common.text import has_control_characters
from frontline.statements import access
from frontline.statements.models import PREFERRED_CONTACTS, Statement
from frontline.sync.blobs import blob_path
from frontline.sync.feed import change_record

SYNC_TYPE = "statement.mg11"
OBJECT_TYPE = "statement.mg11"
TEXT_MAX = 50_000
EARLIEST = datetime(2000, 1, 1, tzinfo=UTC)
EARLIEST_BIRTH = date(1900, 1, 1)

# name: (maximum length, required, may span lines)
TEXT_FIELDS = {
    "urn": (40, True, False),
    "witness_name": (200, True, False),
    "occupation": (200, False, False),
    "text": (TEXT_MAX, True, True),
    "witnessed_by": (200, False, False),
    "taken_place": (200, True, False),
    "address": (500, False, True),
    "phone": (30, False, False),
    "email": (254, False, False),
    "birth_place": (200, False, False),
    "dates_unavailable": (1000, False, True),
    "needs": (2000, False, True),
}
OPTIONAL_FIELDS = {
    "occupation": "",
    "witnessed_by": "",
    "further_to": None,
    "witness_age": None,
    "address": "",
    "phone": "",
    "email": "",
    "birth_date": None,
    "birth_place": "",
    "preferred_contact": "",
    "dates_unavailable": "",
    "needs": "",
    "consent_victim_personal_statement": None,
    "consent_medical_records": None,
}
REQUIRED_FIELDS = [
    "urn",
    "witness_name",
    "text",
    "signature_sha256",
    "signed_at",
    "taken_at",
    "taken_place",
]
ALL_FIELDS = [*REQUIRED_FIELDS, *OPTIONAL_FIELDS]
URN_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9 /.\-]*$")
PHONE_PATTERN = re.compile(r"^\+?[0-9][0-9 ()\-]{5,29}$")
SHA_PATTERN = re.compile(r"^[0-9a-f]{64}$")
CONTACTS = {value for value, _ in PREFERRED_CONTACTS}


@dataclass(frozen=True)
class StatementResult:
    statement: Statement
    created: bool  # False when the same statement had already been received


def statement_create(
    *,
    officer,
    statement_id,
    details: dict,
    device=None,
    app_version: str = "",
    signature_held: bool = False,
) -> StatementResult:
    """Store a signed MG11 taken by `officer`. `details` holds the fields of StatementPayload.

    Through sync the signature PNG may follow its statement (the engine waits for it); other
    callers pass `signature_held=True` and must have uploaded the signature first.
    """
    if not access.statement_can_write(officer):
        raise PermissionDenied("not_an_officer", "only officers take witness statements")
    fields = statement_validate(details)
    if fields["further_to"] == statement_id:
        raise InvalidInput("self_reference", "a statement cannot follow itself", field="further_to")
    if signature_held and not signature_is_held(fields["signature_sha256"]):
        raise InvalidInput(
            "signature_not_uploaded",
            "upload the signature PNG through /api/v1/uploads before sending the statement",
            field="signature_sha256",
        )
    content_hash = statement_content_hash(author_id=officer.pk, fields=fields)
    further_to_id = fields.pop("further_to")
    with transaction.atomic():
        if further_to_id is not None:
            _check_further_to(further_to_id, fields)
        try:
            with transaction.atomic():
                statement = Statement.objects.create(
                    id=statement_id,
                    author=officer,
                    taken_by_name=f"{officer.rank} {officer.display_name}"[:200],
                    taken_by_collar=officer.collar_number,
                    taken_station=officer.station.name if officer.station_id else "",
                    recorded_at=now(),
                    device=device,
                    app_version=app_version[:40],
                    content_hash=content_hash,
                    further_to_id=further_to_id,
                    **fields,
                )
        except IntegrityError:
            existing = Statement.objects.filter(pk=statement_id).first()
            if existing is None:
                raise
            if existing.author_id == officer.pk and existing.content_hash == content_hash:
                return StatementResult(statement=existing, created=False)
            raise Conflict(
                "id_reused",
                "a statement with this id already exists with other content",
                field="id",
            ) from None
        change_record(
            type=SYNC_TYPE, record_id=statement_id, owner_id=officer.pk, team_id=officer.team_id
        )
        audit_record(
            action="statement.signed",
            object_type=OBJECT_TYPE,
            object_id=statement_id,
            actor=officer,
            device=device,
            detail={"urn": statement.urn, "content_hash": content_hash},
        )
    return StatementResult(statement=statement, created=True)


def statement_signature_received(*, statement_id) -> None:
    """The signature PNG has arrived after its statement: devices pull the statement again."""
    statement = Statement.objects.select_related("author").filter(pk=statement_id).first()
    if statement is None:
        return
    with transaction.atomic():
        change_record(
            type=SYNC_TYPE,
            record_id=statement.pk,
            owner_id=statement.author_id,
            team_id=statement.author.team_id,
        )
        audit_record(
            action="statement.signature_received",
            object_type=OBJECT_TYPE,
            object_id=statement.pk,
            detail={"sha256": statement.signature_sha256},
        )


def signature_is_held(sha256: str) -> bool:
    """A blob's file exists only once its bytes were verified against the hash."""
    return blob_path(sha256).is_file()


def signature_ready(*, statement) -> None:
    """Refuse to print a statement whose signature has not arrived or is not a PNG."""
    path = blob_path(statement.signature_sha256)
    if not path.is_file():
        raise Conflict(
            "signature_awaited",
            "the witness's signature has not been received yet: the PDF waits for it",
            field="signature_sha256",
        )
    with open(path, "rb") as handle:
        if handle.read(8) != b"\x89PNG\r\n\x1a\n":
            raise Conflict(
                "signature_not_png",
                "the signature blob is not a PNG image",
                field="signature_sha256",
            )


def statement_content_hash(*, author_id, fields: dict) -> str:
    def plain(value):
        if isinstance(value, datetime):
            return canonical_time(value)
        if isinstance(value, date):
            return value.isoformat()
        if value is not None and not isinstance(value, str | int | bool):
            return str(value)
        return value

    content = {name: plain(fields.get(name)) for name in ALL_FIELDS}
    content["author"] = str(author_id)
    return hashlib.sha256(canonical_json(content).encode()).hexdigest()


def statement_validate(details: dict) -> dict:
    """Check every field and return the values to store; the first fault names its field."""
    unknown = set(details) - set(ALL_FIELDS)
    if unknown:
        name = sorted(unknown)[0]
        raise InvalidInput("unknown_field", f"{name} is not a statement field", field=name)
    for name in REQUIRED_FIELDS:
        if details.get(name) in (None, ""):
            raise InvalidInput("required", f"{name} is required", field=name)
    fields = {**OPTIONAL_FIELDS, **details}
    for name, (limit, required, multiline) in TEXT_FIELDS.items():
        _check_text(name, fields[name], limit=limit, required=required, multiline=multiline)
    if not URN_PATTERN.match(fields["urn"]):
        raise InvalidInput(
            "invalid_urn", "the URN may hold letters, digits, spaces, / . and -", field="urn"
        )
    fields["signature_sha256"] = str(fields["signature_sha256"]).lower()
    if not SHA_PATTERN.match(fields["signature_sha256"]):
        raise InvalidInput(
            "invalid_sha256",
            "the signature hash must be 64 hexadecimal digits",
            field="signature_sha256",
        )
    _check_time("taken_at", fields["taken_at"])
    _check_time("signed_at", fields["signed_at"])
    if fields["signed_at"] < fields["taken_at"]:
        raise InvalidInput(
            "before_taken", "the statement cannot be signed before it was begun", field="signed_at"
        )
    _check_age(fields)
    _check_contact(fields)
    for name in ("consent_victim_personal_statement", "consent_medical_records"):
        if fields[name] is not None and not isinstance(fields[name], bool):
            raise InvalidInput("invalid", f"{name} must be true, false or null", field=name)
    return fields


def _check_text(name, value, *, limit, required, multiline) -> None:
    if not isinstance(value, str):
        raise InvalidInput("invalid", f"{name} must be text", field=name)
    if required and not value.strip():
        raise InvalidInput("required", f"{name} is empty", field=name)
    if len(value) > limit:
        raise InvalidInput("too_long", f"{name} may be at most {limit} characters", field=name)
    if has_control_characters(value) or (not multiline and re.search(r"[\r\n\t]", value)):
        raise InvalidInput("control_characters", f"{name} contains control characters", field=name)


def _check_time(name, value) -> None:
    if not isinstance(value, datetime) or value.tzinfo is None:
        raise InvalidInput("timezone_required", "the time must include a UTC offset", field=name)
    if is_far_future(value):
        raise InvalidInput("in_future", "the time is in the future: check the clock", field=name)
    if value < EARLIEST:
        raise InvalidInput("too_early", "the time is before the year 2000", field=name)


def _check_age(fields) -> None:
    age, born = fields["witness_age"], fields["birth_date"]
    if age is not None and (
        isinstance(age, bool) or not isinstance(age, int) or not 1 <= age <= 17
    ):
        raise InvalidInput(
            "invalid_age", "give the age only for a witness under 18 (1 to 17)", field="witness_age"
        )
    if born is None:
        return
    signed = fields["signed_at"].date()
    if not isinstance(born, date) or born > signed or born < EARLIEST_BIRTH:
        raise InvalidInput(
            "invalid_birth_date",
            "the date of birth must be between 1900 and the signing",
            field="birth_date",
        )
    years = signed.year - born.year - ((signed.month, signed.day) < (born.month, born.day))
    expected = years if years < 18 else None
    if age != expected:
        said = "over 18" if expected is None else f"{expected}"
        raise InvalidInput(
            "age_mismatch",
            f"the date of birth makes the witness {said} at signing",
            field="witness_age",
        )


def _check_contact(fields) -> None:
    if fields["email"]:
        try:
            validate_email(fields["email"])
        except ValidationError:
            raise InvalidInput(
                "invalid_email", "the email address is not valid", field="email"
            ) from None
    if fields["phone"] and not PHONE_PATTERN.match(fields["phone"]):
        raise InvalidInput(
            "invalid_phone",
            "the telephone number may hold digits, spaces, + ( ) and -",
            field="phone",
        )
    preferred = fields["preferred_contact"]
    if preferred and preferred not in CONTACTS:
        raise InvalidInput(
            "invalid_choice",
            f"preferred_contact must be one of {', '.join(sorted(CONTACTS))}",
            field="preferred_contact",
        )
    needed = {"phone": "phone", "email": "email", "post": "address"}.get(preferred)
    if needed and not fields[needed]:
        raise InvalidInput(
            "required", f"{needed} is needed for the preferred contact", field=needed
        )


def _check_further_to(further_to_id, fields) -> None:
    earlier = Statement.objects.filter(pk=further_to_id).values("urn", "witness_name").first()
    if earlier is None:
        raise NotFound("not_found", "the earlier statement does not exist", field="further_to")
    if _same_name(earlier["witness_name"]) != _same_name(fields["witness_name"]):
        raise InvalidInput(
            "different_witness",
            "a further statement must be of the same witness",
            field="further_to",
        )
    if earlier["urn"].upper() != fields["urn"].upper():
        raise InvalidInput(
            "different_urn", "a further statement must carry the same URN", field="further_to"
        )


def _same_name(name: str) -> str:
    return " ".join(name.split()).casefold()
