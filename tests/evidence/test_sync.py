"""Evidence through sync: item before or after its bytes, completed exactly once."""

from uuid import uuid4

from frontline.audit.models import AuditEvent
from frontline.evidence import selectors
from frontline.sync.models import MediaWait
from tests.evidence.helpers import PHOTO, item_payload, sha, upload
from tests.sync.helpers import Device

TYPE = "evidence.item"


def _actions(item_id):
    return [event.action for event in selectors.evidence_custody_list(item_id=item_id)]


def test_item_before_its_bytes_awaits_media_then_completes_once_on_upload(
    media, api_factory, officer, entry
):
    # Given an officer's app that pushes a photo's item before uploading the photo
    api = api_factory(officer)
    app = Device(api)
    item_id = uuid4()

    # When the item is pushed
    result = app.push(
        app.mutation(item_payload("notebook.entry", entry.pk), type=TYPE, record_id=item_id)
    ).json()["results"][0]

    # Then it is applied, awaiting its bytes, and not yet complete
    assert result["status"] == "applied"
    assert result["awaiting_media"] == [sha(PHOTO)]
    item = selectors.evidence_item_get(item_id=item_id)
    assert item.head.complete is False
    assert _actions(item_id) == ["captured", "received"]

    # When the bytes are uploaded, twice over from two handsets
    upload(api.device, PHOTO)
    upload(api_factory(officer).device, PHOTO)

    # Then the item is complete with exactly one `uploaded` event, and the app can pull that
    item = selectors.evidence_item_get(item_id=item_id)
    assert item.head.complete is True
    assert _actions(item_id) == ["captured", "received", "uploaded"]
    assert not MediaWait.objects.exists()
    assert AuditEvent.objects.filter(action="evidence.uploaded").count() == 1
    changes, _ = app.pull_all()
    pulled = [change for change in changes if change["type"] == TYPE]
    assert pulled[-1]["data"]["complete"] is True


def test_item_after_its_bytes_is_complete_at_once(media, api_factory, officer, entry):
    # Given the photo already uploaded
    api = api_factory(officer)
    upload(api.device, PHOTO)
    app = Device(api)
    item_id = uuid4()

    # When the item is pushed
    result = app.push(
        app.mutation(item_payload("notebook.entry", entry.pk), type=TYPE, record_id=item_id)
    ).json()["results"][0]

    # Then nothing is awaited and the chain already records the upload
    assert result["status"] == "applied"
    assert "awaiting_media" not in result
    assert _actions(item_id) == ["captured", "received", "uploaded"]


def test_pushing_the_same_item_again_applies_it_once(media, api_factory, officer, entry):
    # Given an item pushed once
    app = Device(api_factory(officer))
    mutation = app.mutation(item_payload("notebook.entry", entry.pk), type=TYPE)
    first = app.push(mutation).json()["results"][0]

    # When the same mutation is sent again, and the same item in a new mutation
    replay = app.push(mutation).json()["results"][0]
    again = app.push(app.mutation(mutation["payload"], type=TYPE, record_id=mutation["id"])).json()[
        "results"
    ][0]

    # Then the replay gets the stored answer, the new mutation is a duplicate, one chain exists
    assert replay == first
    assert again["status"] == "duplicate"
    assert _actions(mutation["id"]) == ["captured", "received"]
    assert AuditEvent.objects.filter(action="evidence.capture").count() == 1


def test_reusing_an_item_id_with_other_content_is_refused(media, api_factory, officer, entry):
    app = Device(api_factory(officer))
    mutation = app.mutation(item_payload("notebook.entry", entry.pk), type=TYPE)
    app.push(mutation)

    result = app.push(
        app.mutation(
            item_payload("notebook.entry", entry.pk, description="Another photo."),
            type=TYPE,
            record_id=mutation["id"],
        )
    ).json()["results"][0]

    assert result["status"] == "rejected"
    assert result["error"]["code"] == "id_reused"


def test_bad_fields_are_refused_by_name_and_write_nothing(media, api_factory, officer, entry):
    app = Device(api_factory(officer))
    cases = {
        "payload.sha256": {"sha256": "not-a-hash"},
        "payload.media_type": {"media_type": "text/html"},
        "payload.size": {"size": 0},
        "payload.captured_at": {"captured_at": "2099-01-01T00:00:00+00:00"},
        "payload.record_type": {"record_type": "no.such.type"},
        "payload.filename": {"filename": "../../etc/passwd"},
        "payload.description": {"description": "bell\x07"},
    }
    for field, override in cases.items():
        result = app.push(
            app.mutation(item_payload("notebook.entry", entry.pk, **override), type=TYPE)
        ).json()["results"][0]
        assert (result["status"], result["error"]["field"]) == ("rejected", field), override
    assert selectors.evidence_recent_own(officer=officer) == []
    assert not AuditEvent.objects.filter(action="evidence.capture").exists()


def test_attaching_to_another_officers_record_is_refused(media, api_factory, other_officer, entry):
    # Given a notebook entry of `officer`'s, known to the change feed
    app = Device(api_factory(other_officer))

    # When an officer of another team attaches a photo to it
    result = app.push(app.mutation(item_payload("notebook.entry", entry.pk), type=TYPE)).json()[
        "results"
    ][0]

    # Then it is refused, naming the record
    assert result["status"] == "rejected"
    assert result["error"] == {
        "code": "record_not_found",
        "message": "no such record of yours to attach to",
        "field": "payload.record_id",
    }
    assert selectors.evidence_recent_own(officer=other_officer) == []


def test_bytes_that_disagree_with_the_item_are_refused(media, api_factory, officer, entry):
    api = api_factory(officer)
    upload(api.device, PHOTO)
    app = Device(api)

    result = app.push(
        app.mutation(item_payload("notebook.entry", entry.pk, size=len(PHOTO) + 1), type=TYPE)
    ).json()["results"][0]

    assert (result["status"], result["error"]["field"]) == ("rejected", "payload.size")
