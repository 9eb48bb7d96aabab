"""Retention review: what is due when, decisions with who and when, and provable disposal."""

import json
from datetime import date, timedelta
from uuid import uuid4

import pytest

from frontline import cli
from frontline.audit.integrity import chains_verify_all
from frontline.audit.models import AuditEvent, Disposal
from frontline.common.clock import now
from frontline.common.errors import Conflict, InvalidInput
from frontline.evidence.content import content_response
from frontline.evidence.models import EvidenceItem
from frontline.evidence.services import evidence_item_create
from frontline.interop.models import ReviewDecision
from frontline.interop.retention import LONDON, retention_decide, retention_due
from frontline.sync.blobs import blob_path
from frontline.sync.models import Blob
from tests.evidence.helpers import PHOTO, sha
from tests.evidence.helpers import upload as evidence_upload
from tests.interop.helpers import (
    ADDRESS,
    BIRTH,
    NAME,
    REASON,
    database_holds,
    records_about_person,
    tamper,
)
from tests.statements.helpers import signature_device, take_statement


def _due_on(record) -> date:
    made = record.recorded_at.astimezone(LONDON)
    return made.replace(year=made.year + 6).date()


def _due_ids(on, **filters):
    return {item.record.record_id for item in retention_due(on=on, **filters)}


def test_a_record_falls_due_on_the_day_its_six_years_have_run(officer):
    # Given records about a person, received today
    records = records_about_person(officer)
    due_on = _due_on(records["stopsearch.record"])

    # Then none is due the day before six years have run, and every one is due on the day
    assert _due_ids(due_on - timedelta(days=1)) == set()
    assert _due_ids(due_on) == {record.pk for record in records.values()}


def test_due_list_filters_by_type_and_station(officer, other_officer):
    records = records_about_person(officer)
    later = _due_on(records["stopsearch.record"]) + timedelta(days=1)

    assert _due_ids(later, record_type="stopsearch.record") == {records["stopsearch.record"].pk}
    assert _due_ids(later, station=officer.station.code) == {r.pk for r in records.values()}
    assert _due_ids(later, station="NOPE") == set()
    with pytest.raises(InvalidInput) as error:
        retention_due(on=later, record_type="nonsense.type")
    assert error.value.field == "record_type"


def test_retain_defers_the_review_to_the_next_review_date(officer, auditor, settings):
    records = records_about_person(officer)
    search = records["stopsearch.record"]
    first_due = _due_on(search)
    settings.RETENTION_REVIEW_YEARS = ["stopsearch.record=0"]  # due now: review it today
    today = search.recorded_at.astimezone(LONDON).date()
    assert search.pk in _due_ids(today, record_type="stopsearch.record")

    # When an auditor retains it until next year
    next_review = today + timedelta(days=365)
    decision = retention_decide(
        actor=auditor,
        record_type="stopsearch.record",
        record_id=search.pk,
        decision="retain",
        reason=REASON,
        next_review_on=next_review,
    )

    # Then it is recorded with who and when, and due again only on the next review date
    assert decision.decided_by == auditor and decision.decided_at is not None
    assert search.pk not in _due_ids(next_review - timedelta(days=1))
    assert search.pk in _due_ids(next_review)
    assert first_due > next_review
    assert (
        AuditEvent.objects.filter(action="retention.retain", object_id=str(search.pk)).count() == 1
    )


@pytest.mark.parametrize(
    ("decision", "reason", "next_review", "field"),
    [
        ("dispose", "", None, "reason"),
        ("dispose", "   ", None, "reason"),
        ("retain", REASON, None, "next_review_on"),
        ("retain", REASON, date(2020, 1, 1), "next_review_on"),
        ("archive", REASON, None, "decision"),
    ],
)
def test_bad_decisions_are_refused_and_change_nothing(
    officer, auditor, decision, reason, next_review, field
):
    records = records_about_person(officer)
    search = records["stopsearch.record"]
    before = AuditEvent.objects.count()

    with pytest.raises(InvalidInput) as error:
        retention_decide(
            actor=auditor,
            record_type="stopsearch.record",
            record_id=search.pk,
            decision=decision,
            reason=reason,
            next_review_on=next_review,
        )

    assert error.value.field == field
    assert not ReviewDecision.objects.exists() and not Disposal.objects.exists()
    assert AuditEvent.objects.count() == before
    search.refresh_from_db()
    assert search.person_name == NAME


