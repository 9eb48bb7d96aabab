"""Subject access: find every record and consultation mentioning a person, and disclose them.

The search runs each record type's finder (audit.keeping), then each other subject source: the
reference data checks are made against, and the checks that named or showed the person; then the
consultations and disclosures logged against everything found. The search is logged as a
consultation and each export as a disclosure (DPA 2018 s62), both naming this search's id,
never the person.
"""

from dataclasses import dataclass, field
from datetime import date
from uuid import UUID

from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from frontline.audit.keeping import (
    SubjectMatch,
    record_keeping_all,
    record_keeping_get,
    subject_sources_all,
)
from frontline.audit.models import CONSULTATION, DISCLOSURE, AuditEvent
from frontline.audit.services import audit_record, justification_clean
from frontline.common.clock import london_today, now
from frontline.common.errors import InvalidInput, NotFound
from frontline.common.ids import uuid7
from frontline.common.text import has_control_characters
from frontline.interop.models import SubjectAccessSearch
from frontline.interop.readable import readable_lines

OBJECT_TYPE = "interop.subject_access"
NAME_MIN = 2
NAME_MAX = 200
FORMATS = ("json", "pdf")
CONSULTATION_LIMIT = 2_000


@dataclass(frozen=True)
class SubjectAccessResult:
    search: SubjectAccessSearch
    records: list[SubjectMatch]
    consultations: list[AuditEvent]
    reference_data: list[SubjectMatch] = field(default_factory=list)
    checks: list[SubjectMatch] = field(default_factory=list)


@dataclass(frozen=True)
class _Found:
    """What one search found, before it is recorded."""

    records: list[SubjectMatch]
    reference_data: list[SubjectMatch]
    checks: list[SubjectMatch]

    @property
    def all(self) -> list[SubjectMatch]:
        return self.records + self.reference_data + self.checks


def subject_access_search(
    *, actor, name: str, birth_date: date | None, reason: str, device=None
) -> SubjectAccessResult:
    name = _name_clean(name)
    if birth_date is not None and birth_date > london_today():
        raise InvalidInput(
            "in_the_future", "the date of birth is in the future", field="birth_date"
        )
    reason = justification_clean(reason or "")
    found = _find(name, birth_date)
    with transaction.atomic():
        search = SubjectAccessSearch.objects.create(
            id=uuid7(),
            name=name,
            birth_date=birth_date,
            reason=reason,
            searched_by=actor,
            searched_at=now(),
            matches=[[match.record_type, str(match.record_id)] for match in found.all],
        )
        audit_record(
            action=CONSULTATION,
            object_type=OBJECT_TYPE,
            object_id=search.pk,
            actor=actor,
            device=device,
            justification=reason,
            detail={**_counts(found), "with_birth_date": birth_date is not None},
        )
    return _result(search, found)


def subject_access_get(*, search_id: UUID) -> SubjectAccessResult:
    """A search again, as found now (records disposed since are no longer there)."""
    search = SubjectAccessSearch.objects.filter(pk=search_id).select_related("searched_by").first()
    if search is None:
        raise NotFound("not_found", "no such subject access search", field="search_id")
    return _result(search, _find(search.name, search.birth_date))


def subject_access_export(
    *, actor, search_id: UUID, format: str, reason: str, device=None
) -> tuple[bytes, str]:
    """The disclosure: the export's bytes and media type, logged as a disclosure."""
    if format not in FORMATS:
        raise InvalidInput("invalid", "the format must be json or pdf", field="format")
    reason = justification_clean(reason or "")
    result = subject_access_get(search_id=search_id)
    document = subject_access_document(result)
    if format == "json":
        import json

        body = json.dumps(document, ensure_ascii=False, indent=1).encode()
        media_type = "application/json"
    else:
        body = _pdf(result, document)
        media_type = "application/pdf"
    with transaction.atomic():
        audit_record(
            action=DISCLOSURE,
            object_type=OBJECT_TYPE,
            object_id=search_id,
            actor=actor,
            device=device,
            justification=reason,
            detail={"format": format, **_counts(result)},
        )
    return body, media_type


