"""What information management needs from incident reports (see frontline.audit.keeping).

Disposal blanks the personal content of the report and of every submitted version: the
narrative, addresses and places, and each person's name, date of birth and description, and
vehicle registrations. What remains (category, times, roles, links) still counts the incident.
The tombstone keeps every version's chain hash, so the versions' chain remains provable.
"""

import json
from uuid import UUID

from django.db.models import Prefetch

from frontline.audit.keeping import HeldRows, RecordKeeping, SubjectMatch, record_keeping_register
from frontline.audit.selectors import disposal_get
from frontline.common.appendonly import append_only_redact
from frontline.common.hashing import GENESIS_HASH
from frontline.incidents.models import IncidentReport, ReportReview, ReportVersion
from frontline.incidents.pole import pole_document
from frontline.incidents.workflow import report_version_hash

RECORD_TYPE = "incident.report"
SUBJECT_LIMIT = 500
SCAN_LIMIT = 5_000  # reports whose stored text mentions the name, checked person by person


def register() -> None:
    held_rows = HeldRows(
        record_type=RECORD_TYPE,
        rows=IncidentReport.objects.all,
        made_at="created_at",
        officer="author",
        station="author__station",
        summary=lambda report: f"{report.category} ({report.status})",
    )
    record_keeping_register(
        RecordKeeping(
            record_type=RECORD_TYPE,
            label="Incident report",
            review_years=6,
            held=held_rows.held,
            held_get=held_rows.held_get,
            dispose=report_dispose,
            subject_find=reports_about_person,
            content=report_content,
            verify=report_versions_verify,
            formats={"pole": report_pole},
        )
    )


def report_dispose(record_id: UUID) -> dict | None:
    report = IncidentReport.objects.filter(pk=record_id).first()
    if report is None:
        return None
    IncidentReport.objects.filter(pk=record_id).update(content=content_redacted(report.content))
    versions = {}
    for version in ReportVersion.objects.filter(report_id=record_id).order_by("number"):
        versions[str(version.number)] = version.hash
        append_only_redact(
            ReportVersion.objects.filter(pk=version.pk), content=content_redacted(version.content)
        )
    return {"versions": versions}


def content_redacted(content: dict) -> dict:
    """The report's content without what identifies a person or a place."""
    kept = {**content, "narrative": "", "address": "", "latitude": None, "longitude": None}
    kept["persons"] = [
        {**person, "name": "", "date_of_birth": None, "description": ""}
        for person in content.get("persons", [])
    ]
    kept["objects"] = [
        {**item, "description": "", "registration": ""} for item in content.get("objects", [])
    ]
    kept["locations"] = [
        {**place, "address": "", "latitude": None, "longitude": None, "description": ""}
        for place in content.get("locations", [])
    ]
    return kept


def reports_about_person(name: str, birth_date) -> list[SubjectMatch]:
    wanted = name.casefold()
    matches = []
    candidates = (
        IncidentReport.objects.filter(content__icontains=name)
        .select_related("author")
        .order_by("created_at")[:SCAN_LIMIT]
    )
    for report in candidates:
        persons = [
            person
            for person in report.content.get("persons", [])
            if wanted in (person.get("name") or "").casefold()
            and (birth_date is None or person.get("date_of_birth") == birth_date.isoformat())
        ]
        if persons:
            roles = sorted({role for person in persons for role in person.get("roles", [])})
            matches.append(
                SubjectMatch(
                    record_type=RECORD_TYPE,
                    record_id=report.pk,
                    made_at=report.created_at,
                    officer=report.author.collar_number,
                    role=", ".join(roles) or "named",
                    content=_content(report, list(report.versions.order_by("number"))),
                )
            )
        if len(matches) >= SUBJECT_LIMIT:
            break
    return matches


def report_content(record_id: UUID) -> dict | None:
    report = IncidentReport.objects.filter(pk=record_id).select_related("author").first()
    if report is None:
        return None
    return _content(report, list(report.versions.order_by("number")))


def report_versions_verify(record_id: UUID) -> list[str]:
    """Every submitted version hashes to its stored hash and links to the one before."""
    versions = list(ReportVersion.objects.filter(report_id=record_id).order_by("number"))
    disposal = disposal_get(record_type=RECORD_TYPE, record_id=record_id)
    disposed_hashes = (
        set(json.loads(disposal.proof).get("versions", {}).values()) if disposal else set()
    )
    problems = []
    prev = GENESIS_HASH
    for expected, version in enumerate(versions, start=1):
        where = f"incident report {record_id} version {version.number}"
        if version.number != expected:
            problems.append(f"{where}: expected version {expected}: versions missing")
        if version.prev_hash != prev:
            problems.append(f"{where}: prev_hash does not match the previous version")
        if report_version_hash(version) != version.hash and version.hash not in disposed_hashes:
            problems.append(f"{where}: hash does not match the version's contents")
        prev = version.hash
    return problems


def report_pole(record_id: UUID) -> dict | None:
    """The latest submitted version in the POLE shape of the incidents export."""
    version = (
        ReportVersion.objects.filter(report_id=record_id)
        .select_related("report", "author")
        .prefetch_related(
            Prefetch(
                "reviews",
                queryset=ReportReview.objects.filter(decision="approved").select_related(
                    "reviewer"
                ),
                to_attr="approvals",
            )
        )
        .order_by("-number")
        .first()
    )
    return {"format": "frontline-pole-v1", **pole_document([version])} if version else None


def _content(report: IncidentReport, versions: list[ReportVersion]) -> dict:
    return {
        "id": str(report.pk),
        "author": report.author.collar_number,
        "status": report.status,
        "category": report.category,
        "created_at": report.created_at.isoformat(),
        "submitted_at": report.submitted_at.isoformat() if report.submitted_at else None,
        "content": report.content,
        "versions": [
            {
                "number": version.number,
                "submitted_at": version.submitted_at.isoformat(),
                "hash": version.hash,
                "prev_hash": version.prev_hash,
            }
            for version in versions
        ],
    }
