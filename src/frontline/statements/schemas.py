"""API shapes for witness statements (MG11).

The same fields arrive through `POST /api/v1/statements` and, as the payload of a
`statement.mg11` mutation, through `/api/v1/sync/push`. Shapes check types and lengths; the
rules between fields (ages, dates, the earlier statement) are the service's.
"""

from datetime import date, datetime
from typing import Literal
from uuid import UUID

from ninja import Schema
from pydantic import AwareDatetime, ConfigDict, Field

TEXT_MAX = 50_000  # the statement in the witness's words; the service enforces the same limit


class StatementPayload(Schema):
    """A signed MG11 as the device sends it. The record id travels beside it (sync) or in `id`."""

    model_config = ConfigDict(extra="forbid")

    urn: str = Field(min_length=1, max_length=40, description="case unique reference number")
    witness_name: str = Field(min_length=1, max_length=200, description="statement of")
    witness_age: int | None = Field(
        None, ge=1, le=17, description="only for a witness under 18; null means over 18"
    )
    occupation: str = Field("", max_length=200)
    text: str = Field(min_length=1, max_length=TEXT_MAX, description="the witness's own words")
    signature_sha256: str = Field(
        min_length=64,
        max_length=64,
        description="SHA-256 of the signature PNG, uploaded through /api/v1/uploads",
    )
    signed_at: AwareDatetime = Field(description="when the witness signed, with UTC offset")
    witnessed_by: str = Field("", max_length=200, description="signature witnessed by")
    taken_at: AwareDatetime = Field(description="when taking the statement began")
    taken_place: str = Field(min_length=1, max_length=200)
    further_to: UUID | None = Field(None, description="earlier statement of the same witness")
    # Restricted rear page.
    address: str = Field("", max_length=500)
    phone: str = Field("", max_length=30)
    email: str = Field("", max_length=254)
    birth_date: date | None = None
    birth_place: str = Field("", max_length=200)
    preferred_contact: Literal["", "phone", "email", "post", "in_person"] = ""
    dates_unavailable: str = Field("", max_length=1000)
    needs: str = Field("", max_length=2000, description="needs and special measures")
    consent_victim_personal_statement: bool | None = None
    consent_medical_records: bool | None = None


class StatementIn(StatementPayload):
    id: UUID = Field(description="made on the device; sending the same statement again is safe")


class RestrictedOut(Schema):
    address: str
    phone: str
    email: str
    birth_date: date | None
    birth_place: str
    preferred_contact: str
    dates_unavailable: str
    needs: str
    consent_victim_personal_statement: bool | None
    consent_medical_records: bool | None


class StatementOut(Schema):
    id: UUID
    author_id: UUID
    urn: str
    witness_name: str
    witness_age: int | None
    occupation: str
    text: str
    signature_sha256: str
    signature_received: bool
    signed_at: datetime
    witnessed_by: str
    taken_by_name: str
    taken_by_collar: str
    taken_station: str
    taken_at: datetime
    taken_place: str
    further_to: UUID | None
    further_statements: list[UUID]
    recorded_at: datetime
    content_hash: str
    restricted: RestrictedOut | None = Field(
        description="the rear page: for the author, or on request with a logged reason"
    )


class StatementSummary(Schema):
    id: UUID
    urn: str
    witness_name: str
    signed_at: datetime
    recorded_at: datetime
    further_to: UUID | None

    @staticmethod
    def resolve_further_to(obj) -> UUID | None:
        # The id, not the related statement: no query per row, and a UUID as the shape says.
        return obj.further_to_id


class StatementPage(Schema):
    statements: list[StatementSummary]
    more: bool = Field(description="older statements remain: ask again with before")
    next_before: UUID | None