def subject_access_document(result: SubjectAccessResult) -> dict:
    search = result.search
    return {
        "format": "frontline-subject-access-v1",
        "search_id": str(search.pk),
        "subject": {
            "name": search.name,
            "date_of_birth": search.birth_date.isoformat() if search.birth_date else None,
        },
        "searched_at": search.searched_at.isoformat(),
        "searched_by": search.searched_by.collar_number,
        "generated_at": now().isoformat(),
        "records": [_match_document(match) for match in result.records],
        "reference_data": [_match_document(match) for match in result.reference_data],
        "checks": [_match_document(match) for match in result.checks],
        "consultations": [
            {
                "seq": event.seq,
                "at": event.at.isoformat(),
                "action": event.action,
                "by": event.actor.collar_number if event.actor_id else None,
                "record_type": event.object_type,
                "record_id": event.object_id,
                "reason": event.justification,
            }
            for event in result.consultations
        ],
    }


def _match_document(match: SubjectMatch) -> dict:
    return {
        "record_type": match.record_type,
        "record_id": str(match.record_id),
        "made_at": match.made_at.isoformat(),
        "officer": match.officer,
        "role": match.role,
        "content": match.content,
    }


def _find(name: str, birth_date: date | None) -> _Found:
    records = []
    for keeping in record_keeping_all():
        records += keeping.subject_find(name, birth_date)
    sections: dict[str, list[SubjectMatch]] = {"reference_data": [], "checks": []}
    for source in subject_sources_all():
        sections[source.section] += source.find(name, birth_date)
    return _Found(records, sections["reference_data"], sections["checks"])


def _result(search: SubjectAccessSearch, found: _Found) -> SubjectAccessResult:
    return SubjectAccessResult(
        search=search,
        records=found.records,
        consultations=_consultations(found.all),
        reference_data=found.reference_data,
        checks=found.checks,
    )


def _counts(found) -> dict:
    """How much was found, for the audit event: counts only, never who."""
    return {
        "records": len(found.records),
        "reference_data": len(found.reference_data),
        "checks": len(found.checks),
    }


def _consultations(records: list[SubjectMatch]) -> list[AuditEvent]:
    ids = [str(match.record_id) for match in records]
    if not ids:
        return []
    return list(
        AuditEvent.objects.filter(action__in=[CONSULTATION, DISCLOSURE], object_id__in=ids)
        .select_related("actor")
        .order_by("seq")[:CONSULTATION_LIMIT]
    )


def _name_clean(name: str) -> str:
    name = " ".join((name or "").split())
    if len(name) < NAME_MIN:
        raise InvalidInput("too_short", "give at least two letters of the name", field="name")
    if len(name) > NAME_MAX:
        raise InvalidInput(
            "too_long", f"the name may be at most {NAME_MAX} characters", field="name"
        )
    if has_control_characters(name):
        raise InvalidInput(
            "control_characters", "the name contains control characters", field="name"
        )
    return name


def _pdf(result: SubjectAccessResult, document: dict) -> bytes:
    import weasyprint

    html = render_to_string(
        "interop/subject_access_pdf.html",
        {
            "document": document,
            "search": result.search,
            "records": [_readable(match) for match in result.records],
            "reference_data": [_readable(match) for match in result.reference_data],
            "checks": [_readable(match) for match in result.checks],
            "consultations": result.consultations,
            "generated_at": timezone.localtime(now()),
        },
    )
    return weasyprint.HTML(string=html, url_fetcher=_no_fetch).write_pdf()


def _readable(match: SubjectMatch) -> dict:
    return {
        "label": match.label or _label(match.record_type),
        "match": match,
        "made_at": timezone.localtime(match.made_at),
        "lines": readable_lines(match.content),
    }


def _label(record_type: str) -> str:
    keeping = record_keeping_get(record_type)
    return keeping.label if keeping else record_type


def _no_fetch(url, *args, **kwargs):
    raise ValueError("the PDF embeds everything it needs: nothing is fetched")