def test_disposal_leaves_no_personal_content_and_every_chain_verifies(officer, auditor, capsys):
    # Given records about a person in every record type, and the database holding their details
    records = records_about_person(officer)
    assert database_holds(NAME) and database_holds(ADDRESS)

    # When each is reviewed and disposed
    for record_type, record in records.items():
        retention_decide(
            actor=auditor,
            record_type=record_type,
            record_id=record.pk,
            decision="dispose",
            reason=REASON,
        )

    # Then the name, the address and the date of birth are nowhere in the database
    assert database_holds(NAME) == []
    assert database_holds(ADDRESS) == []
    search = type(records["stopsearch.record"]).objects.get(pk=records["stopsearch.record"].pk)
    assert search.person_date_of_birth is None and BIRTH.isoformat() not in str(search.__dict__)
    # ...each record keeps a tombstone with its decision and audit event
    disposals = {d.record_id: d for d in Disposal.objects.all()}
    assert set(disposals) == {record.pk for record in records.values()}
    entry = records["notebook.entry"]
    assert entry.hash in disposals[entry.pk].proof
    for disposal in disposals.values():
        decision = ReviewDecision.objects.get(pk=disposal.decision_id)
        assert decision.decision == "dispose" and decision.decided_by == auditor
        assert AuditEvent.objects.get(seq=disposal.audit_seq).action == "retention.dispose"
    # ...and every chain still verifies, from the library and from the command line
    assert [brk for report in chains_verify_all() for brk in report.breaks] == []
    assert cli.main(["verify", "--quiet"]) == 0
    # ...and nothing is due for review any more
    assert _due_ids(_due_on(search) + timedelta(days=1)) == set()


def test_a_blanked_entry_without_a_recorded_decision_is_a_break(officer, auditor):
    # Given a disposed entry, and another entry whose text someone blanked with no decision
    records = records_about_person(officer)
    entry = records["notebook.entry"]
    retention_decide(
        actor=auditor,
        record_type="notebook.entry",
        record_id=entry.pk,
        decision="dispose",
        reason=REASON,
    )
    other = records_about_person(officer)["notebook.entry"]
    tamper("UPDATE notebook_notebookentry SET text = '' WHERE id = %s", [other.pk])

    # Then verification names that entry, and only that one
    breaks = [brk for report in chains_verify_all() for brk in report.breaks]
    assert len(breaks) == 1 and other.pk.hex in str(breaks[0])


def test_a_second_disposal_of_the_same_record_is_refused(officer, auditor):
    search = records_about_person(officer)["stopsearch.record"]
    retention_decide(
        actor=auditor,
        record_type="stopsearch.record",
        record_id=search.pk,
        decision="dispose",
        reason=REASON,
    )
    with pytest.raises(InvalidInput):
        retention_decide(
            actor=auditor,
            record_type="stopsearch.record",
            record_id=search.pk,
            decision="dispose",
            reason=REASON,
        )
    assert ReviewDecision.objects.count() == 1


def test_the_due_list_from_the_command_line(officer, capsys):
    records = records_about_person(officer)
    on = _due_on(records["stopsearch.record"])

    assert cli.main(["retention-due", "--on", on.isoformat(), "--type", "stopsearch.record"]) == 0
    out = capsys.readouterr().out
    assert str(records["stopsearch.record"].pk) in out and NAME not in out
    assert cli.main(["retention-due", "--on", "31/12/2032"]) == 2


