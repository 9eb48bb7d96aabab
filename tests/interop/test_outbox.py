"""The outbox: queued from committed changes, delivered exactly once, signed, retried, replayed."""

import csv
import io
import json
import time

import pytest
from django.db import transaction

from frontline import cli
from frontline.audit.models import AuditEvent
from frontline.common.errors import InvalidInput
from frontline.interop.destinations import destination_create
from frontline.interop.models import DEAD, DELIVERED, PENDING, Delivery, Destination
from frontline.interop.outbox import backoff, delivery_replay, outbox_run_once
from frontline.interop.signing import signature_make, signature_verify
from tests.interop.receiver import Receiver
from tests.statements.helpers import take_statement
from tests.stopsearch.helpers import record as stop_search_made

SECRET = "s3cret-shared-with-the-force-records-system"


@pytest.fixture(autouse=True)
def _no_waiting(settings):
    settings.OUTBOX_BACKOFF_SECONDS = 0  # retries are due at once; backoff has its own test
    settings.OUTBOX_MAX_ATTEMPTS = 8


@pytest.fixture
def receiver():
    receiver = Receiver(SECRET, fail_first=2).start()
    yield receiver
    receiver.stop()


def _http_destination(admin, url, **overrides):
    values = {
        "actor": admin,
        "name": "Force records system",
        "kind": "http",
        "url": url,
        "secret": SECRET,
        "record_types": ["stopsearch.record"],
        "events": ["created"],
        "format": "json",
    }
    values.update(overrides)
    return destination_create(**values)


def test_delivers_exactly_once_through_failures_and_a_receiver_restart(
    officer, admin_officer, receiver
):
    # Given a destination, and a receiver that fails its first two attempts
    _http_destination(admin_officer, receiver.url)
    search = stop_search_made(officer)

    # When the worker runs: two failures, then the receiver is down, then back on its port
    assert outbox_run_once().retried == 1
    assert outbox_run_once().retried == 1
    receiver.stop()
    down = outbox_run_once()
    assert down.retried == 1
    assert "connection failed" in Delivery.objects.get().last_error
    restarted = Receiver(SECRET, port=receiver.port).start()
    try:
        assert outbox_run_once().delivered == 1
        # ...and the worker dies after sending but before recording it: it will send again
        Delivery.objects.update(status=PENDING)
        assert outbox_run_once().delivered == 1
        assert outbox_run_once().delivered == 0
    finally:
        restarted.stop()

    # Then the record reached the system once, signed, in the Frontline JSON shape
    assert receiver.attempts == 2 and receiver.processed == []
    assert restarted.attempts == 2 and restarted.rejected_signatures == 0
    assert [body["record_id"] for body in restarted.processed] == [str(search.pk)]
    body = restarted.processed[0]
    assert body["event"] == "created" and body["record"]["urn"] == search.urn
    delivery = Delivery.objects.get()
    assert delivery.status == DELIVERED and delivery.attempts == 5


def test_a_receiver_with_another_secret_rejects_and_the_delivery_becomes_a_dead_letter(
    officer, admin_officer, settings
):
    settings.OUTBOX_MAX_ATTEMPTS = 3
    impostor = Receiver("a-different-secret-of-at-least-32-chars").start()
    try:
        _http_destination(admin_officer, impostor.url)
        stop_search_made(officer)
        for _ in range(3):
            outbox_run_once()
        assert impostor.rejected_signatures == 3 and impostor.processed == []
        dead = Delivery.objects.get()
        assert dead.status == DEAD and dead.last_error.startswith("HTTP 401")

        # When an information manager replays it, it is sent again (and refused again)
        delivery_replay(actor=admin_officer, delivery_id=dead.pk)
        assert Delivery.objects.get().status == PENDING
        assert AuditEvent.objects.filter(action="interop.delivery_replay").count() == 1
        outbox_run_once()
        assert impostor.rejected_signatures == 4
    finally:
        impostor.stop()


def test_signature_check_refuses_a_changed_body_a_wrong_secret_and_an_old_timestamp():
    body = b'{"record_id": "1"}'
    stamp = int(time.time())
    good = signature_make(SECRET, stamp, body)
    assert signature_verify(SECRET, str(stamp), body, good)
    assert not signature_verify(SECRET, str(stamp), body + b" ", good)
    assert not signature_verify("another-secret-another-secret-xx", str(stamp), body, good)
    assert not signature_verify(
        SECRET, str(stamp - 3600), body, signature_make(SECRET, stamp - 3600, body)
    )


def test_only_committed_changes_of_the_chosen_types_and_events_are_queued(
    officer, admin_officer, receiver
):
    _http_destination(admin_officer, receiver.url)
    kept = stop_search_made(officer)
    with pytest.raises(RuntimeError), transaction.atomic():
        stop_search_made(officer)
        raise RuntimeError("the request failed after the record was written")
    from frontline.common.clock import now
    from frontline.common.ids import uuid7
    from frontline.notebook.services import notebook_entry_create

    notebook_entry_create(
        officer=officer, entry_id=uuid7(), kind="entry", occurred_at=now(), text="Not for it."
    )

    outbox_run_once()

    assert list(Delivery.objects.values_list("record_id", flat=True)) == [kept.pk]


