"""Reading, downloading and exporting evidence: who may, what each read logs, exact headers."""

import json
from itertools import pairwise
from uuid import uuid4

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from frontline.audit.models import AuditEvent
from frontline.evidence import selectors
from tests.evidence.helpers import PHOTO, REASON, item_create, sha, upload

ROOT = "/api/v1/evidence"


def _actions(item):
    return [event.action for event in selectors.evidence_custody_list(item_id=item.pk)]


def _custody(item):
    return selectors.evidence_custody_list(item_id=item.pk)


def test_owner_reads_item_with_custody_and_the_read_is_a_viewed_event(api_factory, officer, item):
    api = api_factory(officer)

    response = api.get(f"{ROOT}/{item.pk}")

    assert response.status_code == 200
    body = response.json()
    assert body["item"]["id"] == str(item.pk)
    assert body["item"]["sha256"] == sha(PHOTO)
    assert body["item"]["complete"] is True
    assert [event["action"] for event in body["custody"]] == [
        "captured",
        "received",
        "uploaded",
        "viewed",
    ]
    viewed = body["custody"][-1]
    assert (viewed["actor_id"], viewed["device_id"], viewed["reason"]) == (
        str(officer.pk),
        str(api.device.pk),
        "",
    )
    assert not AuditEvent.objects.filter(action="consultation").exists()


@pytest.mark.parametrize("reader", ["supervisor", "auditor"])
def test_supervisor_or_auditor_reads_with_a_reason_logged_in_custody_and_audit(
    request, api_factory, item, reader
):
    viewer = request.getfixturevalue(reader)
    api = api_factory(viewer)

    response = api.get(f"{ROOT}/{item.pk}", {"reason": REASON})

    assert response.status_code == 200
    viewed = _custody(item)[-1]
    assert (viewed.action, viewed.actor_id, viewed.device_id, viewed.reason) == (
        "viewed",
        viewer.pk,
        api.device.pk,
        REASON,
    )
    consultation = AuditEvent.objects.get(action="consultation")
    assert (consultation.actor_id, consultation.object_type, consultation.object_id) == (
        viewer.pk,
        "evidence.item",
        str(item.pk),
    )
    assert consultation.justification == REASON


@pytest.mark.parametrize("path", ["", "/content"])
@pytest.mark.parametrize("reason", [None, "", "   ", "why"])
def test_reading_anothers_evidence_without_a_real_reason_is_refused_and_logs_nothing(
    api_factory, supervisor, item, path, reason
):
    before = _actions(item)

    response = api_factory(supervisor).get(
        f"{ROOT}/{item.pk}{path}", {} if reason is None else {"reason": reason}
    )

    assert response.status_code == 422
    assert response.json()["field"] == "reason"
    assert _actions(item) == before
    assert not AuditEvent.objects.filter(action="consultation").exists()


@pytest.mark.parametrize("reader", ["team_mate", "other_officer", "other_supervisor"])
def test_others_get_not_found_and_nothing_is_logged(request, api_factory, item, reader):
    api = api_factory(request.getfixturevalue(reader))
    before = _actions(item)

    responses = [
        api.get(f"{ROOT}/{item.pk}", {"reason": REASON}),
        api.get(f"{ROOT}/{item.pk}/content", {"reason": REASON}),
        api.post(f"{ROOT}/{item.pk}/export", {"reason": REASON, "recipient": "CPS"}),
        api.get(f"{ROOT}/{uuid4()}", {"reason": REASON}),
    ]

    assert [response.status_code for response in responses] == [404, 404, 404, 404]
    assert responses[0].json() == responses[3].json()
    assert _actions(item) == before


def test_download_streams_the_bytes_with_safe_headers(api_factory, officer, item):
    response = api_factory(officer).get(f"{ROOT}/{item.pk}/content")

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PHOTO
    assert response["Content-Type"] == "image/png"
    assert response["Content-Disposition"] == 'attachment; filename="scene.png"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "private, no-store"
    viewed = _custody(item)[-1]
    assert (viewed.action, json.loads(viewed.detail)) == ("viewed", {"content": True})


def test_download_before_the_bytes_arrive_is_409_and_logs_nothing(
    media, api_factory, officer, entry
):
    item = item_create(officer, entry.pk)

    response = api_factory(officer).get(f"{ROOT}/{item.pk}/content")

    assert response.status_code == 409
    assert response.json()["error"] == "awaiting_media"
    assert _actions(item) == ["captured", "received"]


