"""Subject access: every record type searched, consultations found, search and export logged."""

import io
import json
from datetime import UTC, date, datetime, timedelta

import pytest
import time_machine
from pypdf import PdfReader

from frontline.audit.models import AuditEvent
from frontline.audit.services import consultation_record
from frontline.checks.imports import reference_import
from frontline.checks.models import Person, Vehicle
from frontline.checks.services import check_person, check_result_open, check_vehicle
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


def test_a_birth_date_of_the_london_day_is_not_in_the_future(auditor):
    """Just after midnight in summer the UTC day is still yesterday; the force's is London's."""
    with time_machine.travel(datetime(2027, 6, 10, 23, 30, tzinfo=UTC), tick=False):
        result = subject_access_search(
            actor=auditor, name=NAME, birth_date=date(2027, 6, 11), reason=SAR_REASON
        )
        with pytest.raises(InvalidInput) as error:
            subject_access_search(
                actor=auditor, name=NAME, birth_date=date(2027, 6, 12), reason=SAR_REASON
            )
    assert result.records == [] and error.value.field == "birth_date"
    assert SubjectAccessSearch.objects.count() == 1


# The subject is in the reference data under her married name, with her birth name as an alias;
# a namesake born on another day is there too, and must never be disclosed to her.
REFERENCE_PERSONS = f"""\
source_id,given_name,family_name,date_of_birth,aliases,markers,wanted,missing,station,\
addresses,identifiers
SA1,Jolanta,Nowak,{BIRTH.isoformat()},Jolanta/Wierzbicka,,no,no,HS,17 Bulwer Street W12,pnc=88/100A
SA2,Jolanta,Wierzbicka,1991-09-09,,,no,no,HS,9 Other Road W6,pnc=91/200B
SA3,Peter,Jones,1970-05-06,,,no,no,,,
"""
REFERENCE_VEHICLES = """source_id,registration,make,model,colour,keeper_source_id,stolen,station
SV1,LK18 WZA,Skoda,Fabia,Grey,SA1,no,HS
SV2,LK18 WZB,Skoda,Octavia,Black,SA2,no,HS
"""
CHECK_REASON = {"reason": "stop_account", "reason_text": "spoke to her outside the station"}


def _reference_loaded() -> dict:
    for kind, text in [("persons", REFERENCE_PERSONS), ("vehicles", REFERENCE_VEHICLES)]:
        report = reference_import(kind=kind, text=text)
        assert report.written, report.rejected
    return {
        "subject": Person.objects.get(source_id="SA1"),
        "namesake": Person.objects.get(source_id="SA2"),
        "her_car": Vehicle.objects.get(source_id="SV1"),
        "namesake_car": Vehicle.objects.get(source_id="SV2"),
    }


def _checks_made(officer, other_officer, reference) -> dict:
    """Checks about her (named, by her car, opened from a loose search) and about others."""
    named = check_person(
        officer=officer, device=None, name=NAME, date_of_birth=BIRTH, **CHECK_REASON
    ).check
    by_car = check_vehicle(officer=officer, device=None, registration="LK18WZA", **CHECK_REASON)
    loose = check_person(officer=other_officer, device=None, name="J Nowak", **CHECK_REASON)
    check_result_open(
        officer=other_officer,
        device=None,
        check_id=loose.check.pk,
        object_type="person",
        object_id=reference["subject"].pk,
    )
    namesake = check_person(
        officer=officer, device=None, name=NAME, date_of_birth=date(1991, 9, 9), **CHECK_REASON
    ).check
    other_car = check_vehicle(officer=officer, device=None, registration="LK18WZB", **CHECK_REASON)
    someone_else = check_person(officer=officer, device=None, name="Peter Jones", **CHECK_REASON)
    return {
        "named": named,
        "by_car": by_car.check,
        "opened": loose.check,
        "namesake": namesake,
        "other_car": other_car.check,
        "someone_else": someone_else.check,
    }


