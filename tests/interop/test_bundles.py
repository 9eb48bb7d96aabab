"""Court bundles: content and hashes in the PDF, logged as a disclosure, checkable again."""

import hashlib
import io
import json
from datetime import timedelta

from pypdf import PdfReader

from frontline import cli
from frontline.audit.models import AuditEvent
from frontline.common.clock import now
from frontline.common.hashing import canonical_json
from frontline.interop.bundles import bundle_notebook_extract, bundle_record
from frontline.interop.retention import retention_decide
from tests.interop.helpers import REASON, records_about_person, tamper

BUNDLE_REASON = "Disclosure to CPS for the trial at Isleworth Crown Court"


def _text(pdf: bytes) -> str:
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def test_bundle_hashes_match_and_verify_record_passes(officer, auditor, capsys):
    records = records_about_person(officer)
    search = records["stopsearch.record"]

    bundle = bundle_record(
        actor=auditor,
        record_type="stopsearch.record",
        record_id=search.pk,
        reason=BUNDLE_REASON,
        recipient="CPS West London",
    )

    # The PDF carries the content, its hash and the command to check it again
    item = bundle.items[0]
    expected = hashlib.sha256(canonical_json(item.content).encode()).hexdigest()
    assert item.content_sha256 == expected
    text = _text(bundle.pdf).replace("\n", "")
    assert search.urn in text and expected in text
    assert f"frontline verify --record {bundle.id}" in text
    # ...it was logged as a disclosure holding the same hash
    event = AuditEvent.objects.get(seq=bundle.audit_seq)
    assert event.action == "disclosure" and event.justification == BUNDLE_REASON
    assert json.loads(event.detail)["records"] == [["stopsearch.record", str(search.pk), expected]]
    # ...and both the bundle and the record verify
    assert cli.main(["verify", "--record", str(bundle.id)]) == 0
    assert cli.main(["verify", "--record", str(search.pk)]) == 0
    assert "Record intact." in capsys.readouterr().out


def test_verify_record_fails_after_tampering(officer, auditor, capsys):
    records = records_about_person(officer)
    search = records["stopsearch.record"]
    statement = records["statement.mg11"]
    bundle = bundle_record(
        actor=auditor, record_type="stopsearch.record", record_id=search.pk, reason=BUNDLE_REASON
    )

    tamper("UPDATE stopsearch_stopsearch SET outcome = 'Arrest' WHERE id = %s", [search.pk])
    tamper("UPDATE statements_statement SET text = 'I saw nothing.' WHERE id = %s", [statement.pk])

    assert cli.main(["verify", "--record", str(bundle.id)]) == 1
    assert "content differs from the bundled content hash" in capsys.readouterr().out
    # A statement never bundled is still checked against the hash it was signed with
    assert cli.main(["verify", "--record", str(statement.pk)]) == 1


def test_incident_bundle_holds_linked_records(officer, auditor):
    records = records_about_person(officer)
    from tests.incidents.helpers import submitted

    statement = records["statement.mg11"]
    report = submitted(officer, links=[{"type": "statement.mg11", "id": str(statement.pk)}])

    bundle = bundle_record(
        actor=auditor, record_type="incident.report", record_id=report.pk, reason=BUNDLE_REASON
    )

    assert [(i.record_type, i.linked) for i in bundle.items] == [
        ("incident.report", False),
        ("statement.mg11", True),
    ]
    assert cli.main(["verify", "--record", str(bundle.id)]) == 0


def test_notebook_extract_over_a_time_range(officer, auditor):
    records_about_person(officer)
    bundle = bundle_notebook_extract(
        actor=auditor,
        collar_number=officer.collar_number,
        start=now() - timedelta(hours=1),
        end=now() + timedelta(minutes=1),
        reason=BUNDLE_REASON,
    )
    assert [item.record_type for item in bundle.items] == ["notebook.entry"]
    assert bundle.items[0].content["hash"] in _text(bundle.pdf).replace("\n", "")
    assert cli.main(["verify", "--record", str(bundle.id)]) == 0


def test_a_disposed_record_verifies_and_says_so(officer, auditor, capsys):
    search = records_about_person(officer)["stopsearch.record"]
    bundle = bundle_record(
        actor=auditor, record_type="stopsearch.record", record_id=search.pk, reason=BUNDLE_REASON
    )
    retention_decide(
        actor=auditor,
        record_type="stopsearch.record",
        record_id=search.pk,
        decision="dispose",
        reason=REASON,
    )
    assert cli.main(["verify", "--record", str(bundle.id)]) == 0
    assert "personal content disposed" in capsys.readouterr().out


def test_evidence_leaves_in_the_bundle_with_its_hashes_and_an_exported_custody_step(
    officer, auditor
):
    from tests.conftest import enrolled_device
    from tests.evidence.helpers import PHOTO, item_create, upload

    entry = records_about_person(officer)["notebook.entry"]
    device, _ = enrolled_device("evidence handset")
    upload(device, PHOTO)
    item = item_create(officer, entry.pk, device=device)

    bundle = bundle_notebook_extract(
        actor=auditor,
        collar_number=officer.collar_number,
        start=now() - timedelta(hours=1),
        end=now() + timedelta(minutes=1),
        reason=BUNDLE_REASON,
        recipient="CPS West London",
    )

    (listed,) = bundle.evidence
    assert listed["id"] == str(item.pk) and listed["sha256"] == item.sha256
    last = listed["custody"][-1]
    assert last["action"] == "exported" and last["by"] == auditor.collar_number
    assert item.sha256 in _text(bundle.pdf).replace("\n", "")
    assert cli.main(["verify", "--record", str(bundle.id)]) == 0
    assert cli.main(["verify", "--quiet"]) == 0  # the custody chain with its new step