def test_custody_runs_capture_receive_upload_view_export_in_order_and_linked(
    media, api_factory, officer, supervisor, entry
):
    # Given an item pushed before its bytes
    own = api_factory(officer)
    item = item_create(officer, entry.pk, device=own.device)
    # When the bytes arrive, the owner views them and the supervisor exports with a reason
    upload(own.device, PHOTO)
    own.get(f"{ROOT}/{item.pk}/content")
    sup = api_factory(supervisor)
    response = sup.post(f"{ROOT}/{item.pk}/export", {"reason": REASON, "recipient": "CPS London"})

    # Then the chain is complete, in order, each event linked to the one before
    assert response.status_code == 200
    events = _custody(item)
    assert [event.action for event in events] == [
        "captured",
        "received",
        "uploaded",
        "viewed",
        "exported",
    ]
    assert [event.seq for event in events] == [1, 2, 3, 4, 5]
    assert events[0].prev_hash == item.hash
    assert all(later.prev_hash == earlier.hash for earlier, later in pairwise(events))
    assert events[0].at == item.captured_at
    assert events[2].device_id == own.device.pk
    exported = events[4]
    assert (exported.actor_id, exported.reason, json.loads(exported.detail)) == (
        supervisor.pk,
        REASON,
        {"recipient": "CPS London"},
    )
    disclosure = AuditEvent.objects.get(action="disclosure")
    assert (disclosure.actor_id, disclosure.object_id, disclosure.justification) == (
        supervisor.pk,
        str(item.pk),
        REASON,
    )


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"recipient": "CPS London"}, "reason"),
        ({"reason": "", "recipient": "CPS London"}, "reason"),
        ({"reason": REASON, "recipient": "  "}, "recipient"),
        ({"reason": REASON, "recipient": "CPS\x07"}, "recipient"),
    ],
)
def test_export_without_reason_or_recipient_is_refused(api_factory, officer, item, body, field):
    before = _actions(item)

    response = api_factory(officer).post(f"{ROOT}/{item.pk}/export", body)

    assert response.status_code == 422
    assert field in json.dumps(response.json())
    assert _actions(item) == before
    assert not AuditEvent.objects.filter(action="disclosure").exists()


def test_auditor_may_read_but_not_export(api_factory, auditor, item):
    response = api_factory(auditor).post(
        f"{ROOT}/{item.pk}/export", {"reason": REASON, "recipient": "CPS London"}
    )

    assert response.status_code == 403
    assert "exported" not in _actions(item)


def test_list_for_a_record_shows_what_the_caller_may_see(
    api_factory, officer, team_mate, supervisor, entry, item
):
    params = {"record_type": "notebook.entry", "record_id": str(entry.pk)}

    own = api_factory(officer).get(ROOT, params)
    mate = api_factory(team_mate).get(ROOT, params)
    sup_without = api_factory(supervisor).get(ROOT, params)
    sup = api_factory(supervisor).get(ROOT, {**params, "reason": REASON})

    assert [row["id"] for row in own.json()["items"]] == [str(item.pk)]
    assert mate.json() == {"items": []}
    assert sup_without.status_code == 422
    assert [row["id"] for row in sup.json()["items"]] == [str(item.pk)]
    consultation = AuditEvent.objects.get(action="consultation")
    assert (consultation.object_type, consultation.object_id) == ("notebook.entry", str(entry.pk))


def test_list_takes_the_same_queries_for_one_item_or_many(api_factory, officer, entry, item):
    api = api_factory(officer)
    params = {"record_type": "notebook.entry", "record_id": str(entry.pk)}
    api.get(ROOT, params)  # warm the session and device lookups

    with CaptureQueriesContext(connection) as one:
        assert len(api.get(ROOT, params).json()["items"]) == 1
    for index in range(4):
        data = PHOTO + bytes([index])
        upload(api.device, data)
        item_create(officer, entry.pk, data=data)
    with CaptureQueriesContext(connection) as five:
        assert len(api.get(ROOT, params).json()["items"]) == 5

    assert len(five) == len(one)


def test_an_upload_not_reported_by_sync_is_noticed_on_the_next_read(
    media, api_factory, officer, entry
):
    # Given an item whose bytes arrived without the sync engine waiting for them
    api = api_factory(officer)
    item = item_create(officer, entry.pk, device=api.device)
    upload(api.device, PHOTO)
    assert _actions(item) == ["captured", "received"]

    # When it is read
    body = api.get(f"{ROOT}/{item.pk}").json()

    # Then it is complete, the upload logged once before the view
    assert body["item"]["complete"] is True
    assert [event["action"] for event in body["custody"]] == [
        "captured",
        "received",
        "uploaded",
        "viewed",
    ]