def test_directory_drop_writes_each_record_once_with_its_signature(
    officer, admin_officer, tmp_path
):
    folder = tmp_path / "drop"
    destination_create(
        actor=admin_officer,
        name="Stop search returns",
        kind="directory",
        directory=str(folder),
        secret=SECRET,
        record_types=["stopsearch.record"],
        events=["created"],
        format="police_uk",
    )
    search = stop_search_made(officer, person_name="Kept Back")

    outbox_run_once()
    outbox_run_once()

    files = sorted(path.name for path in folder.iterdir())
    assert len(files) == 2 and files[0].endswith(".json") and files[1].endswith(".json.sig")
    body = (folder / files[0]).read_bytes()
    stamp, signature = (folder / files[1]).read_text().split()
    assert signature_verify(SECRET, stamp, body, signature)
    document = json.loads(body)
    assert document["record"]["legislation"] == search.legislation
    assert "Kept Back" not in body.decode()  # data.police.uk carries no names


def test_csv_format_is_one_header_and_one_row(officer, admin_officer, tmp_path):
    destination_create(
        actor=admin_officer,
        name="CSV drop",
        kind="directory",
        directory=str(tmp_path),
        record_types=["stopsearch.record"],
        events=["created"],
        format="csv",
    )
    search = stop_search_made(officer)

    assert cli.main(["deliver", "--once"]) == 0  # the worker command, one pass
    (path,) = list(tmp_path.glob("*.csv"))
    rows = list(csv.DictReader(io.StringIO(path.read_text())))
    assert len(rows) == 1 and rows[0]["record.urn"] == search.urn


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"url": "ftp://records.example.police.uk/in"}, "url"),
        ({"url": "javascript:alert(1)"}, "url"),
        ({"secret": "too-short"}, "secret"),
        ({"secret": ""}, "secret"),
        ({"record_types": ["no.such.type"]}, "record_types"),
        ({"events": []}, "events"),
        ({"format": "pole"}, "format"),
        ({"format": "xml"}, "format"),
        ({"kind": "ftp"}, "kind"),
        ({"client_cert": "/etc/frontline/cert.pem"}, "client_key"),
    ],
)
def test_bad_destinations_are_refused_and_nothing_is_created(admin_officer, overrides, field):
    before = AuditEvent.objects.count()
    with pytest.raises(InvalidInput) as error:
        _http_destination(
            admin_officer, overrides.pop("url", "https://records.example.police.uk/in"), **overrides
        )
    assert error.value.field == field
    assert not Destination.objects.exists() and AuditEvent.objects.count() == before


def test_backoff_doubles_and_is_capped(settings):
    settings.OUTBOX_BACKOFF_SECONDS = 30
    assert [backoff(n).total_seconds() for n in (1, 2, 3, 4)] == [30, 60, 120, 240]
    assert backoff(40).total_seconds() == 6 * 3600


def test_json_document_of_a_record_type_keyed_by_text_is_found(officer):
    # The notebook's serialiser keys entries by their id's text; stop searches by the UUID.
    from frontline.common.clock import now
    from frontline.common.ids import uuid7
    from frontline.interop.outbox import _document
    from frontline.notebook.services import notebook_entry_create

    entry = notebook_entry_create(
        officer=officer, entry_id=uuid7(), kind="entry", occurred_at=now(), text="Sent on."
    ).entry
    search = stop_search_made(officer)

    destination = Destination(format="json", restricted=False)
    assert _document(destination, "notebook.entry", entry.pk)["text"] == "Sent on."
    assert _document(destination, "stopsearch.record", search.pk)["id"] == str(search.pk)


@pytest.mark.parametrize("format", ["json", "csv"])
@pytest.mark.parametrize("restricted", [False, True], ids=["default", "entitled"])
def test_a_statements_rear_page_goes_only_to_a_destination_set_up_to_receive_it(
    officer, admin_officer, tmp_path, format, restricted
):
    # Given a destination for statements, set up with or (by default) without restricted content
    folder = tmp_path / "drop"
    extra = {"restricted": True} if restricted else {}
    destination = destination_create(
        actor=admin_officer,
        name="Witness care unit",
        kind="directory",
        directory=str(folder),
        secret=SECRET,
        record_types=["statement.mg11"],
        events=["created"],
        format=format,
        **extra,
    )
    address, phone = "4 Rear Page Row, London W6 0AA", "07700 900123"
    statement = take_statement(officer, address=address, phone=phone)

    # When the outbox runs
    assert outbox_run_once().delivered == 1

    # Then the front page always goes; the rear page only to the entitled destination
    body = next(path for path in folder.iterdir() if not path.name.endswith(".sig")).read_text()
    assert statement.urn in body
    assert (address in body) is restricted and (phone in body) is restricted
    if format == "json":
        assert ("restricted" in json.loads(body)["record"]) is restricted
    # ...and choosing it is in the audit trail
    created = AuditEvent.objects.get(
        action="interop.destination_create", object_id=str(destination.pk)
    )
    assert json.loads(created.detail)["restricted"] is restricted
    assert Destination.objects.get().restricted is restricted


def test_the_restricted_flag_must_be_a_yes_or_no(admin_officer, tmp_path):
    with pytest.raises(InvalidInput) as error:
        destination_create(
            actor=admin_officer,
            name="Witness care unit",
            kind="directory",
            directory=str(tmp_path),
            record_types=["statement.mg11"],
            events=["created"],
            format="json",
            restricted="yes",
        )
    assert error.value.field == "restricted"
    assert not Destination.objects.exists()