def test_search_finds_her_in_reference_data_in_checks_and_in_records_but_not_her_namesake(
    officer, other_officer, auditor
):
    # Given records about her, reference data about her and a namesake, and checks of both
    records = records_about_person(officer)
    reference = _reference_loaded()
    checks = _checks_made(officer, other_officer, reference)
    assert str(reference["subject"].pk) in checks["named"].result_ids  # found by her alias

    # When an auditor searches by her name and date of birth
    result = subject_access_search(actor=auditor, name=NAME, birth_date=BIRTH, reason=SAR_REASON)

    # Then her records, her reference record and her car are found, and not her namesake's
    assert {match.record_id for match in result.records} == {r.pk for r in records.values()}
    assert [(m.record_type, m.record_id) for m in result.reference_data] == [
        ("checks.person", reference["subject"].pk),
        ("checks.vehicle", reference["her_car"].pk),
    ]
    person = result.reference_data[0].content
    assert person["aliases"] == [{"given_name": "Jolanta", "family_name": "Wierzbicka"}]
    # ...the checks that named her, returned her car or opened her record, and no other check
    roles = {match.record_id: match.role for match in result.checks}
    assert roles == {
        checks["named"].pk: "a check that returned their record",
        checks["by_car"].pk: "a check that returned their record",
        checks["opened"].pk: "a check from which their record was opened",
    }
    # ...with the consultations logged for those checks and for the opening of her record
    consulted = {(event.object_type, event.object_id) for event in result.consultations}
    assert {("checks.check", str(pk)) for pk in roles} <= consulted
    assert ("checks.person", str(reference["subject"].pk)) in consulted
    assert {str(checks[name].pk) for name in ("namesake", "other_car", "someone_else")}.isdisjoint(
        {event.object_id for event in result.consultations}
    )
    # ...and the search is logged with what it found, counted, never who
    logged = json.loads(AuditEvent.objects.get(object_type="interop.subject_access").detail)
    assert logged == {
        "records": 4,
        "reference_data": 2,
        "checks": 3,
        "with_birth_date": True,
    }


def test_a_check_that_named_her_without_finding_her_is_still_found(officer, auditor):
    # Given no reference record of her, and a check that named her with her date of birth
    named = check_person(
        officer=officer, device=None, name=NAME, date_of_birth=BIRTH, **CHECK_REASON
    ).check
    elsewhere = check_person(
        officer=officer, device=None, name=NAME, date_of_birth=date(1990, 1, 1), **CHECK_REASON
    ).check

    result = subject_access_search(actor=auditor, name=NAME, birth_date=BIRTH, reason=SAR_REASON)

    assert [(m.record_id, m.role) for m in result.checks] == [(named.pk, "a check that named them")]
    assert elsewhere.pk not in {m.record_id for m in result.checks}
    assert result.reference_data == []


def test_the_exports_carry_the_reference_data_and_the_checks(officer, other_officer, auditor):
    reference = _reference_loaded()
    checks = _checks_made(officer, other_officer, reference)
    search = subject_access_search(actor=auditor, name=NAME, birth_date=BIRTH, reason=SAR_REASON)

    body, _ = subject_access_export(
        actor=auditor, search_id=search.search.pk, format="json", reason=SAR_REASON
    )
    document = json.loads(body)
    assert [r["content"].get("registration") for r in document["reference_data"]] == [
        None,
        "LK18 WZA",
    ]
    assert {r["record_id"] for r in document["checks"]} == {
        str(checks[name].pk) for name in ("named", "by_car", "opened")
    }
    assert "LK18 WZB" not in body.decode() and "9 Other Road" not in body.decode()

    pdf, _ = subject_access_export(
        actor=auditor, search_id=search.search.pk, format="pdf", reason=SAR_REASON
    )
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert "Reference data: person" in text and "LK18 WZA" in text
    assert str(checks["opened"].pk) in text and "LK18 WZB" not in text
    disclosed = [
        json.loads(event.detail)
        for event in AuditEvent.objects.filter(action="disclosure").order_by("seq")
    ]
    assert [(d["format"], d["reference_data"], d["checks"]) for d in disclosed] == [
        ("json", 2, 3),
        ("pdf", 2, 3),
    ]
