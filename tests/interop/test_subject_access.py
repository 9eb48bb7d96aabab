"""Subject access: every record type searched, consultations found, search and export logged."""

import json
from datetime import date, timedelta

import pytest
from pypdf import PdfReader

from frontline.audit.models import AuditEvent
from frontline.audit.services import consultation_record
from frontline.common.errors import InvalidInput
from frontline.interop.models import SubjectAccessSearch
from frontline.interop.subject_access import subject_access_export, subject_access_search
from tests.interop.helpers import BIRTH, NAME, records_about_person

SAR_REASON = "Subject access request SAR-2026-0113 received by post"


def test_search_finds_the_person_in_every_record_type_and_the_consultations_of_them(
    officer, supervisor, auditor
):
    # Given records about the person of every type, one consulted by a supervisor
    records = records_about_person(officer)
    search_record = records["stopsearch.record"]
    consultation_record(
        actor=supervisor,
        object_type="stopsearch.record",
        object_id=search_record.pk,
        justification="Reviewing the search for the scrutiny panel",
    )

    # When an auditor searches by name and date of birth
    result = subject_access_search(actor=auditor, name=NAME, birth_date=BIRTH, reason=SAR_REASON)

    # Then every record type is found; the notebook by the name in its text
    found = {(match.record_type, match.record_id) for match in result.records}
    assert found == {(record_type, record.pk) for record_type, record in records.items()}
    # ...the supervisor's consultation of the search is listed
    assert [(e.actor_id, e.object_id) for e in result.consultations] == [
        (supervisor.pk, str(search_record.pk))
    ]
    # ...and the search itself is logged as a consultation naming the search, not the person
    logged = AuditEvent.objects.get(object_type="interop.subject_access")
    assert logged.action == "consultation" and logged.actor_id == auditor.pk
    assert logged.object_id == str(result.search.pk) and logged.justification == SAR_REASON
    assert NAME not in logged.detail


def test_a_different_date_of_birth_finds_only_the_notebook_mention(officer, auditor):
    records_about_person(officer)
    result = subject_access_search(
        actor=auditor, name=NAME, birth_date=date(1990, 1, 1), reason=SAR_REASON
    )
    assert {match.record_type for match in result.records} == {"notebook.entry"}


def test_json_and_pdf_exports_hold_the_records_and_are_logged_as_disclosures(officer, auditor):
    records = records_about_person(officer)
    search = subject_access_search(actor=auditor, name=NAME, birth_date=BIRTH, reason=SAR_REASON)

    body, media_type = subject_access_export(
        actor=auditor, search_id=search.search.pk, format="json", reason=SAR_REASON
    )
    document = json.loads(body)
    assert media_type == "application/json"
    assert document["subject"] == {"name": NAME, "date_of_birth": BIRTH.isoformat()}
    assert {r["record_id"] for r in document["records"]} == {str(r.pk) for r in records.values()}

    pdf, media_type = subject_access_export(
        actor=auditor, search_id=search.search.pk, format="pdf", reason=SAR_REASON
    )
    text = " ".join(page.extract_text() for page in PdfReader(__import__("io").BytesIO(pdf)).pages)
    assert media_type == "application/pdf"
    assert NAME in text and str(records["stopsearch.record"].pk) in text

    disclosures = AuditEvent.objects.filter(
        action="disclosure", object_type="interop.subject_access"
    )
    assert [json.loads(e.detail)["format"] for e in disclosures] == ["json", "pdf"]


@pytest.mark.parametrize(
    ("name", "birth", "reason", "field"),
    [
        ("J", None, SAR_REASON, "name"),
        ("x" * 201, None, SAR_REASON, "name"),
        (NAME, date.today() + timedelta(days=2), SAR_REASON, "birth_date"),
        (NAME, None, "", "reason"),
    ],
)
def test_bad_searches_are_refused_and_logged_nowhere(auditor, name, birth, reason, field):
    before = AuditEvent.objects.count()
    with pytest.raises(InvalidInput) as error:
        subject_access_search(actor=auditor, name=name, birth_date=birth, reason=reason)
    assert error.value.field == field
    assert AuditEvent.objects.count() == before and not SubjectAccessSearch.objects.exists()