def test_disposal_removes_photos_and_signature_images_and_stays_provable(
    officer, auditor, settings, tmp_path, django_capture_on_commit_callbacks
):
    # Given a statement with its signature image, and a photo attached to it
    settings.MEDIA_ROOT = str(tmp_path)
    statement = take_statement(officer, witness_name=NAME, birth_date=BIRTH, address=ADDRESS)
    evidence_upload(signature_device())
    item = evidence_item_made(officer, statement.pk, description=f"Injury to {NAME}'s arm")
    signature, photo = statement.signature_sha256, item.sha256
    assert blob_path(signature).is_file() and blob_path(photo).is_file()

    # When both are reviewed and disposed, each under its own decision
    with django_capture_on_commit_callbacks(execute=True):
        for record_type, record in [("evidence.item", item), ("statement.mg11", statement)]:
            retention_decide(
                actor=auditor,
                record_type=record_type,
                record_id=record.pk,
                decision="dispose",
                reason=REASON,
            )

    # Then the files are gone from the data directory and from the database
    assert not blob_path(signature).exists() and not blob_path(photo).exists()
    assert not Blob.objects.filter(pk__in=[signature, photo]).exists()
    assert database_holds(NAME) == [] and database_holds("scene.png") == []
    assert EvidenceItem.objects.get(pk=item.pk).sha256 == photo  # the hash is kept
    # ...the removal is provable: tombstones with the hashes, audit events naming the blobs
    proofs = {d.record_type: json.loads(d.proof) for d in Disposal.objects.all()}
    assert proofs["evidence.item"] == {"hash": item.hash, "sha256": photo}
    assert proofs["statement.mg11"] == {
        "content_hash": statement.content_hash,
        "signature_sha256": signature,
    }
    removed = {
        event.object_type: json.loads(event.detail)["blobs_removed"]
        for event in AuditEvent.objects.filter(action="retention.dispose")
    }
    assert removed == {"evidence.item": [photo], "statement.mg11": [signature]}
    # ...the custody chain and every other chain verify, and the item's bytes are refused
    assert [brk for report in chains_verify_all() for brk in report.breaks] == []
    assert cli.main(["verify", "--quiet"]) == 0
    with pytest.raises(Conflict) as refused:
        content_response(EvidenceItem.objects.get(pk=item.pk))
    assert refused.value.code == "disposed"


def test_a_photo_another_kept_item_uses_is_not_removed(
    officer, auditor, settings, tmp_path, django_capture_on_commit_callbacks
):
    # Given the same bytes attached twice (blobs are shared by content)
    settings.MEDIA_ROOT = str(tmp_path)
    statement = take_statement(officer)
    evidence_upload(signature_device())
    first = evidence_item_made(officer, statement.pk)
    second = evidence_item_made(officer, statement.pk)

    # When one item is disposed
    with django_capture_on_commit_callbacks(execute=True):
        retention_decide(
            actor=auditor,
            record_type="evidence.item",
            record_id=first.pk,
            decision="dispose",
            reason=REASON,
        )

    # Then the bytes stay for the other, and the item it was is blanked; chains verify
    assert blob_path(second.sha256).is_file() and Blob.objects.filter(pk=second.sha256).exists()
    assert EvidenceItem.objects.get(pk=first.pk).description == ""
    assert EvidenceItem.objects.get(pk=second.pk).description != ""
    assert "blobs_removed" not in json.loads(
        AuditEvent.objects.get(action="retention.dispose").detail
    )
    assert [brk for report in chains_verify_all() for brk in report.breaks] == []


def test_a_blanked_evidence_item_without_a_recorded_decision_is_a_break(officer):
    statement = take_statement(officer)
    evidence_upload(signature_device())
    item = evidence_item_made(officer, statement.pk)

    tamper("UPDATE evidence_evidenceitem SET description = '' WHERE id = %s", [item.pk])

    breaks = [brk for report in chains_verify_all() for brk in report.breaks]
    assert [brk.chain for brk in breaks] == [f"evidence:{item.pk.hex}"]


def evidence_item_made(officer, statement_id, **overrides):
    values = {
        "officer": officer,
        "item_id": uuid4(),
        "sha256": sha(PHOTO),
        "media_type": "image/png",
        "size": len(PHOTO),
        "filename": "scene.png",
        "captured_at": now() - timedelta(minutes=5),
        "description": "Rear door of the shop, forced.",
        "record_type": "statement.mg11",
        "record_id": statement_id,
        "app_version": "1.4.0",
    }
    values.update(overrides)
    return evidence_item_create(**values).item
