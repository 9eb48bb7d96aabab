"""Back-office evidence pages: reason forms, logged previews, hash check, fixed query counts."""

import json

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from frontline.audit.models import AuditEvent
from frontline.evidence import selectors
from frontline.sync.blobs import blob_path
from tests.evidence.helpers import PHOTO, REASON, item_create, sha, upload


def signed_in(officer) -> Client:
    client = Client()
    client.force_login(officer)
    return client


def _custody(item):
    return selectors.evidence_custody_list(item_id=item.pk)


def test_owner_opens_an_item_sees_preview_and_custody_and_both_loads_are_logged(officer, item):
    client = signed_in(officer)

    page = client.get(f"/office/evidence/{item.pk}/")
    image = client.get(f"/office/evidence/{item.pk}/content")

    assert page.status_code == 200
    html = page.content.decode()
    assert f'<img src="/office/evidence/{item.pk}/content"' in html
    assert "Chain of custody" in html and "Bytes uploaded and verified" in html
    assert image.status_code == 200
    assert b"".join(image.streaming_content) == PHOTO
    assert image["Content-Type"] == "image/png"
    assert image["Content-Disposition"] == 'inline; filename="scene.png"'
    assert image["X-Content-Type-Options"] == "nosniff"
    views = [json.loads(event.detail) for event in _custody(item) if event.action == "viewed"]
    assert views == [{"via": "office"}, {"content": True, "via": "office"}]


def test_supervisor_gives_a_reason_before_seeing_the_item_and_its_preview(supervisor, item):
    client = signed_in(supervisor)
    before = len(_custody(item))

    form = client.get(f"/office/evidence/{item.pk}/")
    preview_without = client.get(f"/office/evidence/{item.pk}/content")
    assert form.status_code == 200 and "Why are you viewing this evidence?" in form.content.decode()
    assert preview_without.status_code == 422
    assert len(_custody(item)) == before

    page = client.post(f"/office/evidence/{item.pk}/", {"reason": REASON})
    preview = client.get(f"/office/evidence/{item.pk}/content")

    assert (page.status_code, preview.status_code) == (200, 200)
    viewed = _custody(item)[before:]
    assert [(event.action, event.actor_id, event.reason) for event in viewed] == [
        ("viewed", supervisor.pk, REASON),
        ("viewed", supervisor.pk, REASON),
    ]
    assert AuditEvent.objects.filter(action="consultation", justification=REASON).count() == 2


def test_supervisor_without_a_real_reason_sees_nothing(supervisor, item):
    before = len(_custody(item))

    response = signed_in(supervisor).post(f"/office/evidence/{item.pk}/", {"reason": "why"})

    assert response.status_code == 422
    assert len(_custody(item)) == before


@pytest.mark.parametrize("reader", ["team_mate", "other_supervisor", "fleet_manager"])
def test_others_get_not_found(request, item, reader):
    client = signed_in(request.getfixturevalue(reader))

    responses = [
        client.get(f"/office/evidence/{item.pk}/"),
        client.get(f"/office/evidence/{item.pk}/content"),
        client.post(f"/office/evidence/{item.pk}/verify"),
    ]

    assert [response.status_code for response in responses] == [404, 404, 404]


def test_hash_check_shows_match_then_mismatch_after_the_file_is_altered(officer, item):
    client = signed_in(officer)

    intact = client.post(f"/office/evidence/{item.pk}/verify")
    blob_path(item.sha256).write_bytes(PHOTO + b"altered")
    altered = client.post(f"/office/evidence/{item.pk}/verify")

    assert "The stored file matches its hash" in intact.content.decode()
    assert "does NOT match" in altered.content.decode()
    checks = [json.loads(e.detail).get("verify") for e in _custody(item) if e.action == "viewed"]
    assert checks == ["match", "mismatch"]


def test_record_page_lists_items_in_fixed_queries(officer, entry, item, handset):
    client = signed_in(officer)
    url = f"/office/evidence/record/notebook.entry/{entry.pk}/"
    client.get(url)

    with CaptureQueriesContext(connection) as one:
        assert client.get(url).status_code == 200
    for index in range(3):
        data = PHOTO + bytes([index])
        upload(handset, data)
        item_create(officer, entry.pk, data=data)
    with CaptureQueriesContext(connection) as four:
        response = client.get(url)

    assert response.content.decode().count("/office/evidence/") >= 4
    assert len(four) == len(one)


def test_supervisor_lists_a_records_evidence_after_giving_a_reason(supervisor, entry, item):
    client = signed_in(supervisor)
    url = f"/office/evidence/record/notebook.entry/{entry.pk}/"

    form = client.get(url)
    page = client.post(url, {"reason": REASON})

    assert "Why are you viewing this evidence?" in form.content.decode()
    assert f"/office/evidence/{item.pk}/" in page.content.decode()
    consultation = AuditEvent.objects.get(action="consultation")
    assert (consultation.object_type, consultation.object_id) == ("notebook.entry", str(entry.pk))


def test_lookup_form_leads_to_the_records_page(officer, entry, item):
    response = signed_in(officer).get(
        "/office/evidence/", {"record_type": "notebook.entry", "record_id": str(entry.pk)}
    )

    assert response.status_code == 302
    assert response["Location"] == f"/office/evidence/record/notebook.entry/{entry.pk}/"
    assert sha(PHOTO) == item.sha256


def test_index_lists_own_items_in_fixed_queries(officer, entry, item, handset):
    client = signed_in(officer)
    client.get("/office/evidence/")

    with CaptureQueriesContext(connection) as one:
        assert client.get("/office/evidence/").status_code == 200
    for index in range(3):
        data = PHOTO + bytes([index])
        upload(handset, data)
        item_create(officer, entry.pk, data=data)
    with CaptureQueriesContext(connection) as four:
        response = client.get("/office/evidence/")

    body = response.content.decode()
    assert body.split("<main", 1)[1].count('href="/office/evidence/') == 4  # one per item
    assert len(four) == len(one)
